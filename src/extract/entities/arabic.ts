/**
 * Small Arabic helpers the entity stage needs: matching keys for names, proclitic splitting,
 * and the tokenizer used for tagging (the text toolkit's).
 */
import { hasLexicon, normalize, splitClitics, tokenize } from '../../text/index.ts';

/** Normalised form used for features and matching (toolkit normalize + ة→ه at word end, lowercase Latin). */
export function normWord(w: string): string {
  let n = normCache.get(w);
  if (n === undefined) {
    n = normalize(w).replace(/ة$/u, 'ه').toLowerCase();
    if (normCache.size > 200_000) normCache.clear();
    normCache.set(w, n);
  }
  return n;
}
/** words repeat a lot in news: normalising each distinct word once is most of the tagger's speed */
const normCache = new Map<string, string>();

/** looked up on first use: loading the lexicon at import would slow every importer */
let lexiconSplit: boolean | null = null;

/**
 * Proclitic split on a normalised word: the text toolkit's lexicon-aware splitClitics when its
 * word counts are available; otherwise the letter rules below: optional و/ف, optional ب/ل/ك, optional ال (لل = ل+ال).
 * Keeps at least 2 letters of base so short words (ولد، بل) are not eaten.
 */
export function splitProclitics(w: string): { proclitics: string; base: string } {
  if ((lexiconSplit ??= hasLexicon())) {
    // the toolkit decides from corpus evidence: فرنسا and واشنطن keep their first letter,
    // بدارفور → ب + دارفور, وبوتين → و + بوتين (the letter rules below would cut فرنسا → ف + رنسا)
    const r = splitClitics(w);
    return { proclitics: r.proclitics, base: r.base.replace(/ة$/u, 'ه') };
  }
  let p = '';
  let b = w;
  if (/^[وف]/u.test(b) && b.length > 3) {
    p += b[0];
    b = b.slice(1);
  }
  if (/^لل/u.test(b) && b.length > 4) {
    p += 'لل';
    b = 'ال' + b.slice(2);
  } else if (/^[بلك]ال/u.test(b) && b.length > 4) {
    p += b[0];
    b = b.slice(1);
  }
  if (/^ال/u.test(b) && b.length > 4) {
    p += 'ال';
    b = b.slice(2);
  }
  return { proclitics: p, base: b };
}

/** The key two spellings of one word share: normalised, proclitics and ال stripped. */
export function matchKey(w: string): string {
  return splitProclitics(normWord(w)).base;
}

export interface Tok {
  text: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'latin' | 'punct';
}

/** All tokens (words, numbers, Latin, punctuation) with offsets into `raw` (the text toolkit's tokenizer). */
export function tokenizeForTagging(raw: string): Tok[] {
  return tokenize(raw);
}
