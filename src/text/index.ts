/**
 * The Arabic text toolkit: normalisation, tokens with raw offsets, clitics, sentences, stems.
 * Everything that returns offsets indexes the RAW string it was given (UTF-16 code units).
 */
export { normalize, normalizeWithMap, rawSpan } from './normalize.ts';
export type { NormalizedText } from './normalize.ts';
export { tokenize, wordTokens } from './tokenize.ts';
export type { Token, TokenKind } from './tokenize.ts';
export { splitClitics, baseOffset } from './clitics.ts';
export type { CliticSplit } from './clitics.ts';
export { matchForm } from './match.ts';
export { stem, light10, snowballStem } from './stem.ts';
export { splitSentences } from './sentences.ts';
export type { Sentence } from './sentences.ts';
export { wordCount, hasLexicon } from './lexicon.ts';
