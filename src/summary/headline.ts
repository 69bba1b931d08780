/**
 * The story's headline: the article title closest to what the story's outlets say (similarity
 * of each title to the other titles and to the lead sentences), preferring 5–16 words. When no
 * article has a title, the most central lead sentence, cut at a clause boundary.
 */
import { storySentences, contentKey } from '../compare/sentences.ts';
import { buildSimilarity, bagCosine } from '../compare/similarity.ts';
import type { StoryArticle } from '../compare/types.ts';
import { tokenize, wordTokens } from '../text/index.ts';

export function bestHeadline(articles: StoryArticle[]): string {
  const S = storySentences(articles);
  const model = buildSimilarity(S);
  const leadKeys = S.filter((s) => s.position === 0).flatMap((s) => s.keys);
  const titles = articles.map((a) => (a.title ?? '').replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0);
  const keysOf = (t: string): string[] => tokenize(t).map(contentKey);
  if (titles.length) {
    let best = titles[0]!, bestScore = -Infinity;
    for (const t of titles) {
      const k = keysOf(t);
      const others = titles.filter((x) => x !== t).flatMap(keysOf);
      const w = wordTokens(t).length;
      const lengthPenalty = w < 5 ? 0.15 * (5 - w) : w > 16 ? 0.05 * (w - 16) : 0;
      const s = bagCosine(model, k, leadKeys) + (others.length ? bagCosine(model, k, others) : 0) - lengthPenalty;
      if (s > bestScore) { bestScore = s; best = t; }
    }
    return best;
  }
  const leads = S.filter((s) => s.position === 0);
  if (!leads.length) return '';
  let best = leads[0]!, bestScore = -Infinity;
  for (const l of leads) {
    const s = bagCosine(model, l.keys, leadKeys);
    if (s > bestScore) { bestScore = s; best = l; }
  }
  const cut = best.text.split(/[،,]/)[0]!;
  return wordTokens(cut).length >= 5 ? cut.trim() : best.text;
}
