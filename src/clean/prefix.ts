/**
 * A dateline and/or byline glued to the first body sentence: "سيول: …", "عمّان (المشرق) - …",
 * "الرياض - واس - …", "فهد كاملي- سبق- جازان: …", "دبي، الإمارات العربية المتحدة (CNN)-- …".
 * Only the start of the first body line is examined, and only short place/name segments
 * followed by a real sentence are split off.
 */
import { normalize } from '../text/index.ts';
import { AGENCY, REPORTING } from './lexicon.ts';
import { countWords } from './lines.ts';

export interface GluedPrefix {
  /** length of the prefix in the line content, separator and trailing spaces included */
  length: number;
  /** the prefix as written, trimmed */
  text: string;
  kind: 'dateline' | 'byline' | 'both';
  author: string | null;
  place: string | null;
}

const SEP = /\s*(?:--+|[-–—]+|:|\/)\s*/y;
// segment: 1–4 words of letters, optional "(…)" tag, optional ", region"
const SEGMENT = /(?:\(?[\p{L}\p{M}.'’]+\)?(?:[ \u00a0]+(?![-–—:])\(?[\p{L}\p{M}.'’]+\)?){0,3})(?:\s*[،,]\s*[\p{L}\p{M}]+(?:[ \u00a0]+[\p{L}\p{M}]+){0,3})?(?:\s*\([^)\n]{1,30}\))?/uy;
const DATE_IN = /\d/;

export function findGluedPrefix(content: string): GluedPrefix | null {
  const head = content.slice(0, 120);
  const segments: string[] = [];
  let pos = 0;
  let lastSep = '';
  for (let k = 0; k < 4; k++) {
    SEGMENT.lastIndex = pos;
    const m = SEGMENT.exec(head);
    if (!m || m[0].length === 0) break;
    const segEnd = pos + m[0].length;
    SEP.lastIndex = segEnd;
    const s = SEP.exec(head);
    // "(أ ف ب) -": the segment itself may be a parenthesised agency
    if (!s || s[0].trim() === '') break;
    segments.push(m[0].trim());
    pos = segEnd + s[0].length;
    lastSep = s[0].trim();
    if (lastSep === ':') break; // a colon always closes the prefix
  }
  if (segments.length === 0) return null;
  const rest = content.slice(pos);
  if (countWords(normalize(rest)) < 5) return null;
  const segNorm = segments.map((s) => normalize(s));
  const words = segNorm.reduce((a, s) => a + countWords(s), 0);
  if (words > 9) return null;
  if (segNorm.some((s) => countWords(s) > 5)) return null;
  // "وقال: …", "وأضاف أن: …" are speech, not datelines
  const firstWord = segNorm[0]!.split(/\s+/)[0]!.replace(/[()]/g, '');
  if (REPORTING.test(firstWord)) return null;
  if (segments.length === 1 && /^(و|ف)/.test(firstWord) && !segNorm[0]!.includes('(')) return null;
  // "X - sentence" alone: only a one- or two-word place
  if (segments.length === 1 && lastSep !== ':' && !segNorm[0]!.includes('(') && countWords(segNorm[0]!) > 2) return null;
  if (DATE_IN.test(segNorm.join(' ')) && !/\(/.test(segNorm.join(' '))) {
    // "12 أغسطس -" is a date dateline; numbers otherwise mean a sentence fragment
    if (!/(\d{1,2}\s+\S+|\d{4})/.test(segNorm.join(' '))) return null;
  }
  const text = content.slice(0, pos).trim();
  // kinds: agency/outlet segments are neutral; a 2–3 word segment before a place is the author
  const plain = segments.filter((s) => !AGENCY.test(normalize(s)) || countWords(normalize(s)) > 3);
  let kind: GluedPrefix['kind'] = 'dateline';
  let author: string | null = null;
  let place: string | null = null;
  const cleanSeg = (s: string): string => s.replace(/\s*\([^)]*\)\s*$/, '').trim();
  if (plain.length === 0) {
    kind = 'byline';
    author = segments.join(' - ');
  } else if (plain.length >= 2) {
    kind = 'both';
    // "موسكو - حسن عمارة": a one-word first segment is the place; otherwise name first, place last
    const placeFirst = countWords(normalize(cleanSeg(plain[0]!))) === 1;
    author = cleanSeg(placeFirst ? plain[1]! : plain[0]!);
    place = cleanSeg(placeFirst ? plain[0]! : plain[plain.length - 1]!);
  } else {
    place = cleanSeg(plain[0]!);
  }
  return { length: pos, text, kind, author, place };
}
