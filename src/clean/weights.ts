/**
 * Weights of the body/non-body scorer (logistic regression over `FEATURES`, positive = non-body).
 * Written by `npx tsx src/clean/train.ts` — do not edit by hand; see docs/design/clean.md.
 */
export const WEIGHTS: Record<string, number> = {
  bias: -1, short: 1.5, medium: 0.5, logWords: -2, terminal: -3, colonEnd: -0.5, comma: -1, startsConj: -1.5,
  quote: -0.3, headline: 2, topZone: 1.5, bottomZone: 1.5, midHeadline: 1, longHeadline: 0.5, runOf3: -2.5,
  afterMarker: 3, ctaWeakShort: 1.5, dateOnly: 1, bylineCue: 2, creditCue: 2, captionCue: 1, latin: 0.5,
  bullet: -0.5, question: -0.5, nextSentence: 0.3, prevSentence: 0, recur: 3, recurSentence: -2, truncated: 0.5,
  agencyShort: 1.5,
};
/** Non-body when P(non-body) exceeds this (chosen on dev data for body recall ≥ 0.99). */
export const THRESHOLD = 0.5;
export const TRAINED_ON = 'hand-set initial weights';
