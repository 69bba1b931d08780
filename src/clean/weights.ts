/**
 * Weights of the body/non-body scorer (logistic regression over `FEATURES`, positive = non-body).
 * Written by `npx tsx src/clean/train.ts` — do not edit by hand; see docs/design/clean.md.
 */
export const WEIGHTS: Record<string, number> = {
  "bias": -0.44,
  "short": 0.597,
  "medium": 0.571,
  "logWords": -0.606,
  "terminal": -1.424,
  "colonEnd": -0.142,
  "comma": -0.327,
  "startsConj": -1.421,
  "quote": -0.175,
  "headline": 1.187,
  "topZone": -0.023,
  "bottomZone": 0.915,
  "midHeadline": 0.381,
  "longHeadline": -0.031,
  "runOf3": -1.232,
  "afterMarker": 0.733,
  "ctaWeakShort": 0,
  "dateOnly": -0.005,
  "bylineCue": 0,
  "creditCue": 0,
  "captionCue": 0.061,
  "latin": 0.167,
  "bullet": 0.198,
  "question": 0.183,
  "nextSentence": 0.197,
  "prevSentence": 0.726,
  "recur": 0.466,
  "recurSentence": 1.304,
  "truncated": 0.274,
  "agencyShort": 0,
  "recurTail": 1.207
};
/** Non-body when P(non-body) exceeds this (highest threshold with body recall ≥ 0.99 on the training lines). */
export const THRESHOLD = 0.582;
export const TRAINED_ON = "1314 scorer-decided lines: our gold dev half (35 articles) + shared clean/dev (with stream boilerplate model)";
