/** The summary stage: cited extractive multi-document summaries, headline, LexRank baseline, ROUGE. */
export { summarize, SUMMARY_DEFAULTS, type SummaryOptions, type CitedSentence } from './summarize.ts';
export { baselineSummary } from './baseline.ts';
export { bestHeadline, carriesConflict, conflictSideOf, HEADLINE_WEIGHTS } from './headline.ts';
export { rouge, rougeTokens, type Rouge, type RougeScore } from './rouge.ts';
