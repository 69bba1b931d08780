/**
 * LexRank baseline (Erkan & Radev 2004): sentences are nodes, edges join sentences whose
 * TF-IDF cosine passes 0.1, PageRank (damping 0.85) ranks them; the top sentences fill the
 * budget and are printed in document order. Used by the summary eval as the reference point.
 */
import type { SummarySentence } from '../model.ts';
import { storySentences } from '../compare/sentences.ts';
import { buildSimilarity } from '../compare/similarity.ts';
import type { StoryArticle } from '../compare/types.ts';
import { wordTokens } from '../text/index.ts';

export function baselineSummary(articles: StoryArticle[], opts: { maxSentences?: number; maxWords?: number } = {}): SummarySentence[] {
  const S = storySentences(articles);
  if (!S.length) return [];
  const sim = buildSimilarity(S);
  const n = S.length;
  const adj: number[][] = S.map((_, i) => S.map((__, j) => (i !== j && sim.sim(i, j) >= 0.1 ? 1 : 0)));
  const deg = adj.map((r) => r.reduce((a, x) => a + x, 0));
  let p = new Array<number>(n).fill(1 / n);
  for (let it = 0; it < 50; it++) {
    const next = new Array<number>(n).fill(0.15 / n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (adj[j]![i]) next[i]! += (0.85 * p[j]!) / deg[j]!;
    for (let i = 0; i < n; i++) if (deg[i] === 0) for (let j = 0; j < n; j++) next[j]! += (0.85 * p[i]!) / n;
    p = next;
  }
  const order = S.map((_, i) => i).sort((a, b) => p[b]! - p[a]!);
  const chosen: number[] = [];
  let used = 0;
  const maxS = opts.maxSentences ?? (opts.maxWords ? Infinity : 5);
  for (const i of order) {
    if (chosen.length >= maxS) break;
    const w = wordTokens(S[i]!.text).length;
    if (opts.maxWords !== undefined && used + w > opts.maxWords && chosen.length) continue;
    chosen.push(i);
    used += w;
  }
  chosen.sort((a, b) => a - b);
  return chosen.map((i) => ({ text: S[i]!.text, articleIds: [S[i]!.articleId] }));
}
