/**
 * Tokens with UTF-16 offsets into the RAW text. Kinds: Arabic `word`, `number` (digit runs
 * with internal . , / : ٫ ٬ between digits: 2023.9.13, 13/9/2023, 8,000, 1.5, 10:30),
 * `latin` (letters of other scripts, with digits after the first letter: G20, COVID19) and
 * `punct` (one symbol, or a run of the same symbol such as "..." or "!!").
 * Tashkeel, tatweel and ZWNJ/ZWJ inside a word stay in the word; `norm` is its matching form.
 */
import { CLASS, Cls } from './chars.ts';
import { normalize } from './normalize.ts';

export type TokenKind = 'word' | 'number' | 'latin' | 'punct';

export interface Token {
  /** raw text: raw.slice(start, end) */
  text: string;
  /** matching form: normalize(text) */
  norm: string;
  start: number;
  end: number;
  kind: TokenKind;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const ASTRAL_LETTER = /^\p{L}/u;

/** Separators allowed inside a number when a digit follows. */
function isNumberJoint(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x2f || c === 0x3a || c === 0x066b || c === 0x066c;
}

/** Tokens of raw[from, to), in order, non-overlapping; offsets index `raw`. */
export function tokenize(raw: string, from = 0, to = raw.length): Token[] {
  const out: Token[] = [];
  const end = Math.min(Math.max(to, 0), raw.length);
  let i = Math.max(0, Math.min(from, end));
  // never start inside a surrogate pair
  if (i > 0 && i < end && isLow(raw.charCodeAt(i)) && isHigh(raw.charCodeAt(i - 1))) i++;
  while (i < end) {
    const c = raw.charCodeAt(i);
    const k = CLASS[c];
    if (k === Cls.Space || k === Cls.Newline || k === Cls.Joiner) {
      i++;
      continue;
    }
    const s = i;
    let kind: TokenKind;
    if (k === Cls.Arabic || k === Cls.Mark) {
      if (k === Cls.Mark) {
        // stray marks (not after a letter) are not tokens
        i++;
        while (i < end && CLASS[raw.charCodeAt(i)] === Cls.Mark) i++;
        continue;
      }
      i++;
      for (; i < end; i++) {
        const kk = CLASS[raw.charCodeAt(i)];
        if (kk === Cls.Arabic || kk === Cls.Mark) continue;
        if (kk === Cls.Joiner && i + 1 < end && CLASS[raw.charCodeAt(i + 1)] === Cls.Arabic) continue;
        break;
      }
      kind = 'word';
    } else if (k === Cls.Digit) {
      i++;
      for (; i < end; i++) {
        const d = raw.charCodeAt(i);
        if (CLASS[d] === Cls.Digit) continue;
        if (isNumberJoint(d) && i + 1 < end && CLASS[raw.charCodeAt(i + 1)] === Cls.Digit) continue;
        break;
      }
      kind = 'number';
    } else if (k === Cls.Latin || (isHigh(c) && i + 1 < end && isLow(raw.charCodeAt(i + 1)) && ASTRAL_LETTER.test(raw.slice(i, i + 2)))) {
      i += isHigh(c) ? 2 : 1;
      for (; i < end; i++) {
        const d = raw.charCodeAt(i);
        const kk = CLASS[d];
        if (kk === Cls.Latin || kk === Cls.LatinMark || kk === Cls.Digit) continue;
        // internal apostrophe or hyphen between letters: O'Brien, al-Assad
        if ((d === 0x27 || d === 0x2019 || d === 0x2d) && i + 1 < end && CLASS[raw.charCodeAt(i + 1)] === Cls.Latin) continue;
        if (isHigh(d) && i + 1 < end && isLow(raw.charCodeAt(i + 1)) && ASTRAL_LETTER.test(raw.slice(i, i + 2))) {
          i++;
          continue;
        }
        break;
      }
      kind = 'latin';
    } else {
      // punctuation / symbol: a surrogate pair stays whole; a run of the same symbol is one token
      if (isHigh(c) && i + 1 < end && isLow(raw.charCodeAt(i + 1))) {
        i += 2;
      } else {
        i++;
        while (i < end && raw.charCodeAt(i) === c && !isHigh(c) && !isLow(c)) i++;
        // an ellipsis written as "…" or "..." is one token already; marks after a symbol belong to it
      }
      while (i < end && CLASS[raw.charCodeAt(i)] === Cls.LatinMark) i++;
      kind = 'punct';
    }
    const text = raw.slice(s, i);
    out.push({ text, norm: normalize(text), start: s, end: i, kind });
  }
  return out;
}

/** Tokens of kind word, number or latin (no punctuation). */
export function wordTokens(raw: string, from = 0, to = raw.length): Token[] {
  return tokenize(raw, from, to).filter((t) => t.kind !== 'punct');
}
