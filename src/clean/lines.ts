/** Splitting text into lines with offsets, and the light text measures the classifier needs. */
import { normalize } from '../text/index.ts';
import { MARKUP_PREFIX } from './lexicon.ts';

export interface Line {
  /** index in `text.split("\n")` */
  n: number;
  /** offsets of the whole line in the text (without the "\n") */
  start: number;
  end: number;
  /** offsets of the content: markup prefix and surrounding whitespace removed */
  contentStart: number;
  contentEnd: number;
  /** length of a markup prefix ("/>", "<br>", "&nbsp;"…) at the line start, 0 if none */
  markupPrefix: number;
  /** content as written */
  text: string;
  /** matching form of the content (normalised, whitespace collapsed) */
  norm: string;
  /** words in the content */
  words: number;
  /** the line has letters or digits (a non-empty `lineKey(norm)`) */
  keyed: boolean;
  /** 32-bit FNV-1a hash of `lineKey(norm)`, computed without building the key (0 when not keyed) */
  hash: number;
}

const isWs = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
// first characters a markup prefix can start with: / < & { - ]
const MARKUP_START = new Set([47, 60, 38, 123, 45, 93]);

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  let n = 0;
  for (;;) {
    let end = text.indexOf('\n', start);
    const last = end < 0;
    if (last) end = text.length;
    let lineEnd = end;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--; // CRLF
    out.push(makeLine(text, n, start, lineEnd));
    if (last) break;
    start = end + 1;
    n++;
  }
  return out;
}

function makeLine(text: string, n: number, start: number, end: number): Line {
  let cs = start;
  while (cs < end && isWs(text.charCodeAt(cs))) cs++;
  let markupPrefix = 0;
  if (cs < end && MARKUP_START.has(text.charCodeAt(cs))) {
    const m = MARKUP_PREFIX.exec(text.slice(cs, Math.min(end, cs + 400)));
    if (m && m[0].length > 0) {
      markupPrefix = m[0].length;
      cs += markupPrefix;
    }
  }
  let ce = end;
  while (ce > cs && isWs(text.charCodeAt(ce - 1))) ce--;
  const content = text.slice(cs, ce);
  const norm = collapseSpaces(normalize(content));
  const hash = lineKeyHash(norm);
  return { n, start, end, contentStart: cs, contentEnd: ce, markupPrefix, text: content, norm, words: countWords(norm), keyed: hash >= 0, hash: hash >= 0 ? hash : 0 };
}

/** Whitespace runs → one space, trimmed; returns the string itself when nothing changes (the usual case). */
export function collapseSpaces(s: string): string {
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === s.length - 1 || s.charCodeAt(i + 1) === 32) { clean = false; break; }
    } else if (c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) {
      clean = false;
      break;
    }
  }
  return clean ? s : s.replace(/\s+/g, ' ').trim();
}

export function countWords(s: string): number {
  let w = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = (c >= 0x600 && c <= 0x6ff) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0x750;
    const isWordChar = letter && c !== 0x60c && c !== 0x61b && c !== 0x61f && c !== 0x640 && c !== 0x6d4;
    if (isWordChar && !inWord) w++;
    inWord = isWordChar;
  }
  return w;
}

// letter-or-digit per UTF-16 code unit, memoised (0 unknown, 1 yes, 2 no): the Unicode property
// regex per line was the cleaner's hottest spot; a table lookup per character gives the same key
const LN = new Uint8Array(0x10000);
const LN_RE = /^[\p{L}\p{N}]$/u;
for (let c = 0; c < 0x80; c++) LN[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;
for (let c = 0x621; c <= 0x64a; c++) LN[c] = 1;

function isLetterOrDigit(s: string, i: number, c: number): number {
  // returns the code units the letter/digit spans (1 or 2), 0 when it is not one
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return LN_RE.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  if (c >= 0xd800 && c <= 0xdfff) return 0; // a lone surrogate (never memoised: pairs are checked above)
  let v = LN[c]!;
  if (v === 0) {
    v = LN_RE.test(String.fromCharCode(c)) ? 1 : 2;
    LN[c] = v;
  }
  return v === 1 ? 1 : 0;
}

/**
 * Key of a line for recurrence counting: normalised letters and digits only, runs joined by one
 * space (same result as `norm.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()`, several times faster).
 */
export function lineKey(norm: string): string {
  let out = '';
  let runStart = -1;
  let i = 0;
  const n = norm.length;
  while (i < n) {
    const w = isLetterOrDigit(norm, i, norm.charCodeAt(i));
    if (w > 0) {
      if (runStart < 0) runStart = i;
      i += w;
    } else {
      if (runStart >= 0) {
        out = out ? out + ' ' + norm.slice(runStart, i) : norm.slice(runStart, i);
        runStart = -1;
      }
      i++;
    }
  }
  if (runStart >= 0) out = out ? out + ' ' + norm.slice(runStart, n) : runStart === 0 ? norm : norm.slice(runStart, n);
  return out;
}

/** hashKeyNum(lineKey(norm)) without building the key; -1 when the key is empty. */
export function lineKeyHash(norm: string): number {
  let h = 0x811c9dc5;
  let inRun = false;
  let any = false;
  const n = norm.length;
  for (let i = 0; i < n; i++) {
    const c = norm.charCodeAt(i);
    // Arabic letters and ASCII letters/digits inline; the rest through the memo table
    const w = (c >= 0x621 && c <= 0x64a) || LN[c] === 1 ? 1 : LN[c] === 2 ? 0 : isLetterOrDigit(norm, i, c);
    if (w > 0) {
      if (!inRun && any) h = Math.imul(h ^ 32, 0x01000193);
      h = Math.imul(h ^ c, 0x01000193);
      if (w === 2) h = Math.imul(h ^ norm.charCodeAt(++i), 0x01000193);
      inRun = true;
      any = true;
    } else inRun = false;
  }
  return any ? h >>> 0 : -1;
}

/** 32-bit FNV-1a hash of a string (unsigned). */
export function hashKeyNum(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The same hash as base-36 text (the version-1 snapshot's keys). */
export function hashKey(s: string): string {
  return hashKeyNum(s).toString(36);
}
