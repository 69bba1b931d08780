/**
 * 32-bit hashing for shingles, MinHash permutations and LSH band keys. All results are
 * unsigned 32-bit integers (`>>> 0`) so they can live in Uint32Arrays and be compared directly.
 */

/** FNV-1a over UTF-16 code units: the hash of one word key. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Murmur3 finaliser: spreads bits so that nearby inputs give unrelated outputs. */
export function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Order-dependent combination of two 32-bit hashes. */
export function combine(h: number, x: number): number {
  return fmix32(Math.imul(h ^ 0x9e3779b9, 0x01000193) + x);
}
