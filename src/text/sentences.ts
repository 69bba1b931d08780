/**
 * Sentence splitting with offsets into the RAW text.
 * - Newlines are hard boundaries.
 * - Terminators: . ! ? ؟ … (and runs like "?!" or "..."); ، and ؛ join clauses and do not end a sentence.
 * - A "." between digits (8.5, 2023.9.13) is not a terminator, nor the "." of an abbreviation
 *   (a one-letter Arabic/Latin word: د. م. ص. ق.م أ.د. U.S.; or a listed one: Dr. Mr. etc.),
 *   except a one-letter era marker right after a number (1990 م. / 1436 هـ.) which may end a sentence.
 * - Terminators inside a BALANCED «» “” "" () [] pair on the same line do not split; a terminator
 *   right before the closing mark ends the sentence after the closing mark.
 * Sentences are trimmed of surrounding whitespace; they are in order, non-overlapping, and
 * cover every non-space character of raw[from, to).
 */
import { CLASS, Cls } from './chars.ts';

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const OPEN_CLOSE: Record<number, number> = {
  0xab: 0xbb, // « »
  0x201c: 0x201d, // “ ”
  0x201e: 0x201d, // „ ”
  0x28: 0x29, // ( )
  0x5b: 0x5d, // [ ]
  0xfd3e: 0xfd3f, // ornate parentheses
  0x2039: 0x203a, // ‹ ›
};
const CLOSERS = new Set<number>([0xbb, 0x201d, 0x29, 0x5d, 0xfd3f, 0x203a, 0x22, 0x27, 0x2019]);

function isTerminator(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x061f || c === 0x2026 || c === 0x06d4;
}

/** Latin abbreviations that take a period (lower-cased, without the period). */
const LATIN_ABBR = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'jr', 'sr', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'no', 'gen', 'col', 'lt', 'sgt', 'capt', 'gov', 'sen', 'rep', 'fig', 'vol', 'pp', 'approx', 'e.g', 'i.e']);
/** Arabic abbreviations longer than one letter, written with their periods (normalised). */
const ARABIC_ABBR = new Set(['ق.م', 'ص.ب', 'ا.د', 'ت.ب']);

const isSpace = (c: number): boolean => {
  const k = CLASS[c];
  return k === Cls.Space || k === Cls.Joiner;
};
const isLetterOrMark = (k: number): boolean => k === Cls.Arabic || k === Cls.Mark || k === Cls.Latin || k === Cls.LatinMark;

/** Protected (quoted/bracketed) ranges of one line: [open, close] pairs, balanced, nested allowed. */
function protectedRanges(raw: string, s: number, e: number): Uint8Array {
  const inside = new Uint8Array(e - s);
  const stack: { open: number; close: number; at: number }[] = [];
  let straight = -1; // position of an unmatched straight double quote
  for (let i = s; i < e; i++) {
    const c = raw.charCodeAt(i);
    const close = OPEN_CLOSE[c];
    if (close !== undefined) {
      stack.push({ open: c, close, at: i });
      continue;
    }
    if (c === 0x22) {
      if (straight < 0) straight = i;
      else {
        for (let j = straight + 1; j < i; j++) inside[j - s] = 1;
        straight = -1;
      }
      continue;
    }
    if (stack.length > 0) {
      // find the innermost opener this closes (unbalanced openers in between are dropped)
      for (let d = stack.length - 1; d >= 0; d--) {
        if (stack[d].close === c) {
          for (let j = stack[d].at + 1; j < i; j++) inside[j - s] = 1;
          stack.length = d;
          break;
        }
      }
    }
  }
  return inside;
}

/** The word (letters and periods, e.g. "ق.م" or "U.S") ending just before position `dot`, with its start. */
function wordBefore(raw: string, lineStart: number, dot: number): { word: string; start: number } {
  let j = dot;
  while (j > lineStart) {
    const c = raw.charCodeAt(j - 1);
    const k = CLASS[c];
    if (isLetterOrMark(k) || (c === 0x2e && j - 1 > lineStart && isLetterOrMark(CLASS[raw.charCodeAt(j - 2)]))) j--;
    else break;
  }
  return { word: raw.slice(j, dot), start: j };
}

function lettersOnly(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const k = CLASS[c];
    if (k === Cls.Arabic || k === Cls.Latin) out += w[i];
    else if (c === 0x2e) out += '.';
  }
  return out;
}

function numberBefore(raw: string, lineStart: number, at: number): boolean {
  let j = at;
  while (j > lineStart && isSpace(raw.charCodeAt(j - 1))) j--;
  return j > lineStart && CLASS[raw.charCodeAt(j - 1)] === Cls.Digit;
}

/** Is the "." at `i` an abbreviation period (not a sentence end)? */
function isAbbreviation(raw: string, lineStart: number, i: number): boolean {
  const { word, start } = wordBefore(raw, lineStart, i);
  if (word.length === 0) return false;
  const letters = lettersOnly(word).replace(/\u0640/g, '');
  const bare = letters.replace(/\./g, '');
  if (bare.length === 1) {
    // one letter: an initial or abbreviation (د. م. ص.), unless it is an era marker after a year
    const ch = bare.charCodeAt(0);
    if ((ch === 0x0645 || ch === 0x0647) && numberBefore(raw, lineStart, start)) return false;
    return true;
  }
  if (letters.includes('.')) {
    // dotted abbreviations: ق.م  U.S  أ.د
    const norm = letters.replace(/[أإآ]/g, 'ا');
    if (ARABIC_ABBR.has(norm)) return true;
    if (letters.split('.').every((p) => p.length <= 1)) return true;
  }
  return LATIN_ABBR.has(letters.toLowerCase());
}

/** Sentences of raw[from, to). */
export function splitSentences(raw: string, from = 0, to = raw.length): Sentence[] {
  const out: Sentence[] = [];
  const end = Math.min(Math.max(to, 0), raw.length);
  let lineStart = Math.max(0, Math.min(from, end));
  const emit = (s: number, e: number): void => {
    while (s < e && (isSpace(raw.charCodeAt(s)) || CLASS[raw.charCodeAt(s)] === Cls.Newline)) s++;
    while (e > s && (isSpace(raw.charCodeAt(e - 1)) || CLASS[raw.charCodeAt(e - 1)] === Cls.Newline)) e--;
    if (e > s) out.push({ text: raw.slice(s, e), start: s, end: e });
  };
  while (lineStart < end) {
    let lineEnd = lineStart;
    while (lineEnd < end && CLASS[raw.charCodeAt(lineEnd)] !== Cls.Newline) lineEnd++;
    splitLine(raw, lineStart, lineEnd, emit);
    lineStart = lineEnd + 1;
  }
  return out;
}

function splitLine(raw: string, s: number, e: number, emit: (s: number, e: number) => void): void {
  if (e <= s) return;
  const inside = protectedRanges(raw, s, e);
  let sentStart = s;
  let i = s;
  while (i < e) {
    const c = raw.charCodeAt(i);
    if (!isTerminator(c) || inside[i - s] === 1) {
      i++;
      continue;
    }
    if (c === 0x2e) {
      const prev = i > s ? raw.charCodeAt(i - 1) : 0;
      const next = i + 1 < e ? raw.charCodeAt(i + 1) : 0;
      // decimal / dotted date: 8.5, 2023.9.13
      if (CLASS[prev] === Cls.Digit && CLASS[next] === Cls.Digit) {
        i++;
        continue;
      }
      // dotted Latin words (example.com) and abbreviations
      if (CLASS[prev] === Cls.Latin && CLASS[next] === Cls.Latin) {
        i++;
        continue;
      }
      if (next !== 0x2e && isAbbreviation(raw, s, i)) {
        i++;
        continue;
      }
    }
    // absorb a run of terminators and closing quotes/brackets
    let j = i + 1;
    while (j < e && (isTerminator(raw.charCodeAt(j)) || (CLOSERS.has(raw.charCodeAt(j)) && inside[j - s] === 0))) j++;
    const next = j < e ? raw.charCodeAt(j) : 0;
    // a sentence end needs a following space, end of line, or (for glued text) an Arabic letter / opening mark
    const kNext = CLASS[next];
    if (j < e && !isSpace(next) && kNext !== Cls.Arabic && OPEN_CLOSE[next] === undefined) {
      i = j;
      continue;
    }
    emitWithQuoteEnds(raw, sentStart, j, inside, s, emit);
    sentStart = j;
    i = j;
  }
  // a terminator inside a quotation just before its closer ends the sentence after the closer
  emitWithQuoteEnds(raw, sentStart, e, inside, s, emit);
}

/** Split the remainder at closers that end with a terminator inside the quote: «...سنرد.» ثم … */
function emitWithQuoteEnds(raw: string, a: number, e: number, inside: Uint8Array, lineStart: number, emit: (s: number, e: number) => void): void {
  let start = a;
  for (let i = a; i < e; i++) {
    const c = raw.charCodeAt(i);
    if (!CLOSERS.has(c) || inside[i - lineStart] === 1 || i === a) continue;
    let p = i - 1;
    while (p > start && CLOSERS.has(raw.charCodeAt(p))) p--;
    if (!isTerminator(raw.charCodeAt(p)) || inside[p - lineStart] !== 1) continue;
    if (raw.charCodeAt(p) === 0x2e && isAbbreviation(raw, lineStart, p)) continue;
    let j = i + 1;
    while (j < e && CLOSERS.has(raw.charCodeAt(j)) && inside[j - lineStart] === 0) j++;
    if (j < e && !isSpace(raw.charCodeAt(j))) continue;
    emit(start, j);
    start = j;
    i = j - 1;
  }
  emit(start, e);
}
