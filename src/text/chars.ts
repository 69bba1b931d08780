/**
 * Character tables shared by the normaliser, the tokeniser and the sentence splitter.
 * Built once at module load (≈ 6 ms) so the hot paths are `charCodeAt` + array lookups,
 * never regex chains.
 */

/** Per-code-unit fold for MATCHING: `FOLD[c]` is the replacement string, or undefined = keep. */
const FOLD: (string | undefined)[] = new Array(0x10000);

/** Code units removed entirely: tashkeel, tatweel, zero-width and bidi controls, soft hyphen. */
export function isDeletable(c: number): boolean {
  return (
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    c === 0x0674 || // high hamza (left over by NFKC of ٵ ٶ ٷ ٸ)
    (c >= 0x06d6 && c <= 0x06ed && c !== 0x06de && c !== 0x06e9 && c !== 0x06e5 && c !== 0x06e6) ||
    c === 0x0640 || // tatweel
    c === 0x00ad || // soft hyphen
    c === 0x061c || // Arabic letter mark
    c === 0x180e ||
    (c >= 0x200c && c <= 0x200f) || // ZWNJ ZWJ LRM RLM
    (c >= 0x202a && c <= 0x202e) || // LRE RLE PDF LRO RLO
    (c >= 0x2060 && c <= 0x2064) || // word joiner, invisible operators
    (c >= 0x2066 && c <= 0x2069) || // LRI RLI FSI PDI
    c === 0xfeff || // BOM / ZWNBSP
    (c >= 0xfe00 && c <= 0xfe0f) // variation selectors
  );
}

/** Single code unit replacements applied after NFKC (the Arabic folds and punctuation unification). */
const SINGLE: Record<number, number> = {
  0x0622: 0x0627, // آ → ا
  0x0623: 0x0627, // أ → ا
  0x0625: 0x0627, // إ → ا
  0x0671: 0x0627, // ٱ (wasla) → ا
  0x0672: 0x0627,
  0x0673: 0x0627,
  0x0649: 0x064a, // ى → ي
  0x06cc: 0x064a, // Persian yeh → ي
  0x06d2: 0x064a, // yeh barree → ي
  0x0624: 0x0648, // ؤ → و
  0x0626: 0x064a, // ئ → ي
  0x06a9: 0x0643, // keheh → ك
  0x06aa: 0x0643,
  0x06c1: 0x0647, // heh goal → ه
  0x06d5: 0x0647, // ae → ه
  0x06c0: 0x0647, // heh with yeh above → ه
  0x066b: 0x002e, // Arabic decimal separator → .
  0x066c: 0x002c, // Arabic thousands separator → ,
  0x066a: 0x0025, // Arabic percent → %
  0x06d4: 0x002e, // Arabic full stop → .
  // quotes → "
  0x00ab: 0x22, 0x00bb: 0x22, 0x201c: 0x22, 0x201d: 0x22, 0x201e: 0x22, 0x201f: 0x22, 0x2033: 0x22, 0x301d: 0x22, 0x301e: 0x22,
  // single quotes → '
  0x2018: 0x27, 0x2019: 0x27, 0x201a: 0x27, 0x201b: 0x27, 0x2032: 0x27, 0x2039: 0x27, 0x203a: 0x27, 0x0060: 0x27, 0x00b4: 0x27,
  // dashes and minus → -
  0x2010: 0x2d, 0x2011: 0x2d, 0x2012: 0x2d, 0x2013: 0x2d, 0x2014: 0x2d, 0x2015: 0x2d, 0x2212: 0x2d, 0x2e3a: 0x2d, 0x2e3b: 0x2d, 0xfe58: 0x2d,
  // horizontal whitespace → space; line/paragraph separators → \n
  0x0009: 0x20, 0x000b: 0x20, 0x000c: 0x20, 0x00a0: 0x20, 0x1680: 0x20, 0x202f: 0x20, 0x205f: 0x20, 0x3000: 0x20,
  0x200b: 0x20, // zero-width space separates words
  0x2028: 0x0a, 0x2029: 0x0a, 0x0085: 0x0a,
};
for (let c = 0x2000; c <= 0x200a; c++) SINGLE[c] = 0x20;
for (let c = 0x0660; c <= 0x0669; c++) SINGLE[c] = 0x30 + (c - 0x0660); // Arabic-Indic digits
for (let c = 0x06f0; c <= 0x06f9; c++) SINGLE[c] = 0x30 + (c - 0x06f0); // Persian digits

/** Fold one code unit without NFKC (deletions and single replacements). */
function foldUnit(c: number): string {
  if (isDeletable(c)) return '';
  const r = SINGLE[c];
  return r === undefined ? String.fromCharCode(c) : String.fromCharCode(r);
}

function foldString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldUnit(s.charCodeAt(i));
  return out;
}

for (let c = 0; c < 0x10000; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates handled by the callers
  const ch = String.fromCharCode(c);
  let nf = ch.normalize('NFKC');
  // fold until fixed so that every output unit is itself unchanged (idempotence)
  let folded = foldString(nf);
  for (let k = 0; k < 3; k++) {
    nf = folded.normalize('NFKC');
    const again = foldString(nf);
    if (again === folded) break;
    folded = again;
  }
  if (folded !== ch) FOLD[c] = folded;
}

/** Cache for astral code points (mathematical letters, Arabic mathematical symbols, …). */
const ASTRAL = new Map<number, string | null>();
function foldAstral(cp: number): string | null {
  let r = ASTRAL.get(cp);
  if (r === undefined) {
    const ch = String.fromCodePoint(cp);
    const f = foldString(ch.normalize('NFKC'));
    r = f === ch ? null : f;
    ASTRAL.set(cp, r);
  }
  return r;
}

/**
 * The matching-form replacement of the character starting at `s[i]`, or null when it is
 * kept as is. `len` receives how many code units it covers (2 for a surrogate pair).
 */
export function foldAt(s: string, i: number, c: number): string | null {
  if (c < 0xd800 || c > 0xdbff) return FOLD[c] ?? null;
  const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
  if (d < 0xdc00 || d > 0xdfff) return null; // lone surrogate: kept
  return foldAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
}

/** True when code unit `c` (BMP, non-surrogate) changes under the fold. */
export function changesBmp(c: number): boolean {
  return FOLD[c] !== undefined;
}
export const FOLD_TABLE: readonly (string | undefined)[] = FOLD;

// ---------------------------------------------------------------- character classes

export const Cls = {
  Other: 0, // punctuation, symbols
  Space: 1, // whitespace
  Arabic: 2, // Arabic letters
  Mark: 3, // tashkeel, tatweel: word-internal
  Joiner: 4, // ZWNJ/ZWJ, bidi controls: word-internal between letters, else ignored
  Digit: 5, // ASCII, Arabic-Indic, Persian digits
  Latin: 6, // letters of other scripts (Latin, Cyrillic, Greek, …)
  LatinMark: 7, // combining marks of non-Arabic scripts
  Newline: 8,
} as const;
export type Cls = (typeof Cls)[keyof typeof Cls];

export const CLASS = new Uint8Array(0x10000);
{
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  const space = /\s/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    let k: number = Cls.Other;
    if (space.test(ch)) k = Cls.Space;
    else if (letter.test(ch)) k = Cls.Latin;
    else if (mark.test(ch)) k = Cls.LatinMark;
    CLASS[c] = k;
  }
  const arabicLetter = (c: number): boolean =>
    (c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || c === 0x06d5 || (c >= 0x06ee && c <= 0x06ef) ||
    (c >= 0x06fa && c <= 0x06fc) || c === 0x06ff || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08c9) ||
    (c >= 0xfb50 && c <= 0xfdff && letter.test(String.fromCharCode(c))) || (c >= 0xfe70 && c <= 0xfefc);
  for (let c = 0x0600; c < 0x0900; c++) if (arabicLetter(c)) CLASS[c] = Cls.Arabic;
  for (let c = 0xfb50; c <= 0xfeff; c++) if (arabicLetter(c)) CLASS[c] = Cls.Arabic;
  for (let c = 0x0610; c <= 0x061a; c++) CLASS[c] = Cls.Mark;
  for (let c = 0x064b; c <= 0x065f; c++) CLASS[c] = Cls.Mark;
  CLASS[0x0670] = Cls.Mark;
  CLASS[0x0674] = Cls.Mark;
  for (let c = 0x06d6; c <= 0x06ed; c++) if (isDeletable(c)) CLASS[c] = Cls.Mark;
  for (let c = 0x08ca; c <= 0x08ff; c++) CLASS[c] = Cls.Mark;
  CLASS[0x0640] = Cls.Mark; // tatweel
  for (let c = 0x30; c <= 0x39; c++) CLASS[c] = Cls.Digit;
  for (let c = 0x0660; c <= 0x0669; c++) CLASS[c] = Cls.Digit;
  for (let c = 0x06f0; c <= 0x06f9; c++) CLASS[c] = Cls.Digit;
  CLASS[0x200b] = Cls.Space; // zero-width space separates words
  for (const c of [0x200c, 0x200d, 0x200e, 0x200f, 0x00ad, 0x061c, 0x2060, 0xfeff, 0x180e]) CLASS[c] = Cls.Joiner;
  for (let c = 0x202a; c <= 0x202e; c++) CLASS[c] = Cls.Joiner;
  for (let c = 0x2066; c <= 0x2069; c++) CLASS[c] = Cls.Joiner;
  for (let c = 0xfe00; c <= 0xfe0f; c++) CLASS[c] = Cls.Joiner;
  for (const c of [0x0a, 0x0d, 0x2028, 0x2029, 0x0085]) CLASS[c] = Cls.Newline;
  // full-width digits fold to ASCII digits under NFKC
  for (let c = 0xff10; c <= 0xff19; c++) CLASS[c] = Cls.Digit;
}
