/**
 * Extractive multi-document summary. Units are facts (a statement with every outlet carrying
 * it), so redundancy across outlets is removed before selection; MMR then keeps selected facts
 * apart. A fact's score mixes centrality (similarity to the story's centroid), how many outlets
 * carry it, and lead position. Output is in time order (first report, then position) and every
 * sentence cites every article that carries its fact.
 */
import type { SummarySentence } from '../model.ts';
import { analyseStory, type StoryAnalysis } from '../compare/align.ts';
import type { AlignedFact, StoryArticle } from '../compare/types.ts';
import { wordTokens } from '../text/index.ts';

export interface SummaryOptions {
  maxSentences?: number;
  maxWords?: number;
  /** MMR trade-off between relevance and novelty */
  lambda?: number;
  /** weight of lead position (sentence index in its article) */
  positionWeight?: number;
  /** weight of the number of carrying outlets */
  supportWeight?: number;
}

/** position weight and λ picked on the EASC dev half (evals/summary.ts) */
export const SUMMARY_DEFAULTS = { maxSentences: 5, lambda: 0.7, positionWeight: 1, supportWeight: 0.3 };

export interface CitedSentence extends SummarySentence {
  /** index of the fact in the story's fact list */
  fact: number;
}

const words = (s: string): number => wordTokens(s).length;

export function summarize(articles: StoryArticle[], facts?: AlignedFact[], opts: SummaryOptions = {}): CitedSentence[] {
  const an = analyseStory(articles);
  const useFacts = facts && facts.length ? facts : an.facts;
  return selectFacts(an, useFacts, opts);
}

function selectFacts(an: StoryAnalysis, facts: AlignedFact[], opts: SummaryOptions): CitedSentence[] {
  const o = { ...SUMMARY_DEFAULTS, ...opts };
  const maxSentences = opts.maxSentences ?? (opts.maxWords ? Infinity : o.maxSentences);
  const maxWords = opts.maxWords ?? Infinity;
  // each fact's member sentences (by position in the story analysis)
  const idx = new Map(an.sentences.map((s) => [`${s.articleId}:${s.start}`, s.index]));
  const members = facts.map((f) => f.sentences.map((r) => idx.get(`${r.articleId}:${r.start}`)).filter((x): x is number => x !== undefined));
  // centroid of the story: summed TF-IDF vectors
  const centroid = new Map<string, number>();
  for (const v of an.sim.vectors) for (const [k, x] of v) centroid.set(k, (centroid.get(k) ?? 0) + x);
  const cn = Math.sqrt([...centroid.values()].reduce((a, x) => a + x * x, 0)) || 1;
  const central = (i: number): number => {
    let dot = 0;
    for (const [k, x] of an.sim.vectors[i]!) dot += x * (centroid.get(k) ?? 0);
    return an.sim.norms[i] ? dot / (an.sim.norms[i]! * cn) : 0;
  };
  const nArticles = new Set(an.sentences.map((s) => s.articleId)).size;
  const rep = members.map((ms) => ms.sort((a, b) => an.sentences[a]!.position - an.sentences[b]!.position)[0]);
  const score = facts.map((f, fi) => {
    const r = rep[fi];
    if (r === undefined) return -Infinity;
    const s = an.sentences[r]!;
    const w = words(s.text);
    if (w < 6) return -Infinity;
    const support = nArticles > 1 ? Math.log(1 + new Set(f.articleIds).size) / Math.log(1 + nArticles) : 0;
    const pos = 1 / (1 + s.position);
    return central(r) + o.supportWeight * support + o.positionWeight * pos;
  });
  const chosen: number[] = [];
  let used = 0;
  while (chosen.length < maxSentences) {
    let best = -1, bestVal = -Infinity;
    for (let fi = 0; fi < facts.length; fi++) {
      if (chosen.includes(fi) || score[fi] === -Infinity) continue;
      const r = rep[fi]!;
      const w = words(an.sentences[r]!.text);
      if (used + w > maxWords && chosen.length > 0) continue;
      const red = chosen.length ? Math.max(...chosen.map((c) => an.sim.sim(r, rep[c]!))) : 0;
      const val = o.lambda * score[fi]! - (1 - o.lambda) * red;
      if (val > bestVal) { bestVal = val; best = fi; }
    }
    if (best < 0) break;
    chosen.push(best);
    used += words(an.sentences[rep[best]!]!.text);
    if (used >= maxWords) break;
  }
  // time order: first report of the fact, then position in its article
  const t = (fi: number): number => facts[fi]!.firstSeen ?? 0;
  chosen.sort((a, b) => t(a) - t(b) || an.sentences[rep[a]!]!.position - an.sentences[rep[b]!]!.position || rep[a]! - rep[b]!);
  return chosen.map((fi) => ({ text: an.sentences[rep[fi]!]!.text, articleIds: [...new Set(facts[fi]!.articleIds)], fact: fi }));
}
