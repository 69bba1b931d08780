/**
 * Arabic normalisation for MATCHING (display text is never changed). Provisional version:
 * the text-toolkit work replaces the internals; the signature stays.
 */
const TASHKEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;

/** Matching form of a string: idempotent; may change length (use tokens for offsets). */
export function normalize(s: string): string {
  let t = s.normalize('NFKC');
  t = t.replace(TASHKEEL, '').replace(TATWEEL, '');
  t = t.replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي').replace(/ؤ/g, 'و').replace(/ئ/g, 'ي');
  t = t.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
  t = t.replace(/[«»“”„"]/g, '"').replace(/[‐-―−]/g, '-');
  return t;
}
