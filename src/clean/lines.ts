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
}

const WS = /\s/;

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
  while (cs < end && WS.test(text[cs]!)) cs++;
  let markupPrefix = 0;
  const m = MARKUP_PREFIX.exec(text.slice(cs, Math.min(end, cs + 400)));
  if (m && m[0].length > 0) {
    markupPrefix = m[0].length;
    cs += markupPrefix;
  }
  let ce = end;
  while (ce > cs && WS.test(text[ce - 1]!)) ce--;
  const content = text.slice(cs, ce);
  const norm = normalize(content).replace(/\s+/g, ' ').trim();
  return { n, start, end, contentStart: cs, contentEnd: ce, markupPrefix, text: content, norm, words: countWords(norm) };
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

/** Key of a line for recurrence counting: normalised letters and digits only. */
export function lineKey(norm: string): string {
  return norm.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** 32-bit FNV-1a hash as base-36 text (compact keys for the boilerplate model). */
export function hashKey(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
