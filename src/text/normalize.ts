/**
 * Arabic normalisation for MATCHING (display text is never changed): NFKC (per character),
 * tashkeel/tatweel removed, أ إ آ ٱ → ا, ى → ي, ؤ → و, ئ → ي, Arabic-Indic/Persian digits → ASCII,
 * quotes «» “” „ → ", dashes → -, exotic spaces → space, zero-width/bidi controls removed.
 * ة is kept here (matchForm folds a final ة to ه). Idempotent; the length may change —
 * use `normalizeWithMap` to map normalised indices back to raw offsets.
 */
import { FOLD_TABLE, foldAt } from './chars.ts';

/** Matching form of a string. */
export function normalize(s: string): string {
  const n = s.length;
  let i = 0;
  // fast path: most tokens need no change at all
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      if (foldAt(s, i, c) !== null) break;
      continue;
    }
    if (FOLD_TABLE[c] !== undefined) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  let runStart = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    let r: string | null | undefined;
    let w = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      r = foldAt(s, i, c);
      w = i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    } else {
      r = FOLD_TABLE[c];
    }
    if (r === undefined || r === null) {
      i += w - 1;
      continue;
    }
    if (runStart < i) out += s.slice(runStart, i);
    out += r;
    i += w - 1;
    runStart = i + 1;
  }
  if (runStart < n) out += s.slice(runStart, n);
  return out;
}

/** A normalised string with, for each of its code units, the raw range it came from. */
export interface NormalizedText {
  text: string;
  /** starts[i] = raw offset where the source of normalised unit i begins */
  starts: Int32Array;
  /** ends[i] = raw offset just after the source of normalised unit i (deleted marks after it included) */
  ends: Int32Array;
}

/**
 * `normalize(raw)` plus a map back to raw offsets. `text` is identical to `normalize(raw)`.
 * A deleted character (tashkeel, tatweel, bidi mark) is attributed to the preceding kept unit,
 * so a match ending on a letter also covers that letter's vowel marks.
 */
export function normalizeWithMap(raw: string): NormalizedText {
  const n = raw.length;
  let starts = new Int32Array(n + 16);
  let ends = new Int32Array(n + 16);
  const parts: string[] = [];
  let len = 0;
  let runStart = 0;
  const ensure = (extra: number): void => {
    if (len + extra <= starts.length) return;
    const size = Math.max(starts.length * 2, len + extra);
    const s2 = new Int32Array(size);
    s2.set(starts);
    const e2 = new Int32Array(size);
    e2.set(ends);
    starts = s2;
    ends = e2;
  };
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    let r: string | null | undefined;
    let w = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      r = foldAt(raw, i, c);
      w = i + 1 < n && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    } else {
      r = FOLD_TABLE[c];
    }
    if (r === undefined || r === null) {
      ensure(w);
      for (let k = 0; k < w; k++) {
        starts[len] = i + k;
        ends[len] = i + k + 1;
        len++;
      }
      i += w - 1;
      continue;
    }
    if (runStart < i) parts.push(raw.slice(runStart, i));
    if (r.length === 0) {
      if (len > 0) ends[len - 1] = i + w; // a deleted unit belongs to the previous kept one
    } else {
      ensure(r.length);
      for (let k = 0; k < r.length; k++) {
        starts[len] = i;
        ends[len] = i + w;
        len++;
      }
      parts.push(r);
    }
    i += w - 1;
    runStart = i + 1;
  }
  if (runStart < n) parts.push(raw.slice(runStart, n));
  return { text: parts.join(''), starts: starts.subarray(0, len), ends: ends.subarray(0, len) };
}

/** Raw range of the normalised range [start, end) of `m`. */
export function rawSpan(m: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (start >= m.text.length) {
    const e = m.text.length === 0 ? 0 : m.ends[m.text.length - 1];
    return { start: e, end: e };
  }
  if (end <= start) return { start: m.starts[start], end: m.starts[start] };
  return { start: m.starts[start], end: m.ends[end - 1] };
}
