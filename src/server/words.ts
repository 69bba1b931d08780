/**
 * The word segmentation of src/text `wordTokens` (word / number / latin tokens, same offsets),
 * as a callback scan without Token objects or the per-token `normalize` the toolkit computes
 * for `norm`. Indexing 100k articles visits ~30M tokens; this is the hot loop. A test checks
 * that it yields exactly the toolkit's tokens (test/server/words.test.ts).
 */
import { CLASS, Cls } from '../text/chars.ts';

export type WordKind = 'word' | 'number' | 'latin';

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const ASTRAL_LETTER = /^\p{L}/u;
const isNumberJoint = (c: number): boolean => c === 0x2e || c === 0x2c || c === 0x2f || c === 0x3a || c === 0x066b || c === 0x066c;

/** calls `fn(start, end, kind)` for each word/number/latin token of `raw`, in order */
export function scanWords(raw: string, fn: (start: number, end: number, kind: WordKind) => void): void {
  const end = raw.length;
  let i = 0;
  while (i < end) {
    const c = raw.charCodeAt(i);
    const k = CLASS[c];
    if (k === Cls.Space || k === Cls.Newline || k === Cls.Joiner) {
      i++;
      continue;
    }
    const s = i;
    if (k === Cls.Arabic) {
      i++;
      for (; i < end; i++) {
        const kk = CLASS[raw.charCodeAt(i)];
        if (kk === Cls.Arabic || kk === Cls.Mark) continue;
        if (kk === Cls.Joiner && i + 1 < end && CLASS[raw.charCodeAt(i + 1)] === Cls.Arabic) continue;
        break;
      }
      fn(s, i, 'word');
    } else if (k === Cls.Mark) {
      // marks before any letter are skipped, as in the toolkit
      i++;
      while (i < end && CLASS[raw.charCodeAt(i)] === Cls.Mark) i++;
    } else if (k === Cls.Digit) {
      i++;
      for (; i < end; i++) {
        const d = raw.charCodeAt(i);
        if (CLASS[d] === Cls.Digit) continue;
        if (isNumberJoint(d) && i + 1 < end && CLASS[raw.charCodeAt(i + 1)] === Cls.Digit) continue;
        break;
      }
      fn(s, i, 'number');
    } else if (k === Cls.Latin || (isHigh(c) && i + 1 < end && isLow(raw.charCodeAt(i + 1)) && ASTRAL_LETTER.test(raw.slice(i, i + 2)))) {
      i += isHigh(c) ? 2 : 1;
      for (; i < end; i++) {
        const d = raw.charCodeAt(i);
        const kk = CLASS[d];
        if (kk === Cls.Latin || kk === Cls.LatinMark || kk === Cls.Digit) continue;
        if ((d === 0x27 || d === 0x2019 || d === 0x2d) && i + 1 < end && CLASS[raw.charCodeAt(i + 1)] === Cls.Latin) continue;
        if (isHigh(d) && i + 1 < end && isLow(raw.charCodeAt(i + 1)) && ASTRAL_LETTER.test(raw.slice(i, i + 2))) {
          i++;
          continue;
        }
        break;
      }
      fn(s, i, 'latin');
    } else {
      // punctuation: one symbol (or surrogate pair), a run of the same symbol, trailing marks
      if (isHigh(c) && i + 1 < end && isLow(raw.charCodeAt(i + 1))) i += 2;
      else {
        i++;
        while (i < end && raw.charCodeAt(i) === c && !isHigh(c) && !isLow(c)) i++;
      }
      while (i < end && CLASS[raw.charCodeAt(i)] === Cls.LatinMark) i++;
    }
  }
}
