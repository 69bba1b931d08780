/** The attribution stage: who said what, with offsets of cue, speaker and content. */
export { extractQuotes, type QuoteOptions } from './extract.ts';
export { findQuoteMarks, type QuoteMarks } from './marks.ts';
