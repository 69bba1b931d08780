/**
 * The baseline the clusterer is measured against: single-pass clustering, TF-IDF cosine to
 * each cluster centroid, one threshold, no time, no index (scans every cluster). Deliberately
 * plain. `idf: 'fit'` fits the idf on all the given documents first (what a scikit-learn
 * TfidfVectorizer.fit_transform + single pass does); 'incremental' uses the documents seen so far.
 */
import { articleTerms, type StoryInput } from './features.ts';

export function baselineClusters(inputs: StoryInput[], threshold: number, idf: 'fit' | 'incremental' = 'incremental'): Map<string, string> {
  const df = new Map<string, number>();
  let n = 0;
  const all = inputs.map((a) => articleTerms(a));
  if (idf === 'fit') {
    for (const t of all) for (const k of t.tf.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    n = inputs.length;
  }
  const clusters: { id: string; centroid: Map<string, number> }[] = [];
  const out = new Map<string, string>();
  for (let i = 0; i < inputs.length; i++) {
    const terms = all[i];
    if (idf === 'incremental') {
      n++;
      for (const k of terms.tf.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    }
    const vec = new Map<string, number>();
    let s = 0;
    for (const [k, w] of terms.tf) {
      const x = w * Math.log((n + 1) / ((df.get(k) ?? 0) + 0.5));
      vec.set(k, x);
      s += x * x;
    }
    const nv = Math.sqrt(s) || 1;
    for (const [k, x] of vec) vec.set(k, x / nv);
    let best: (typeof clusters)[number] | null = null;
    let bestSim = threshold;
    for (const c of clusters) {
      let d = 0;
      let cn = 0;
      for (const x of c.centroid.values()) cn += x * x;
      for (const [k, x] of vec) d += x * (c.centroid.get(k) ?? 0);
      const sim = cn > 0 ? d / Math.sqrt(cn) : 0;
      if (sim >= bestSim) {
        best = c;
        bestSim = sim;
      }
    }
    if (!best) {
      best = { id: `b${clusters.length + 1}`, centroid: new Map() };
      clusters.push(best);
    }
    for (const [k, x] of vec) best.centroid.set(k, (best.centroid.get(k) ?? 0) + x);
    out.set(inputs[i].id, best.id);
  }
  return out;
}
