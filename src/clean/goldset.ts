/**
 * Line-labelled gold data (the format of /work/shared/data/clean and evals/data/clean):
 * articles `{id, source, title, text, split?}` + labels `{id, lines: [{n, class}], inline_prefix}`,
 * and line-level scoring of the cleaner against them. Used by evals/clean.ts and train.ts.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { LineClass } from '../model.ts';
import { BoilerplateModel } from './boilerplate.ts';

export interface GoldArticle {
  id: string;
  source: string | null;
  title: string | null;
  text: string;
  rawKind: 'text' | 'html';
  split: 'dev' | 'test';
  /** gold class per line of text.split("\n") (for HTML: per line of the extracted text, when given) */
  lines: (LineClass | 'empty')[];
  /** `n` may be missing (corpus truth): then only the text is compared */
  inlinePrefix: { n?: number; text: string; kind: string } | null;
  /** HTML gold: the body paragraphs the page carries */
  bodyParagraphs?: string[];
  template?: string;
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export async function* readJsonlGz<T>(path: string): AsyncGenerator<T> {
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const l of rl) if (l.trim()) yield JSON.parse(l) as T;
}

interface LabelRec {
  id: string;
  lines?: { n: number; class: string }[];
  inline_prefix?: { n: number; text: string; kind: string } | null;
  body_paragraphs?: string[];
}
interface ArticleRec {
  id: string;
  source?: string | null;
  title?: string | null;
  text?: string;
  html?: string;
  split?: string;
  template?: string;
}

/** Join an articles file and a labels file by id. */
export function loadGold(articlesPath: string, labelsPath: string, defaultSplit: 'dev' | 'test'): GoldArticle[] {
  const labels = new Map(readJsonl<LabelRec>(labelsPath).map((l) => [l.id, l]));
  const out: GoldArticle[] = [];
  for (const a of readJsonl<ArticleRec>(articlesPath)) {
    const lab = labels.get(a.id);
    if (!lab) continue;
    const html = typeof a.html === 'string';
    const text = html ? a.html! : a.text ?? '';
    const n = html ? 0 : text.split('\n').length;
    const lines: (LineClass | 'empty')[] = new Array(n).fill('empty');
    for (const x of lab.lines ?? []) if (x.n < n) lines[x.n] = x.class as LineClass;
    out.push({
      id: a.id,
      source: a.source ?? null,
      title: a.title ?? null,
      text,
      rawKind: html ? 'html' : 'text',
      split: a.split === 'test' ? 'test' : a.split === 'dev' ? 'dev' : defaultSplit,
      lines,
      inlinePrefix: lab.inline_prefix ?? null,
      bodyParagraphs: lab.body_paragraphs,
      template: a.template,
    });
  }
  return out;
}

/** Build a boilerplate model from the public streams for the given sources (bounded). */
export async function modelFromStreams(paths: string[], sources: Set<string>, maxPerSource = 5000): Promise<BoilerplateModel> {
  const m = new BoilerplateModel();
  const seen = new Map<string, number>();
  for (const p of paths) {
    if (!existsSync(p)) continue;
    for await (const a of readJsonlGz<{ source?: string; text?: string }>(p)) {
      const s = a.source ?? null;
      if (!s || !sources.has(s) || !a.text) continue;
      const k = seen.get(s) ?? 0;
      if (k >= maxPerSource) continue;
      seen.set(s, k + 1);
      m.add(s, a.text);
    }
  }
  return m;
}

// ---------------------------------------------------------------- scoring

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Score {
  /** body is the positive class */
  body: Counts;
  /** non-body is the positive class */
  nonBody: Counts;
  perClass: Map<string, Counts>;
  prefix: { articles: number; correct: number; kindCorrect: number; goldPrefixes: number };
  lines: number;
  errors: { id: string; n: number; gold: string; pred: string; text: string }[];
}

export function emptyScore(): Score {
  return {
    body: { tp: 0, fp: 0, fn: 0 },
    nonBody: { tp: 0, fp: 0, fn: 0 },
    perClass: new Map(),
    prefix: { articles: 0, correct: 0, kindCorrect: 0, goldPrefixes: 0 },
    lines: 0,
    errors: [],
  };
}

const cls = (m: Map<string, Counts>, k: string): Counts => {
  let c = m.get(k);
  if (!c) m.set(k, (c = { tp: 0, fp: 0, fn: 0 }));
  return c;
};

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Score one article's predicted line classes against gold. */
export function scoreLines(
  score: Score,
  g: GoldArticle,
  pred: (LineClass | null)[],
  predPrefix: { n: number; text: string; kind: string } | null,
  textLines: string[],
): void {
  for (let n = 0; n < g.lines.length; n++) {
    const gold = g.lines[n]!;
    if (gold === 'empty' || !textLines[n]?.trim()) continue;
    const p = pred[n] ?? 'body';
    score.lines++;
    const gb = gold === 'body';
    const pb = p === 'body';
    if (gb && pb) score.body.tp++;
    else if (!gb && pb) score.body.fp++;
    else if (gb && !pb) score.body.fn++;
    if (!gb && !pb) score.nonBody.tp++;
    else if (gb && !pb) score.nonBody.fp++;
    else if (!gb && pb) score.nonBody.fn++;
    if (gold === p) cls(score.perClass, gold).tp++;
    else {
      cls(score.perClass, p).fp++;
      cls(score.perClass, gold).fn++;
      score.errors.push({ id: g.id, n, gold, pred: p, text: textLines[n]!.slice(0, 90) });
    }
  }
  score.prefix.articles++;
  if (g.inlinePrefix) score.prefix.goldPrefixes++;
  const gp = g.inlinePrefix;
  if (!gp && !predPrefix) score.prefix.correct++;
  else if (gp && predPrefix && (gp.n === undefined || gp.n === predPrefix.n) && squash(gp.text) === squash(predPrefix.text)) {
    score.prefix.correct++;
    if (gp.kind === predPrefix.kind) score.prefix.kindCorrect++;
  }
}
