/**
 * Bytes → text. Order: BOM, UTF-16 without BOM (byte-parity heuristic), binary check,
 * strict UTF-8, a declared charset (HTML meta / HTTP header / XML declaration), then the two
 * legacy Arabic code pages scored against each other, then chardet for anything else.
 * Why this order: valid multi-byte UTF-8 almost never occurs by chance in legacy text, so a
 * strict UTF-8 pass is a near-certain test; Windows-1256 and ISO-8859-6 both decode any byte
 * string, so only a plausibility score can tell them apart.
 */
import iconv from 'iconv-lite';
import chardet from 'chardet';

export interface Decoded {
  text: string;
  /** WHATWG-style label: 'utf-8', 'utf-16le', 'utf-16be', 'windows-1256', 'iso-8859-6', … */
  encoding: string;
}

/** Thrown for bytes that are not text in any encoding we accept; `reason` is user-facing. */
export class DecodeError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface DecodeOptions {
  /** charset declared by the container (HTTP Content-Type, <meta charset>, <?xml encoding?>) */
  declared?: string | null;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): Decoded {
  if (bytes.length === 0) throw new DecodeError('empty file');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // 1. byte order marks
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: decodeUtf8Or(buf.subarray(3)), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: decodeUtf16(buf.subarray(2), 'le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: decodeUtf16(buf.subarray(2), 'be'), encoding: 'utf-16be' };

  // 2. UTF-16 without BOM: one byte of every pair is nearly always 0x00 (ASCII) or 0x06 (Arabic)
  const parity = utf16Parity(buf);
  if (parity) return { text: decodeUtf16(buf, parity), encoding: `utf-16${parity}` };

  // 3. binary content
  const binary = binaryReason(buf);
  if (binary) throw new DecodeError(binary);

  // 4. strict UTF-8 (pure ASCII is UTF-8 too)
  try {
    return { text: utf8Strict.decode(buf), encoding: 'utf-8' };
  } catch {
    /* not UTF-8: fall through */
  }

  // 5. a declared legacy charset, unless it is UTF-8 (which just failed: a wrong declaration)
  const declared = canonicalCharset(opts.declared);
  if (declared && declared !== 'utf-8' && iconv.encodingExists(declared)) {
    const text = iconv.decode(buf, declared);
    if (!text.includes('\uFFFD')) return { text, encoding: declared };
  }

  // 6. Arabic legacy code pages, scored
  const best = bestArabicLegacy(buf);
  if (best) return best;

  // 7. anything else chardet is confident about (Latin code pages etc.)
  const guesses = chardet.analyse(buf).filter((g) => g.confidence >= 50);
  for (const g of guesses) {
    const label = canonicalCharset(g.name);
    if (!label || label === 'utf-8' || label.startsWith('utf-16') || label.startsWith('utf-32')) continue;
    if (!iconv.encodingExists(label)) continue;
    const text = iconv.decode(buf, label);
    if (looksLikeText(text)) return { text, encoding: label };
  }
  throw new DecodeError('undecodable bytes: not valid UTF-8, UTF-16, Windows-1256 or ISO-8859-6 text');
}

function decodeUtf8Or(buf: Buffer): string {
  try {
    return utf8Strict.decode(buf);
  } catch {
    throw new DecodeError('starts with a UTF-8 byte order mark but contains invalid UTF-8 bytes');
  }
}

function decodeUtf16(buf: Buffer, order: 'le' | 'be'): string {
  if (buf.length % 2 !== 0) throw new DecodeError(`UTF-16${order.toUpperCase()} text with an odd number of bytes (truncated?)`);
  const text = new TextDecoder(order === 'le' ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true });
  try {
    return text.decode(buf);
  } catch {
    throw new DecodeError(`invalid UTF-16${order.toUpperCase()} (unpaired surrogates)`);
  }
}

/**
 * UTF-16 without BOM: in each 2-byte unit the high byte of text in Latin/Arabic scripts is
 * 0x00, 0x06 (Arabic block), 0x20 (punctuation), 0xFB/0xFE (presentation forms). If ≥ 90% of
 * units at one parity have such a byte and it is not also true at the other parity, it is UTF-16.
 */
function utf16Parity(buf: Buffer): 'le' | 'be' | null {
  const n = Math.min(buf.length - (buf.length % 2), 8192);
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  let zeros = 0;
  const isHigh = (b: number) => b === 0x00 || b === 0x06 || b === 0x20 || b === 0xfe || b === 0xfb || b === 0x07 || b === 0x08;
  for (let i = 0; i < n; i += 2) {
    if (isHigh(buf[i])) even++;
    if (isHigh(buf[i + 1])) odd++;
    if (buf[i] === 0 || buf[i + 1] === 0) zeros++;
  }
  const units = n / 2;
  if (zeros / units < 0.05) return null; // real UTF-16 text has spaces/newlines/digits (high byte 0)
  if (odd / units >= 0.9 && even / units < 0.6) return 'le';
  if (even / units >= 0.9 && odd / units < 0.6) return 'be';
  return null;
}

function binaryReason(buf: Buffer): string | null {
  const n = Math.min(buf.length, 8192);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return 'binary content (NUL bytes), not a text file';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
  }
  if (controls / n > 0.05) return 'binary content (control bytes), not a text file';
  return null;
}

/** Frequent Arabic function words and the article prefix: general vocabulary, not corpus-specific. */
const COMMON_WORDS = new Set(['في', 'من', 'على', 'إلى', 'الى', 'أن', 'ان', 'عن', 'مع', 'التي', 'الذي', 'هذا', 'هذه', 'كان', 'قد', 'لا', 'ما', 'أو', 'بعد', 'قبل', 'بين', 'حتى', 'كما', 'وقال', 'قال']);
const ARABIC_LETTER = /[\u0621-\u064A]/;

/** Plausibility of a decoding as Arabic text: valid words up, debris (Latin-1 letters, ×, ÷, controls) down. */
export function arabicScore(text: string): { score: number; arabicShare: number } {
  let arabic = 0;
  let nonAscii = 0;
  let debris = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if (c >= 0x0621 && c <= 0x064a) arabic++;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xfffd || (c >= 0xc0 && c <= 0xff) || c === 0xd7 || c === 0xf7) debris++;
  }
  let words = 0;
  for (const w of text.split(/[\s\p{P}]+/u)) {
    if (!w || !ARABIC_LETTER.test(w)) continue;
    if (COMMON_WORDS.has(w) || /^[وفبلك]?ال[\u0621-\u064A]{2,}/.test(w)) words++;
  }
  return { score: words * 3 + arabic * 0.05 - debris * 2, arabicShare: nonAscii === 0 ? 0 : arabic / nonAscii };
}

function bestArabicLegacy(buf: Buffer): Decoded | null {
  const candidates = (['windows-1256', 'iso-8859-6'] as const).map((encoding) => {
    const text = iconv.decode(buf, encoding);
    return { text, encoding, ...arabicScore(text) };
  });
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  // random high bytes also decode to some Arabic letters; require mostly Arabic and real words
  if (best.arabicShare < 0.6 || best.score <= 0) return null;
  return { text: best.text, encoding: best.encoding };
}

function looksLikeText(text: string): boolean {
  let letters = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    if (/[\p{L}\p{N}\s\p{P}]/u.test(ch)) letters++;
  }
  return total > 0 && letters / total > 0.9;
}

/** Canonical lower-case label for a charset name: 'UTF8' → 'utf-8', 'cp1256' → 'windows-1256'. */
export function canonicalCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!n) return null;
  if (/^utf-?8$/.test(n) || n === 'unicode-1-1-utf-8') return 'utf-8';
  if (/^(utf-?16)(le)?$/.test(n) || n === 'unicode') return 'utf-16le';
  if (/^utf-?16be$/.test(n)) return 'utf-16be';
  if (/^(windows|cp|x-cp)-?1256$/.test(n)) return 'windows-1256';
  if (/^(iso[-_]?8859-?6|iso_8859-6(:1987)?|arabic|asmo-708|ecma-114|iso-ir-127|csisolatinarabic)$/.test(n)) return 'iso-8859-6';
  if (/^(iso[-_]?8859-?1|latin1|l1)$/.test(n)) return 'iso-8859-1';
  if (/^(windows|cp)-?1252$/.test(n)) return 'windows-1252';
  return n;
}
