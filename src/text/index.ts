/** The Arabic text toolkit: normalisation, tokens with offsets, clitics, sentences, stems. */
export { normalize } from './normalize.ts';
