/**
 * Word shingles, MinHash signatures, LSH band keys and winnowing fingerprints.
 *
 * - Document level: MinHash over the set of word 3-shingles; `bands × rows` signature values;
 *   two documents become candidates when one band matches (standard LSH banding).
 * - Passage level: winnowing (Schleimer et al. 2003) over word 4-shingle hashes: in every window
 *   of `w` consecutive shingles the minimum is kept, so any shared run of ≥ w + k − 1 words
 *   shares at least one fingerprint, whatever else surrounds it. That finds wire copy that is
 *   only 30–60 % of a longer article, which document-level MinHash cannot see.
 */
import { combine, fmix32 } from './hash.ts';

/** Hashes of the word n-grams of `keys` (or of single words when the text is shorter than n). */
export function shingleHashes(keys: Uint32Array, n: number): Uint32Array {
  if (keys.length === 0) return new Uint32Array(0);
  if (keys.length < n) return Uint32Array.from(keys);
  const out = new Uint32Array(keys.length - n + 1);
  for (let i = 0; i < out.length; i++) {
    let h = keys[i];
    for (let j = 1; j < n; j++) h = combine(h, keys[i + j]);
    out[i] = h;
  }
  return out;
}

const SEEDS: number[] = [];
function seed(i: number): number {
  while (SEEDS.length <= i) SEEDS.push(fmix32(0x2545f491 + SEEDS.length * 0x9e3779b9));
  return SEEDS[i];
}

/** MinHash signature: for each of `numPerm` hash functions, the minimum over the shingles. */
export function minhash(shingles: Uint32Array, numPerm: number): Uint32Array {
  const sig = new Uint32Array(numPerm).fill(0xffffffff);
  const seeds = new Uint32Array(numPerm);
  for (let p = 0; p < numPerm; p++) seeds[p] = seed(p);
  for (let i = 0; i < shingles.length; i++) {
    const x = shingles[i];
    for (let p = 0; p < numPerm; p++) {
      const h = fmix32(x ^ seeds[p]);
      if (h < sig[p]) sig[p] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures (share of equal positions). */
export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let eq = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) eq++;
  return eq / n;
}

/** One key per band: a hash of the band's index and its `rows` signature values. Empty docs give none. */
export function bandKeys(sig: Uint32Array, bands: number, rows: number): Uint32Array {
  if (sig.length === 0 || sig[0] === 0xffffffff) return new Uint32Array(0);
  const out = new Uint32Array(bands);
  for (let b = 0; b < bands; b++) {
    let h = fmix32(b + 1);
    for (let r = 0; r < rows; r++) h = combine(h, sig[b * rows + r]);
    out[b] = h;
  }
  return out;
}

/**
 * Winnowing fingerprints of a shingle-hash sequence (robust winnowing: rightmost minimum),
 * deduplicated. When more than `cap` survive, the `cap` smallest hashes are kept: a consistent
 * sample (the same shingle is kept or dropped in every document), which bounds memory per article.
 */
export function winnow(hashes: Uint32Array, w: number, cap: number): Uint32Array {
  const picked = new Set<number>();
  if (hashes.length <= w) {
    let m = 0xffffffff;
    for (let i = 0; i < hashes.length; i++) if (hashes[i] < m) m = hashes[i];
    if (hashes.length > 0) picked.add(m);
  } else {
    let last = -1;
    for (let s = 0; s + w <= hashes.length; s++) {
      let mi = s;
      for (let i = s + 1; i < s + w; i++) if (hashes[i] <= hashes[mi]) mi = i;
      if (mi !== last) {
        picked.add(hashes[mi]);
        last = mi;
      }
    }
  }
  let out = Uint32Array.from(picked);
  if (out.length > cap) out = out.sort().slice(0, cap);
  return out;
}
