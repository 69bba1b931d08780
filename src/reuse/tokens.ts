/**
 * Word tokens for reuse detection: offsets into the text as given, and a 32-bit key per word
 * computed from the toolkit's matching form (normalised, clitics stripped, final ة→ه), so that
 * «كوفيد - 19» and "كوفيد-19", or والرئيس and الرئيس, give the same key sequence.
 *
 * Punctuation, quotes and spacing never produce tokens, which is what makes lightly edited wire
 * copy line up. Keys are cached per surface word: news vocabulary is small next to its volume.
 */
import * as text from '../text/index.ts';
import { fmix32, hashString } from './hash.ts';

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

/**
 * Cache of word keys by surface form, without building a string per word: two independent
 * 32-bit hashes of the word's code units (FNV-1a and a multiplicative hash, both computed while
 * scanning) locate and confirm the entry in an open-addressing table. A false match needs both
 * hashes to collide (~2⁻⁶⁴ a pair). Only a miss slices the word and runs `matchForm`
 * (~6 µs a word); a hit costs a few array reads. ~1M forms (24 MB), then the table starts over.
 */
const TABLE_BITS = 21;
const TABLE_SIZE = 1 << TABLE_BITS;
const MAX_FORMS = TABLE_SIZE >> 1;
let h1s = new Uint32Array(TABLE_SIZE);
let h2s = new Uint32Array(TABLE_SIZE);
let vals = new Uint32Array(TABLE_SIZE);
let used = new Uint8Array(TABLE_SIZE);
let forms = 0;

function lookupOrAdd(s: string, st: number, en: number, h1: number, h2: number): number {
  let i = fmix32(h1) & (TABLE_SIZE - 1);
  while (used[i] === 1) {
    if (h1s[i] === h1 && h2s[i] === h2) return vals[i];
    i = (i + 1) & (TABLE_SIZE - 1);
  }
  const k = hashString(matchForm(s.slice(st, en)));
  if (forms >= MAX_FORMS) {
    h1s = new Uint32Array(TABLE_SIZE);
    h2s = new Uint32Array(TABLE_SIZE);
    vals = new Uint32Array(TABLE_SIZE);
    used = new Uint8Array(TABLE_SIZE);
    forms = 0;
    return lookupOrAdd(s, st, en, h1, h2);
  }
  used[i] = 1;
  h1s[i] = h1;
  h2s[i] = h2;
  vals[i] = k;
  forms++;
  return k;
}

/** 32-bit key of a surface word (cached). */
export function wordKey(word: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return lookupOrAdd(word, 0, word.length, h1 >>> 0, h2 >>> 0);
}

/** 1 for UTF-16 code units that belong to words (letters, combining marks, digits), 2 for marks and tatweel; built once. */
const WORD_UNIT = (() => {
  const t = new Uint8Array(0x10000);
  const re = /[\p{L}\p{M}\p{N}]/u;
  const mark = /\p{M}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    t[c] = mark.test(ch) ? 2 : re.test(ch) ? 1 : 0;
  }
  t[0x0640] = 2; // tatweel stays inside its word
  return t;
})();

/**
 * Tokenise `s` into word/number/latin tokens with keys: maximal runs of letters, marks and
 * digits (the toolkit's word/number/latin kinds; punctuation, quotes and spaces separate).
 * A table lookup per code unit instead of a Unicode regex, and the key cache probed by hashes
 * computed in the same pass: this is the stage's hot loop.
 */
export function keyTokens(s: string): TokenSeq {
  const n = s.length;
  // at most one token per two code units (a word and a separator)
  let starts = new Int32Array(Math.min(n, 64) + (n >> 1));
  let ends = new Int32Array(starts.length);
  let keys = new Uint32Array(starts.length);
  let len = 0;
  let i = 0;
  while (i < n) {
    let u = WORD_UNIT[s.charCodeAt(i)];
    if (u === 0) {
      i++;
      continue;
    }
    const st = i;
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    while (u !== 0) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
      i++;
      u = i < n ? WORD_UNIT[s.charCodeAt(i)] : 0;
    }
    // tatweel-only or diacritic-only runs carry no word
    if (i - st === 1 && WORD_UNIT[s.charCodeAt(st)] === 2) continue;
    if (len === starts.length) {
      const grow = <T extends Int32Array | Uint32Array>(a: T, b: T): T => (b.set(a), b);
      starts = grow(starts, new Int32Array(len * 2));
      ends = grow(ends, new Int32Array(len * 2));
      keys = grow(keys, new Uint32Array(len * 2));
    }
    starts[len] = st;
    ends[len] = i;
    keys[len] = lookupOrAdd(s, st, i, h1 >>> 0, h2 >>> 0);
    len++;
  }
  return { starts: starts.subarray(0, len), ends: ends.subarray(0, len), keys: keys.subarray(0, len), length: len };
}
