/**
 * Weights of the body/non-body scorer (logistic regression over `FEATURES`, positive = non-body).
 * Written by `npx tsx src/clean/train.ts` — do not edit by hand; see docs/design/clean.md.
 */
export const WEIGHTS: Record<string, number> = {
  "bias": -0.433,
  "short": 0.578,
  "medium": 0.523,
  "logWords": -0.586,
  "terminal": -1.493,
  "colonEnd": -0.203,
  "comma": -0.254,
  "startsConj": -1.428,
  "quote": -0.151,
  "headline": 1.168,
  "topZone": -0.025,
  "bottomZone": 1.049,
  "midHeadline": 0.37,
  "longHeadline": -0.082,
  "runOf3": -1.158,
  "afterMarker": 0.665,
  "ctaWeakShort": 0,
  "dateOnly": -0.014,
  "bylineCue": 0,
  "creditCue": 0,
  "captionCue": 0.05,
  "latin": 0.156,
  "bullet": 0.186,
  "question": 0.179,
  "nextSentence": 0.194,
  "prevSentence": 0.742,
  "recur": 0.495,
  "recurSentence": 1.255,
  "truncated": 0.441,
  "agencyShort": 0,
  "recurTail": 1.264
};
/** Non-body when P(non-body) exceeds this (highest threshold with body recall ≥ 0.99 on the training lines). */
export const THRESHOLD = 0.591;
export const TRAINED_ON = "1322 scorer-decided lines: our gold dev half (35 articles) + shared clean/dev (with stream boilerplate model)";
