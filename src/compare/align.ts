/**
 * Fact alignment: the same statement told by several outlets (copied or paraphrased) becomes
 * one fact carrying every article. Sentences of different articles are linked greedily from the
 * most similar pair down (TF-IDF cosine over light stems, plus agreement of numbers), a fact
 * holding at most one sentence per article and every member staying close to the others
 * (average link). Two sentences whose quantities for the same unit disagree are never merged:
 * that is a conflict, not a shared fact.
 */
import type { AlignedFact, CoverageMatrix, SentenceRef, StoryArticle } from './types.ts';
import { storySentences, type StorySentence } from './sentences.ts';
import { buildSimilarity, type SimilarityModel } from './similarity.ts';
import { sameSlot, valuesAgree } from './numbers.ts';

export interface AlignOptions {
  /** minimum similarity of a linking pair (tuned on the corpus dev stories, see docs/design/compare.md) */
  link?: number;
  /** minimum average similarity between two groups to merge them */
  average?: number;
}

export const ALIGN_DEFAULTS: Required<AlignOptions> = { link: 0.42, average: 0.3 };

export interface StoryAnalysis {
  articles: StoryArticle[];
  sentences: StorySentence[];
  sim: SimilarityModel;
  /** pair similarity with the number-agreement bonus used for alignment */
  pairSim(i: number, j: number): number;
  facts: AlignedFact[];
  /** sentence index → fact index */
  factOf: number[];
}

const cache = new WeakMap<StoryArticle[], StoryAnalysis>();

/** do two sentences give different values for the same unit (both exact, same period)? */
export function numbersClash(a: StorySentence, b: StorySentence): boolean {
  for (const x of a.numbers) {
    if (!x.unit) continue;
    const same = b.numbers.filter((y) => sameSlot(x, y));
    if (same.length && !same.some((y) => valuesAgree(x, y))) return true;
  }
  return false;
}

function sharedNumbers(a: StorySentence, b: StorySentence): number {
  let n = 0;
  for (const x of a.numbers) if (x.unit && b.numbers.some((y) => sameSlot(x, y) && valuesAgree(x, y))) n++;
  return n;
}

export function analyseStory(articles: StoryArticle[], opts: AlignOptions = {}): StoryAnalysis {
  const hit = cache.get(articles);
  if (hit && !opts.link && !opts.average) return hit;
  const { link, average } = { ...ALIGN_DEFAULTS, ...opts };
  const sentences = storySentences(articles);
  const sim = buildSimilarity(sentences);
  const pairSim = (i: number, j: number): number => {
    const s = sim.sim(i, j);
    return s > 0.15 ? Math.min(1, s + 0.05 * sharedNumbers(sentences[i]!, sentences[j]!)) : s;
  };
  // candidate links across articles
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < sentences.length; i++)
    for (let j = i + 1; j < sentences.length; j++) {
      if (sentences[i]!.articleId === sentences[j]!.articleId) continue;
      const s = pairSim(i, j);
      if (s >= link) pairs.push([i, j, s]);
    }
  pairs.sort((a, b) => b[2] - a[2]);
  const group = sentences.map((_, i) => i);
  const members = new Map<number, number[]>(sentences.map((_, i) => [i, [i]]));
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
  for (const [i, j] of pairs) {
    const gi = find(i), gj = find(j);
    if (gi === gj) continue;
    const A = members.get(gi)!, B = members.get(gj)!;
    const arts = new Set(A.map((k) => sentences[k]!.articleId));
    if (B.some((k) => arts.has(sentences[k]!.articleId))) continue;
    let total = 0, clash = false;
    for (const a of A) for (const b of B) {
      total += pairSim(a, b);
      if (numbersClash(sentences[a]!, sentences[b]!)) clash = true;
    }
    if (clash || total / (A.length * B.length) < average) continue;
    group[gj] = gi;
    members.set(gi, [...A, ...B]);
    members.delete(gj);
  }
  const order = new Map(articles.map((a, i) => [a.id, i]));
  const time = (s: StorySentence): number => s.pubTime ?? Number.MAX_SAFE_INTEGER;
  const groups = [...members.values()].map((ms) => ms.sort((a, b) => time(sentences[a]!) - time(sentences[b]!) || order.get(sentences[a]!.articleId)! - order.get(sentences[b]!.articleId)!));
  groups.sort((a, b) => time(sentences[a[0]!]!) - time(sentences[b[0]!]!) || sentences[a[0]!]!.index - sentences[b[0]!]!.index);
  const factOf = new Array<number>(sentences.length).fill(-1);
  const facts: AlignedFact[] = groups.map((ms, fi) => {
    for (const m of ms) factOf[m] = fi;
    const refs: SentenceRef[] = ms.map((m) => ({ articleId: sentences[m]!.articleId, start: sentences[m]!.start, end: sentences[m]!.end, text: sentences[m]!.text }));
    const first = sentences[ms[0]!]!;
    return { text: first.text, articleIds: refs.map((r) => r.articleId), sentences: refs, firstSeen: first.pubTime };
  });
  const analysis: StoryAnalysis = { articles, sentences, sim, pairSim, facts, factOf };
  if (!opts.link && !opts.average) cache.set(articles, analysis);
  return analysis;
}

/** Groups a story's sentences into facts, each with every article that carries it. */
export function alignFacts(articles: StoryArticle[], opts: AlignOptions = {}): AlignedFact[] {
  return analyseStory(articles, opts).facts;
}

/** Facts carried by more than one outlet (what outlets agree on). */
export function sharedFacts(facts: AlignedFact[]): AlignedFact[] {
  return facts.filter((f) => new Set(f.articleIds).size > 1);
}

/** Facts only one article carries, per article id. */
export function uniqueFacts(facts: AlignedFact[]): Map<string, AlignedFact[]> {
  const out = new Map<string, AlignedFact[]>();
  for (const f of facts) if (f.articleIds.length === 1) out.set(f.articleIds[0]!, [...(out.get(f.articleIds[0]!) ?? []), f]);
  return out;
}

/** facts × outlets (articles of one outlet are merged under its name; unknown source → article id) */
export function coverageMatrix(articles: StoryArticle[], facts: AlignedFact[], opts: { minArticles?: number } = {}): CoverageMatrix {
  const outletOf = new Map(articles.map((a) => [a.id, a.source ?? a.id]));
  const outlets = [...new Set(articles.map((a) => outletOf.get(a.id)!))];
  const rows = facts.filter((f) => f.articleIds.length >= (opts.minArticles ?? 1));
  return {
    outlets,
    facts: rows.map((f) => ({ text: f.text, articleIds: f.articleIds })),
    cells: rows.map((f) => {
      const have = new Set(f.articleIds.map((id) => outletOf.get(id)));
      return outlets.map((o) => have.has(o));
    }),
  };
}
