/**
 * The story's headline: the article title closest to what the story's outlets say (similarity
 * of each title to the other titles and to the lead sentences), preferring 5–16 words, titles
 * whose words other outlets corroborate, and titles that take no side in a conflict (a title
 * saying "in Moscow" when outlets disagree on Moscow vs Vostochny would state one side as fact).
 * When no article has a title, the most central lead sentence, cut at a clause boundary.
 */
import { storySentences, contentKey } from '../compare/sentences.ts';
import { buildSimilarity, bagCosine } from '../compare/similarity.ts';
import { findConflicts } from '../compare/conflicts.ts';
import { sameName } from '../compare/places.ts';
import type { DetailedConflict, StoryArticle } from '../compare/types.ts';
import { matchForm, normalize, tokenize, wordTokens } from '../text/index.ts';

/** weights of the headline score (picked by reading the corpus dev stories' and the seeds' titles) */
export const HEADLINE_WEIGHTS = { corroboration: 0.5, conflict: 0.6 };

/**
 * Which side of a conflict a title asserts (its index), or -1. A title stating the value most
 * outlets give is less harmful than one stating a contested or minority value, but both are sides.
 */
export function conflictSideOf(title: string, c: DetailedConflict): number {
  return c.sides.findIndex((side) => sideCarried(title, c, side));
}

/** does a title assert one side's value of a conflict? */
export function carriesConflict(title: string, c: DetailedConflict): boolean {
  return conflictSideOf(title, c) >= 0;
}

function sideCarried(title: string, c: DetailedConflict, side: DetailedConflict['sides'][number]): boolean {
  const toks = wordTokens(title);
  const forms = toks.map((t) => matchForm(t.text));
  const digits = new Set(toks.filter((t) => t.kind === 'number').map((t) => t.norm));
  const nt = normalize(title);
  {
    if (side.sentences.some((s) => normalize(s.text) === nt)) return true; // the title is a side's sentence
    if (c.type === 'claim') return false;
    if (c.type === 'number') {
      const ds = normalize(side.value).match(/\d+(?:\.\d+)?/g) ?? [];
      return ds.length > 0 && ds.every((d) => digits.has(d));
    }
    if (c.type === 'date') return nt.includes(normalize(side.value));
    // place / actor: every word of the name is in the title (spelling variants allowed)
    const words = side.value.split(/\s+/).map((w) => matchForm(w)).filter((w) => w.length >= 3);
    return words.length > 0 && words.every((w) => forms.some((f) => sameName(f, w)));
  }
}

/** penalty units for a title taking side `k`: 1 for a contested or minority value, ½ for a clear majority */
function sidePenalty(c: DetailedConflict, k: number): number {
  const n = c.sides.map((s) => s.articleIds.length);
  const mine = n[k]!;
  return n.every((x, i) => i === k || mine >= 2 * x) ? 0.5 : 1;
}

export function bestHeadline(articles: StoryArticle[], conflicts?: DetailedConflict[]): string {
  const S = storySentences(articles);
  const model = buildSimilarity(S);
  const leadKeys = S.filter((s) => s.position === 0).flatMap((s) => s.keys);
  const titled = articles.map((a) => ({ id: a.id, t: (a.title ?? '').replace(/\s+/g, ' ').trim() })).filter((x) => x.t.length > 0);
  const keysOf = (t: string): string[] => tokenize(t).map(contentKey);
  if (titled.length) {
    const cs = titled.length > 1 ? conflicts ?? findConflicts(articles) : [];
    // content keys each other article uses (title and body), to count corroborating outlets
    const keysByArticle = new Map<string, Set<string>>();
    for (const s of S) {
      const set = keysByArticle.get(s.articleId) ?? new Set<string>();
      for (const k of s.keys) if (k) set.add(k);
      keysByArticle.set(s.articleId, set);
    }
    for (const x of titled) {
      const set = keysByArticle.get(x.id) ?? new Set<string>();
      for (const k of keysOf(x.t)) if (k) set.add(k);
      keysByArticle.set(x.id, set);
    }
    let best = titled[0]!.t, bestScore = -Infinity;
    for (const { id, t } of titled) {
      const k = keysOf(t);
      const others = titled.filter((x) => x.t !== t).flatMap((x) => keysOf(x.t));
      const w = wordTokens(t).length;
      const lengthPenalty = w < 5 ? 0.15 * (5 - w) : w > 16 ? 0.05 * (w - 16) : 0;
      // share of the title's words that at least two other articles also use
      const content = [...new Set(k.filter(Boolean))];
      const corroborated = content.filter((key) => [...keysByArticle].filter(([aid, set]) => aid !== id && set.has(key)).length >= 2).length;
      const corroboration = content.length ? corroborated / content.length : 0;
      const sides = cs.reduce((acc, c) => { const k = conflictSideOf(t, c); return acc + (k >= 0 ? sidePenalty(c, k) : 0); }, 0);
      const s = bagCosine(model, k, leadKeys) + (others.length ? bagCosine(model, k, others) : 0) - lengthPenalty
        + HEADLINE_WEIGHTS.corroboration * corroboration - HEADLINE_WEIGHTS.conflict * sides;
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
