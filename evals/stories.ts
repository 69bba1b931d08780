/**
 * `npm run eval -- stories [--stream] [--sweep] [--set k=v,…] [--grid "k=v,…;k=v,…"]`: story and event clustering quality.
 *
 * Public data: ../shared/data/ant/articles.jsonl.gz replayed in `published` order — the
 * labelled window 14–15 April 2018 after the 30 days before it (the clusterer's document
 * frequencies and stories come from what was published before, as in production; default), or
 * the whole stream (`--stream`) — and scored on the labelled ids of ant/stories-dev.json
 * (B-cubed and pairwise P/R/F1), next to the single-pass TF-IDF baseline
 * (src/stories/baseline.ts) at its best threshold, idf fitted on the window or incremental.
 * Bodies are cleaned with src/clean first (related headlines and CTAs removed).
 * Bundled corpus: examples/corpus/truth.json (story and event of every article).
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { StoryClusterer, DEFAULT_PARAMS, type ClusterParams } from '../src/stories/clusterer.ts';
import { cleanArticle } from '../src/clean/index.ts';
import { loadModel, tagEntities } from '../src/extract/entities/index.ts';
import { baselineClusters } from '../src/stories/baseline.ts';
import type { StoryInput } from '../src/stories/features.ts';
import { bcubed, pairwise } from './_cluster-metrics.ts';
import { fmt, projectRoot, sharedFile, writeSection, type PRF } from './report.ts';
import { loadTruth, truthArticleText } from '../src/corpus/truth.ts';
import { join } from 'node:path';

interface AntArticle {
  id: string;
  source: string;
  published: string;
  title: string;
  text: string;
}

export async function readJsonlGz<T>(path: string, keep: (r: T) => boolean = () => true): Promise<T[]> {
  const out: T[] = [];
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line) continue;
    const r = JSON.parse(line) as T;
    if (keep(r)) out.push(r);
  }
  return out;
}

/** Entity mention texts as the pipeline passes them (src/pipeline/analyse.ts): NER over each body paragraph. */
function mentionTexts(paragraphs: string[]): string[] {
  const model = loadModel();
  return paragraphs.flatMap((p) => tagEntities(p, model).map((m) => m.text));
}

function toInput(a: AntArticle): StoryInput {
  const paragraphs = cleanArticle({ raw: a.text, rawKind: 'text', source: a.source, title: a.title }).paragraphs.map((p) => p.text);
  return { id: a.id, time: Date.parse(a.published), title: a.title, body: paragraphs.join('\n'), source: a.source, entities: mentionTexts(paragraphs) };
}

const WARMUP_DAYS = 30;

function runClusterer(inputs: StoryInput[], params: Partial<ClusterParams>): { story: Map<string, string>; event: Map<string, string> } {
  const c = new StoryClusterer(params);
  for (const a of inputs) c.assign(a);
  const story = new Map<string, string>();
  const event = new Map<string, string>();
  for (const s of c.snapshot()) {
    for (const id of s.articleIds) story.set(id, s.id);
    for (const e of s.events) for (const id of e.articleIds) event.set(id, `${s.id}/${e.id}`);
  }
  return { story, event };
}

const row = (name: string, b: PRF, p: PRF) =>
  `| ${name} | ${fmt(b.precision)} | ${fmt(b.recall)} | ${fmt(b.f1)} | ${fmt(p.precision)} | ${fmt(p.recall)} | ${fmt(p.f1)} |`;
const header = '| system | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 |\n|---|---|---|---|---|---|---|';

function bestBaseline(inputs: StoryInput[], gold: Map<string, string>, idf: 'fit' | 'incremental'): { threshold: number; b: PRF; p: PRF } {
  let best = { threshold: 0, b: { precision: 0, recall: 0, f1: -1 }, p: { precision: 0, recall: 0, f1: 0 } };
  for (let th = 0.05; th <= 0.71; th += 0.025) {
    const pred = baselineClusters(inputs, th, idf);
    const b = bcubed(gold, pred);
    if (b.f1 > best.b.f1) best = { threshold: Math.round(th * 1000) / 1000, b, p: pairwise(gold, pred) };
  }
  return best;
}

function baselineRows(lines: string[], inputs: StoryInput[], gold: Map<string, string>, scope: string): void {
  for (const idf of ['fit', 'incremental'] as const) {
    const base = bestBaseline(inputs, gold, idf);
    lines.push(row(`baseline single-pass TF-IDF (${idf === 'fit' ? 'idf fitted on' : 'incremental idf over'} ${scope}), best threshold ${base.threshold}`, base.b, base.p));
  }
}

/** `--set key=value,…`: parameter overrides for experiments (numbers only). */
function overrides(args: string[]): Partial<ClusterParams> {
  const i = args.indexOf('--set');
  if (i < 0) return {};
  const out: Record<string, unknown> = {};
  for (const kv of (args[i + 1] ?? '').split(',')) {
    const [k, v] = kv.split('=');
    if (!k) continue;
    if (k.includes('.')) {
      const [a, b] = k.split('.');
      out[a] = { ...(out[a] as object), [b]: Number(v) };
    } else out[k] = Number(v);
  }
  return out as Partial<ClusterParams>;
}

async function evalAnt(args: string[], lines: string[]): Promise<void> {
  const articlesPath = sharedFile('ant/articles.jsonl.gz', 'stories');
  const labelsPath = sharedFile('ant/stories-dev.json', 'stories');
  if (!articlesPath || !labelsPath) return;
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as { articles: Record<string, { story: string; event: string }> };
  const goldStory = new Map(Object.entries(labels.articles).map(([id, l]) => [id, l.story]));
  const goldEvent = new Map(Object.entries(labels.articles).map(([id, l]) => [id, l.event]));
  const stream = args.includes('--stream');
  const windowStart = Date.parse('2018-04-14T00:00:00Z');
  const from = windowStart - WARMUP_DAYS * 86_400_000;
  const to = Date.parse('2018-04-16T00:00:00Z');
  const all = await readJsonlGz<AntArticle>(articlesPath, (r) => stream || (Date.parse(r.published) >= from && Date.parse(r.published) < to));
  all.sort((a, b) => Date.parse(a.published) - Date.parse(b.published) || a.id.localeCompare(b.id));
  const inputs = all.map(toInput);
  const window = inputs.filter((a) => goldStory.has(a.id));
  const set = overrides(args);
  const missing = [...goldStory.keys()].filter((id) => !inputs.some((a) => a.id === id));
  if (missing.length) console.log(`[stories] ${missing.length} labelled ids not found in the stream`);

  if (args.includes('--grid')) {
    // `--grid "k=v,k=v;k=v"`: one run per ';'-separated override set (on top of --set)
    for (const one of (args[args.indexOf('--grid') + 1] ?? '').split(';')) {
      const b = bcubed(goldStory, runClusterer(inputs, { ...set, ...overrides(['--set', one]) }).story);
      console.log(`${one}: B³ P ${fmt(b.precision)} R ${fmt(b.recall)} F1 ${fmt(b.f1)}`);
    }
    return;
  }
  if (args.includes('--sweep')) {
    for (const threshold of [0.16, 0.18, 0.2, 0.22, 0.24]) {
      for (const mergeThreshold of [0.4, 0.5, 0.6]) {
        const r = runClusterer(inputs, { ...set, threshold, mergeThreshold });
        const b = bcubed(goldStory, r.story);
        console.log(`threshold ${threshold} mergeThreshold ${mergeThreshold}: B³ P ${fmt(b.precision)} R ${fmt(b.recall)} F1 ${fmt(b.f1)}  events F1 ${fmt(bcubed(goldEvent, r.event).f1)}`);
      }
    }
    return;
  }

  const ours = runClusterer(inputs, set);
  const scope = stream
    ? `whole stream replayed (${inputs.length} articles), scored on the ${goldStory.size} labelled`
    : `labelled window 14–15 April 2018 (${window.length} articles) replayed after the ${WARMUP_DAYS} days before it (${inputs.length} articles in all)`;
  lines.push(`### ANT stories-dev.json — ${scope}`, '', header);
  lines.push(row('Marsad clusterer (stories)', bcubed(goldStory, ours.story), pairwise(goldStory, ours.story)));
  baselineRows(lines, window, goldStory, 'the window');
  lines.push(row('Marsad clusterer (events)', bcubed(goldEvent, ours.event), pairwise(goldEvent, ours.event)));
  lines.push('');
}

async function evalCorpus(lines: string[]): Promise<void> {
  if (!existsSync(join(projectRoot, 'examples', 'corpus', 'truth.json'))) {
    console.log('[stories] skipped bundled corpus: examples/corpus/truth.json not present');
    return;
  }
  const truth = loadTruth(projectRoot);
  const inputs: StoryInput[] = truth.articles
    .map((a) => {
      // HTML pages are cleaned from the page itself (as the pipeline does), the rest from their text
      const html = a.format === 'html';
      const raw = html ? readFileSync(join(projectRoot, 'examples', 'corpus', a.file), 'utf8') : truthArticleText(projectRoot, a).text;
      const paragraphs = cleanArticle({ raw, rawKind: html ? 'html' : 'text', source: a.source, title: a.title }).paragraphs.map((p) => p.text);
      return { id: a.file, time: Date.parse(a.published_at), title: a.title, body: paragraphs.join('\n'), source: a.source, entities: mentionTexts(paragraphs) };
    })
    .sort((x, y) => x.time - y.time);
  const goldStory = new Map(truth.articles.map((a) => [a.file, a.story]));
  const goldEvent = new Map(truth.articles.map((a) => [a.file, a.event]));
  const ours = runClusterer(inputs, {});
  lines.push(`### Bundled corpus (examples/corpus, ${inputs.length} articles)`, '', header);
  lines.push(row('Marsad clusterer (stories)', bcubed(goldStory, ours.story), pairwise(goldStory, ours.story)));
  baselineRows(lines, inputs, goldStory, 'the corpus');
  lines.push(row('Marsad clusterer (events)', bcubed(goldEvent, ours.event), pairwise(goldEvent, ours.event)));
  lines.push('');
}

export async function run(args: string[]): Promise<void> {
  const lines: string[] = [
    '## Stories',
    '',
    `Command: \`npm run eval -- stories${args.includes('--stream') ? ' --stream' : ''}\`. Parameters: src/stories/clusterer.ts DEFAULT_PARAMS (threshold ${DEFAULT_PARAMS.threshold}).`,
    '',
  ];
  await evalAnt(args, lines);
  if (args.includes('--sweep') || args.includes('--grid')) return;
  await evalCorpus(lines);
  console.log(lines.join('\n'));
  writeSection('EVAL.md', args.includes('--stream') ? 'stories-stream' : 'stories', lines.join('\n'));
}
