/**
 * Fits the body/non-body scorer (logistic regression, L2, class-weighted) and writes weights.ts.
 *   npx tsx src/clean/train.ts [--cv]
 * Training data: the DEV half of our gold set (evals/data/clean, dev templates only) and the
 * public dev file /work/shared/data/clean (with a boilerplate model built from the public
 * streams, as at run time). Test-split items are never read. Only lines that no hard cue
 * decides are used (the scorer never sees the others). The threshold is the highest one
 * whose body recall on the training lines is ≥ 0.99; `--cv` prints 5-fold (by article) figures.
 */
import { writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGold, modelFromStreams, type GoldArticle } from './goldset.ts';
import { splitLines } from './lines.ts';
import { computeSignals, FEATURES } from './features.ts';
import { classifyLines } from './classify.ts';
import type { BoilerplateModel } from './boilerplate.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const shared = process.env.MARSAD_SHARED_DATA ?? join(root, '..', 'shared', 'data');

interface Ex {
  x: number[];
  y: number;
  art: number;
}

function examples(items: GoldArticle[], model: BoilerplateModel | undefined, artBase: number): Ex[] {
  const out: Ex[] = [];
  items.forEach((g, ai) => {
    if (g.rawKind !== 'text') return;
    const lines = splitLines(g.text);
    const sig = computeSignals(lines, { title: g.title, source: g.source, model, selfCounted: model?.hasArticle(g.source, g.text) ?? false });
    const dec = classifyLines(sig, { weights: {}, threshold: 2 });
    dec.forEach((d, i) => {
      const gold = g.lines[i];
      if (d.reason !== 'scorer' || !gold || gold === 'empty') return;
      out.push({ x: FEATURES.map((k) => sig[i]!.f[k]), y: gold === 'body' ? 0 : 1, art: artBase + ai });
    });
  });
  return out;
}

function fit(data: Ex[], l2 = 0.01, epochs = 3000, lr = 0.5): number[] {
  const w = new Array(FEATURES.length).fill(0);
  const pos = data.filter((d) => d.y === 1).length;
  const neg = data.length - pos;
  // weight the rarer non-body lines up, but keep body lines dearer than balance would (recall first)
  const cw = [1, Math.min(neg / Math.max(pos, 1), 4)];
  for (let e = 0; e < epochs; e++) {
    const g = new Array(w.length).fill(0);
    let tot = 0;
    for (const d of data) {
      let z = 0;
      for (let j = 0; j < w.length; j++) z += w[j] * d.x[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const c = cw[d.y]!;
      tot += c;
      for (let j = 0; j < w.length; j++) g[j] += c * (p - d.y) * d.x[j]!;
    }
    for (let j = 0; j < w.length; j++) w[j] -= lr * (g[j] / tot + (j === 0 ? 0 : l2 * w[j]));
  }
  return w;
}

const prob = (w: number[], x: number[]): number => 1 / (1 + Math.exp(-w.reduce((a, wj, j) => a + wj * x[j]!, 0)));

function pickThreshold(w: number[], data: Ex[], minRecall = 0.99): number {
  const body = data.filter((d) => d.y === 0).map((d) => prob(w, d.x)).sort((a, b) => a - b);
  // body lines with p ≤ t are kept: the smallest t keeping ≥ minRecall of them, never below 0.5
  const k = Math.ceil(body.length * minRecall) - 1;
  return Math.max(0.5, Math.min(0.95, (body[Math.max(0, k)] ?? 0.5) + 1e-6));
}

function evaluate(w: number[], t: number, data: Ex[]): { bodyR: number; bodyP: number; nbR: number; nbP: number } {
  let tp = 0, fp = 0, fn = 0, ntp = 0;
  for (const d of data) {
    const nb = prob(w, d.x) > t;
    if (d.y === 0 && !nb) tp++;
    if (d.y === 1 && !nb) fp++;
    if (d.y === 0 && nb) fn++;
    if (d.y === 1 && nb) ntp++;
  }
  return { bodyR: tp / (tp + fn), bodyP: tp / (tp + fp), nbR: ntp / (ntp + fp), nbP: ntp / (ntp + fn) };
}

const goldDir = join(root, 'evals', 'data', 'clean');
const gold = existsSync(join(goldDir, 'articles.jsonl')) ? loadGold(join(goldDir, 'articles.jsonl'), join(goldDir, 'labels.jsonl'), 'dev').filter((g) => g.split === 'dev') : [];
let data: Ex[] = examples(gold, undefined, 0);
const arts = join(shared, 'clean', 'dev-articles.jsonl');
if (existsSync(arts)) {
  const dev = loadGold(arts, join(shared, 'clean', 'dev-labels.jsonl'), 'dev');
  const model = await modelFromStreams([join(shared, 'ant', 'articles.jsonl.gz'), join(shared, 'saudinewsnet', 'articles.jsonl.gz')], new Set(dev.map((g) => g.source ?? '')));
  data = data.concat(examples(dev, model, 10000));
} else console.log('shared clean dev file not present: training on our gold dev half only');
console.log(`training lines (scorer-decided): ${data.length}, non-body ${data.filter((d) => d.y === 1).length}`);

if (process.argv.includes('--cv')) {
  const folds = 5;
  const all: Ex[] = [];
  const preds: { d: Ex; nb: boolean }[] = [];
  for (let f = 0; f < folds; f++) {
    const train = data.filter((d) => d.art % folds !== f);
    const test = data.filter((d) => d.art % folds === f);
    const w = fit(train);
    const t = pickThreshold(w, train);
    for (const d of test) preds.push({ d, nb: prob(w, d.x) > t });
    all.push(...test);
  }
  let tp = 0, fp = 0, fn = 0;
  for (const { d, nb } of preds) {
    if (d.y === 0 && !nb) tp++;
    if (d.y === 1 && !nb) fp++;
    if (d.y === 0 && nb) fn++;
  }
  console.log(`5-fold CV (scorer-decided lines only): body P ${(tp / (tp + fp)).toFixed(3)} R ${(tp / (tp + fn)).toFixed(3)}`);
}

const w = fit(data);
const t = pickThreshold(w, data);
const e = evaluate(w, t, data);
console.log(`threshold ${t.toFixed(3)}; training lines: body P ${e.bodyP.toFixed(3)} R ${e.bodyR.toFixed(3)}; non-body P ${e.nbP.toFixed(3)} R ${e.nbR.toFixed(3)}`);
const weights = Object.fromEntries(FEATURES.map((k, j) => [k, Math.round(w[j] * 1000) / 1000]));
const src = `/**
 * Weights of the body/non-body scorer (logistic regression over \`FEATURES\`, positive = non-body).
 * Written by \`npx tsx src/clean/train.ts\` — do not edit by hand; see docs/design/clean.md.
 */
export const WEIGHTS: Record<string, number> = ${JSON.stringify(weights, null, 2)};
/** Non-body when P(non-body) exceeds this (highest threshold with body recall ≥ 0.99 on the training lines). */
export const THRESHOLD = ${t.toFixed(3)};
export const TRAINED_ON = ${JSON.stringify(`${data.length} scorer-decided lines: our gold dev half (${gold.length} articles) + shared clean/dev (with stream boilerplate model)`)};
`;
writeFileSync(join(here, 'weights.ts'), src);
console.log('wrote src/clean/weights.ts');
