/**
 * Word tokens for reuse detection: offsets into the text as given, and a 32-bit key per word
 * computed from the toolkit's matching form (normalised, clitics stripped, final ة→ه), so that
 * «كوفيد - 19» and "كوفيد-19", or والرئيس and الرئيس, give the same key sequence.
 *
 * Punctuation, quotes and spacing never produce tokens, which is what makes lightly edited wire
 * copy line up. Keys are cached per surface word: news vocabulary is small next to its volume.
 */
import * as text from '../text/index.ts';
import { hashString } from './hash.ts';

/** Parallel arrays: token i spans text[starts[i], ends[i]) and has key keys[i]. */
export interface TokenSeq {
  starts: Int32Array;
  ends: Int32Array;
  keys: Uint32Array;
  length: number;
}


// Arabic proclitics (conjunction, preposition, article). Local fallback for `matchForm`
// until src/text exports it; only consistency matters here since both sides use it.
const PROCLITIC = /^(?:[وف]?(?:[بكل]?ال|لل|[بكل])|[وف])(?=[\u0621-\u064A]{3,})/u;

function fallbackMatchForm(word: string): string {
  let w = text.normalize(word);
  if (/^[\u0621-\u064A]+$/u.test(w)) {
    w = w.replace(PROCLITIC, '');
    if (w.endsWith('ة')) w = `${w.slice(0, -1)}ه`;
  } else {
    w = w.toLowerCase();
  }
  return w;
}

const toolkit = text as unknown as { matchForm?: (w: string) => string };
/** The toolkit's matchForm when it exists, else the local fallback. */
export const matchForm: (w: string) => string =
  typeof toolkit.matchForm === 'function' ? toolkit.matchForm : fallbackMatchForm;

// ~1M words × ~100 B: the matching form costs ~20 µs a word uncached (toolkit lexicon), ~0.1 µs cached
const CACHE_LIMIT = 1_000_000;
let keyCache = new Map<string, number>();

/** 32-bit key of a surface word (cached). */
export function wordKey(word: string): number {
  let k = keyCache.get(word);
  if (k === undefined) {
    k = hashString(matchForm(word));
    if (keyCache.size >= CACHE_LIMIT) keyCache = new Map();
    keyCache.set(word, k);
  }
  return k;
}

/** 1 for UTF-16 code units that belong to words (letters, combining marks, digits), built once. */
const WORD_UNIT = (() => {
  const t = new Uint8Array(0x10000);
  const re = /[\p{L}\p{M}\p{N}]/u;
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) t[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  t[0x0640] = 1; // tatweel stays inside its word
  return t;
})();

/**
 * Tokenise `s` into word/number/latin tokens with keys: maximal runs of letters, marks and
 * digits (the toolkit's word/number/latin kinds; punctuation, quotes and spaces separate).
 * A table lookup per code unit instead of a Unicode regex: this is the stage's hot loop.
 */
export function keyTokens(s: string): TokenSeq {
  const starts: number[] = [];
  const ends: number[] = [];
  const keys: number[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (WORD_UNIT[s.charCodeAt(i)] === 0) {
      i++;
      continue;
    }
    const st = i;
    while (i < n && WORD_UNIT[s.charCodeAt(i)] === 1) i++;
    const w = s.slice(st, i);
    // tatweel-only or diacritic-only runs carry no word
    if (w.length === 1 && (w === '\u0640' || /\p{M}/u.test(w))) continue;
    starts.push(st);
    ends.push(i);
    keys.push(wordKey(w));
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends), keys: Uint32Array.from(keys), length: keys.length };
}
