/** TF-IDF cosine between sentences of one story (IDF from the story's own sentences). */
import type { StorySentence } from './sentences.ts';

export interface SimilarityModel {
  idf: Map<string, number>;
  vectors: Map<string, number>[];
  norms: number[];
  sim(i: number, j: number): number;
}

export function buildSimilarity(sentences: { keys: string[] }[]): SimilarityModel {
  const df = new Map<string, number>();
  for (const s of sentences) for (const k of new Set(s.keys)) if (k) df.set(k, (df.get(k) ?? 0) + 1);
  const n = sentences.length;
  const idf = new Map<string, number>();
  for (const [k, d] of df) idf.set(k, Math.log((n + 1) / (d + 0.5)));
  const vectors = sentences.map((s) => {
    const v = new Map<string, number>();
    for (const k of s.keys) if (k) v.set(k, (v.get(k) ?? 0) + 1);
    for (const [k, tf] of v) v.set(k, (1 + Math.log(tf)) * (idf.get(k) ?? 0));
    return v;
  });
  const norms = vectors.map((v) => Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0)));
  const cache = new Map<number, number>();
  return {
    idf,
    vectors,
    norms,
    sim(i: number, j: number): number {
      if (i === j) return 1;
      const key = i < j ? i * 1_000_003 + j : j * 1_000_003 + i;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const [a, b] = vectors[i]!.size < vectors[j]!.size ? [vectors[i]!, vectors[j]!] : [vectors[j]!, vectors[i]!];
      let dot = 0;
      for (const [k, x] of a) {
        const y = b.get(k);
        if (y !== undefined) dot += x * y;
      }
      const s = norms[i]! && norms[j]! ? dot / (norms[i]! * norms[j]!) : 0;
      cache.set(key, s);
      return s;
    },
  };
}

/** cosine of two arbitrary key bags under a model's IDF */
export function bagCosine(model: SimilarityModel, a: string[], b: string[]): number {
  const vec = (ks: string[]): Map<string, number> => {
    const v = new Map<string, number>();
    for (const k of ks) if (k) v.set(k, (v.get(k) ?? 0) + 1);
    for (const [k, tf] of v) v.set(k, (1 + Math.log(tf)) * (model.idf.get(k) ?? Math.log(2)));
    return v;
  };
  const va = vec(a), vb = vec(b);
  let dot = 0, na = 0, nb = 0;
  for (const [k, x] of va) { na += x * x; const y = vb.get(k); if (y !== undefined) dot += x * y; }
  for (const x of vb.values()) nb += x * x;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
