/**
 * Background document frequencies: how common each term is in general Arabic news, learned
 * from unlabelled public streams (ANT and SaudiNewsNet, `npx tsx src/stories/background.ts`).
 * The clusterer adds them to its own decayed counts as a constant prior worth `priorDocs`
 * documents, so a cold start (a handful of articles, no history) still knows that "قال" and
 * "الرئيس" are common and a name is not: without it, the terms two articles share are exactly
 * the ones a five-document idf calls common. Only counts per stem are stored, no text.
 */
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { termKey } from './features.ts';

export const BACKGROUND_FILE = 'stories-df.json.gz';

export interface BackgroundDf {
  /** documents counted */
  n: number;
  df: Map<string, number>;
}

function findModel(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'models', BACKGROUND_FILE);
    if (existsSync(p)) return p;
    dir = resolve(dir, '..');
  }
  return null;
}

let cached: BackgroundDf | null | undefined;

/** The shipped background table, or null when the file is absent (the clusterer then starts cold). */
export function loadBackgroundDf(): BackgroundDf | null {
  if (cached !== undefined) return cached;
  const p = findModel();
  if (!p) return (cached = null);
  const j = JSON.parse(gunzipSync(readFileSync(p)).toString('utf8')) as { n: number; df: [string, number][] };
  return (cached = { n: j.n, df: new Map(j.df) });
}

const LETTER = /[\u0621-\u064A\u0660-\u0669a-zA-Z0-9]+/g;

async function count(path: string, into: Map<string, number>): Promise<number> {
  let n = 0;
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line) continue;
    const r = JSON.parse(line) as { title?: string; text?: string };
    const seen = new Set<string>();
    for (const m of `${r.title ?? ''}\n${r.text ?? ''}`.matchAll(LETTER)) {
      const k = termKey(m[0]);
      if (k) seen.add(k);
    }
    for (const k of seen) into.set(k, (into.get(k) ?? 0) + 1);
    n++;
  }
  return n;
}

/** Trains the table from gzip JSON Lines streams; keeps terms in at least `minDf` documents. */
export async function trainBackgroundDf(paths: string[], out: string, minDf = 3): Promise<{ n: number; terms: number }> {
  const df = new Map<string, number>();
  let n = 0;
  for (const p of paths) n += await count(p, df);
  const kept = [...df].filter(([, c]) => c >= minDf).sort((a, b) => b[1] - a[1]);
  writeFileSync(out, gzipSync(JSON.stringify({ n, df: kept, trainedOn: paths.map((p) => p.replace(/^.*shared\/data\//, '')), minDf })));
  return { n, terms: kept.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const data = resolve(root, '../shared/data');
  const paths = [join(data, 'ant/articles.jsonl.gz'), join(data, 'saudinewsnet/articles.jsonl.gz')].filter(existsSync);
  if (paths.length === 0) console.log('skipped: ../shared/data not present');
  else {
    const r = await trainBackgroundDf(paths, join(root, 'models', BACKGROUND_FILE));
    console.log(`background df: ${r.n} documents, ${r.terms} terms → models/${BACKGROUND_FILE}`);
  }
}
