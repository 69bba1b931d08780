/**
 * Distributional word clusters learned from UNLABELLED news text (no names are picked by hand):
 * each frequent word gets a vector of its left/right neighbour words (PPMI-weighted), reduced by
 * a seeded random projection and grouped by spherical k-means. Words in the same cluster behave
 * alike in context, so the tagger can generalise from names it has seen labelled to names it
 * has only seen in raw text (most names in new articles are absent from ANERcorp).
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { matchKey, tokenizeForTagging } from './arabic.ts';
import { seededRandom } from './perceptron.ts';
import { WordTable, type WordTableData } from './wordTable.ts';

export interface ClusterData {
  /** word key → fine cluster id */
  words: Record<string, number>;
  /** fine cluster id → coarse cluster id */
  coarse: number[];
  /** wider table from both streams (multi-level clusters + trigger-context profile), see wordTable.ts */
  wide?: WordTableData;
}

export interface ClusterOptions {
  vocab?: number;
  contexts?: number;
  dims?: number;
  fine?: number;
  coarse?: number;
  maxTokens?: number;
  seed?: number;
  log?: (msg: string) => void;
}

/** Word keys of every text of gzip JSON Lines files (`text` field), up to maxTokens. */
export async function readCorpusKeys(paths: string[], maxTokens: number): Promise<string[][]> {
  const docs: string[][] = [];
  let n = 0;
  for (const p of paths) {
    const rl = createInterface({ input: createReadStream(p).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line.trim()) continue;
      const text = String((JSON.parse(line) as { text?: unknown }).text ?? '');
      const keys = tokenizeForTagging(text).map((t) => (t.kind === 'punct' ? '<p>' : t.kind === 'number' ? '<n>' : matchKey(t.text)));
      docs.push(keys);
      n += keys.length;
      if (n >= maxTokens) {
        rl.close();
        return docs;
      }
    }
  }
  return docs;
}

function topKeys(counts: Map<string, number>, k: number, minCount: number): string[] {
  return [...counts.entries()]
    .filter(([w, c]) => c >= minCount && w !== '<p>' && w !== '<n>')
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([w]) => w);
}

export function buildClusters(docs: string[][], opts: ClusterOptions = {}): ClusterData {
  const V = opts.vocab ?? 30000;
  const C = opts.contexts ?? 400;
  const D = opts.dims ?? 96;
  const K = opts.fine ?? 400;
  const K2 = opts.coarse ?? 50;
  const rand = seededRandom(opts.seed ?? 7);
  const log = opts.log ?? (() => {});

  const counts = new Map<string, number>();
  for (const d of docs) for (const w of d) counts.set(w, (counts.get(w) ?? 0) + 1);
  const vocab = topKeys(counts, V, 5);
  const vIndex = new Map(vocab.map((w, i) => [w, i]));
  const ctxWords = [...topKeys(counts, C - 2, 1), '<p>', '<n>'];
  const cIndex = new Map(ctxWords.map((w, i) => [w, i]));
  const W = 2 * ctxWords.length;
  const M = new Float32Array(vocab.length * W);
  for (const d of docs) {
    for (let i = 0; i < d.length; i++) {
      const v = vIndex.get(d[i]);
      if (v === undefined) continue;
      const l = i > 0 ? cIndex.get(d[i - 1]) : undefined;
      const r = i + 1 < d.length ? cIndex.get(d[i + 1]) : undefined;
      if (l !== undefined) M[v * W + l]++;
      if (r !== undefined) M[v * W + ctxWords.length + r]++;
    }
  }
  log(`co-occurrence ${vocab.length} words × ${W} contexts`);
  // PPMI weighting, then random projection to D dims and unit length
  const rowSum = new Float64Array(vocab.length);
  const colSum = new Float64Array(W);
  let total = 0;
  for (let v = 0; v < vocab.length; v++)
    for (let c = 0; c < W; c++) {
      const x = M[v * W + c];
      rowSum[v] += x;
      colSum[c] += x;
      total += x;
    }
  const R = new Float32Array(W * D);
  for (let i = 0; i < R.length; i++) R[i] = rand() < 0.5 ? -1 : 1;
  const X = new Float32Array(vocab.length * D);
  for (let v = 0; v < vocab.length; v++) {
    const out = v * D;
    for (let c = 0; c < W; c++) {
      const x = M[v * W + c];
      if (x === 0) continue;
      const pmi = Math.log((x * total) / (rowSum[v] * colSum[c]));
      if (pmi <= 0) continue;
      const r = c * D;
      for (let k = 0; k < D; k++) X[out + k] += pmi * R[r + k];
    }
    unit(X, out, D);
  }
  const fine = kmeans(X, vocab.length, D, K, 10, rand);
  log(`k-means: ${K} fine clusters`);
  const coarse = kmeans(fine.centroids, K, D, K2, 15, rand).assign;
  const words: Record<string, number> = {};
  vocab.forEach((w, i) => (words[w] = fine.assign[i]));
  return { words, coarse: Array.from(coarse) };
}

function unit(X: Float32Array, off: number, D: number): void {
  let n = 0;
  for (let k = 0; k < D; k++) n += X[off + k] * X[off + k];
  n = Math.sqrt(n) || 1;
  for (let k = 0; k < D; k++) X[off + k] /= n;
}

/** Spherical k-means (cosine), seeded initialisation from distinct rows. */
function kmeans(X: Float32Array, n: number, D: number, K: number, iters: number, rand: () => number): { assign: Int32Array; centroids: Float32Array } {
  const cent = new Float32Array(K * D);
  const picked = new Set<number>();
  for (let k = 0; k < K; k++) {
    let r = Math.floor(rand() * n);
    while (picked.has(r)) r = (r + 1) % n;
    picked.add(r);
    cent.set(X.subarray(r * D, r * D + D), k * D);
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iters; it++) {
    for (let i = 0; i < n; i++) {
      let best = -Infinity;
      let arg = 0;
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let d = 0; d < D; d++) s += X[i * D + d] * cent[k * D + d];
        if (s > best) {
          best = s;
          arg = k;
        }
      }
      assign[i] = arg;
    }
    cent.fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) cent[assign[i] * D + d] += X[i * D + d];
    for (let k = 0; k < K; k++) unit(cent, k * D, D);
  }
  return { assign, centroids: cent };
}

export class Clusters {
  private readonly words: Map<string, number>;
  private readonly coarseOf: number[];
  readonly wide: WordTable | null;
  constructor(data: ClusterData) {
    this.words = new Map(Object.entries(data.words));
    this.coarseOf = data.coarse;
    this.wide = data.wide ? new WordTable(data.wide) : null;
  }
  /** 'fine/coarse' ids of a word key, or '' when the word was too rare to cluster. */
  of(key: string): { fine: string; coarse: string } {
    const c = this.words.get(key);
    if (c === undefined) return { fine: '', coarse: '' };
    return { fine: String(c), coarse: String(this.coarseOf[c]) };
  }
}
