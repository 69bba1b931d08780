/**
 * A wide word table learned from UNLABELLED news (both public streams; no names picked by hand):
 * for every word key seen at least `minCount` times,
 * - a 3-level cluster path (64 → 256 → 1024) from distributional vectors (PPMI of left/right
 *   neighbours, seeded random projection) grouped by hierarchical spherical k-means trained on
 *   the frequent words; rare words are assigned to the nearest centroid at each level. Coarse
 *   levels stay reliable for rare names, where a 1024-way id would be noise.
 * - a trigger-context profile: how often the word follows a person title (الرئيس X), a place
 *   noun (مدينة X), an organisation noun (شركة X), a reporting verb (قال X), a preposition
 *   (في X), or comes second after a title (الرئيس X Y). These pool evidence over a whole class
 *   of general words, so even a name seen 3 times gets a usable signal.
 * Shipped compactly: the keys as one space-joined string and one packed integer per word.
 */
import { seededRandom } from './perceptron.ts';
import { triggerOf } from './triggers.ts';

export interface WordTableData {
  /** word keys joined by ' ' */
  keys: string;
  /** per key: cluster path (10 bits: level-1 id = c >> 4, level-2 id = c >> 2) | profile << 10 */
  codes: number[];
}

export interface WordTableOptions {
  minCount?: number;
  maxWords?: number;
  /** context words per side */
  contexts?: number;
  dims?: number;
  /** frequent words the k-means centroids are trained on */
  trainWords?: number;
  seed?: number;
  log?: (msg: string) => void;
}

const PREPS = new Set(['في', 'من', 'الي', 'الى', 'علي', 'على', 'عن']);

/** Profile dimensions: which general context precedes the word. */
export const PROFILE_DIMS = ['pert', 'loct', 'orgt', 'rpt', 'prep', 'pert2'] as const;
const NPROF = PROFILE_DIMS.length;

/** Share bucket (3 bits): 0 never … 5 ≥ 30 %; 6 too few occurrences to say. */
function shareBucket(n: number, tot: number): number {
  if (tot < 3) return 6;
  const r = n / tot;
  return n === 0 ? 0 : r < 0.01 ? 1 : r < 0.04 ? 2 : r < 0.12 ? 3 : r < 0.3 ? 4 : 5;
}

export function buildWordTable(docs: readonly string[][], opts: WordTableOptions = {}): WordTableData {
  const minCount = opts.minCount ?? 3;
  const maxWords = opts.maxWords ?? 200_000;
  const C = opts.contexts ?? 1000;
  const D = opts.dims ?? 128;
  const trainWords = opts.trainWords ?? 30_000;
  const rand = seededRandom(opts.seed ?? 11);
  const log = opts.log ?? (() => {});

  const counts = new Map<string, number>();
  for (const d of docs) for (const w of d) counts.set(w, (counts.get(w) ?? 0) + 1);
  const byFreq = [...counts.entries()]
    .filter(([w, c]) => c >= minCount && w !== '<p>' && w !== '<n>')
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = byFreq.slice(0, maxWords).map(([w]) => w);
  const vIndex = new Map(vocab.map((w, i) => [w, i]));
  const ctx = [...vocab.slice(0, C - 2), '<p>', '<n>'];
  const cIndex = new Map(ctx.map((w, i) => [w, i]));
  const W = 2 * ctx.length;
  const V = vocab.length;

  // co-occurrence pairs as packed codes v * W + c, counted by sorting (no huge Map)
  let pairs = new Uint32Array(1 << 22);
  let np = 0;
  const push = (code: number): void => {
    if (np === pairs.length) {
      const bigger = new Uint32Array(pairs.length * 2);
      bigger.set(pairs);
      pairs = bigger;
    }
    pairs[np++] = code;
  };
  const prof = new Uint32Array(V * (NPROF + 1));
  for (const d of docs) {
    for (let i = 0; i < d.length; i++) {
      const v = vIndex.get(d[i]);
      if (v === undefined) continue;
      const l = i > 0 ? cIndex.get(d[i - 1]) : undefined;
      const r = i + 1 < d.length ? cIndex.get(d[i + 1]) : undefined;
      if (l !== undefined) push(v * W + l);
      if (r !== undefined) push(v * W + ctx.length + r);
      const p = v * (NPROF + 1);
      prof[p + NPROF]++;
      if (i > 0) {
        const prev = d[i - 1];
        const t = triggerOf(prev);
        if (t === 'PERT') prof[p]++;
        else if (t === 'LOCT') prof[p + 1]++;
        else if (t === 'ORGT') prof[p + 2]++;
        else if (t === 'RPT') prof[p + 3]++;
        if (PREPS.has(prev)) prof[p + 4]++;
        if (i > 1 && triggerOf(d[i - 2]) === 'PERT' && t === null) prof[p + 5]++;
      }
    }
  }
  const sorted = pairs.subarray(0, np).sort();
  log(`word table: ${V} words, ${np} context events`);
  const rowSum = new Float64Array(V);
  const colSum = new Float64Array(W);
  for (let i = 0; i < np; i++) {
    const code = sorted[i];
    rowSum[Math.floor(code / W)]++;
    colSum[code % W]++;
  }
  const R = new Float32Array(W * D);
  for (let i = 0; i < R.length; i++) R[i] = rand() < 0.5 ? -1 : 1;
  const X = new Float32Array(V * D);
  for (let i = 0; i < np; ) {
    const code = sorted[i];
    let j = i;
    while (j < np && sorted[j] === code) j++;
    const x = j - i;
    i = j;
    const v = Math.floor(code / W);
    const c = code % W;
    const pmi = Math.log((x * np) / (rowSum[v] * colSum[c]));
    if (pmi <= 0) continue;
    const out = v * D;
    const rc = c * D;
    for (let k = 0; k < D; k++) X[out + k] += pmi * R[rc + k];
  }
  for (let v = 0; v < V; v++) unit(X, v * D, D);

  // hierarchical k-means on the frequent words, then every word descends the tree
  const nTrain = Math.min(trainWords, V);
  const top = kmeans(X, Array.from({ length: nTrain }, (_, i) => i), D, 64, 12, rand);
  const mid: Float32Array[] = [];
  const leaf: Float32Array[][] = [];
  for (let a = 0; a < 64; a++) {
    const members = [];
    for (let i = 0; i < nTrain; i++) if (top.assign[i] === a) members.push(i);
    const m = kmeans(X, members, D, 4, 10, rand);
    mid.push(m.centroids);
    const leaves: Float32Array[] = [];
    for (let b = 0; b < 4; b++) {
      const sub = members.filter((_, j) => m.assign[j] === b);
      leaves.push(kmeans(X, sub, D, 4, 10, rand).centroids);
    }
    leaf.push(leaves);
  }
  log(`word table: 64/256/1024 clusters from ${nTrain} frequent words`);
  const codes = new Array<number>(V);
  for (let v = 0; v < V; v++) {
    const a = nearest(X, v * D, top.centroids, 64, D);
    const b = nearest(X, v * D, mid[a], 4, D);
    const c = nearest(X, v * D, leaf[a][b], 4, D);
    const p = v * (NPROF + 1);
    let pc = 0;
    for (let k = 0; k < NPROF; k++) pc |= shareBucket(prof[p + k], prof[p + NPROF]) << (3 * k);
    codes[v] = (a * 16 + b * 4 + c) + pc * 1024;
  }
  return { keys: vocab.join(' '), codes };
}

function unit(X: Float32Array, off: number, D: number): void {
  let n = 0;
  for (let k = 0; k < D; k++) n += X[off + k] * X[off + k];
  n = Math.sqrt(n) || 1;
  for (let k = 0; k < D; k++) X[off + k] /= n;
}

function nearest(X: Float32Array, off: number, cent: Float32Array, K: number, D: number): number {
  let best = -Infinity;
  let arg = 0;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += X[off + d] * cent[k * D + d];
    if (s > best) {
      best = s;
      arg = k;
    }
  }
  return arg;
}

/** Spherical k-means over the rows `rows` of X; empty clusters keep their seed. */
function kmeans(X: Float32Array, rows: readonly number[], D: number, K: number, iters: number, rand: () => number): { assign: Int32Array; centroids: Float32Array } {
  const n = rows.length;
  const cent = new Float32Array(K * D);
  const assign = new Int32Array(n);
  if (n === 0) return { assign, centroids: cent };
  const picked = new Set<number>();
  for (let k = 0; k < K; k++) {
    let r = Math.floor(rand() * n);
    for (let t = 0; picked.has(r) && t < n; t++) r = (r + 1) % n;
    picked.add(r);
    cent.set(X.subarray(rows[r] * D, rows[r] * D + D), k * D);
  }
  for (let it = 0; it < iters; it++) {
    for (let i = 0; i < n; i++) assign[i] = nearest(X, rows[i] * D, cent, K, D);
    const next = new Float32Array(K * D);
    const size = new Int32Array(K);
    for (let i = 0; i < n; i++) {
      size[assign[i]]++;
      const o = rows[i] * D;
      for (let d = 0; d < D; d++) next[assign[i] * D + d] += X[o + d];
    }
    for (let k = 0; k < K; k++) {
      if (size[k] === 0) next.set(cent.subarray(k * D, k * D + D), k * D);
      unit(next, k * D, D);
    }
    cent.set(next);
  }
  return { assign, centroids: cent };
}

export interface WideCode {
  /** cluster ids at 64 / 256 / 1024 granularity (−1 when the word is not in the table) */
  c64: number;
  c256: number;
  c1024: number;
  /** per PROFILE_DIMS entry, the share bucket (0–6), or 7 when not in the table */
  profile: number[];
}

export const NO_WIDE: WideCode = { c64: -1, c256: -1, c1024: -1, profile: PROFILE_DIMS.map(() => 7) };

export class WordTable {
  private readonly codes = new Map<string, number>();
  constructor(data: WordTableData) {
    const keys = data.keys ? data.keys.split(' ') : [];
    for (let i = 0; i < keys.length; i++) this.codes.set(keys[i], data.codes[i]);
  }
  get size(): number {
    return this.codes.size;
  }
  of(key: string): WideCode {
    const x = this.codes.get(key);
    if (x === undefined) return NO_WIDE;
    const c = x & 1023;
    const pc = Math.floor(x / 1024);
    return { c64: c >> 4, c256: c >> 2, c1024: c, profile: PROFILE_DIMS.map((_, k) => (pc >> (3 * k)) & 7) };
  }
}
