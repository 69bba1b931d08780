/**
 * Name keys for resolution: normalised name words, a consonant skeleton that absorbs the usual
 * Arabic transliteration variants, and edit distance.
 */
import { normWord } from './arabic.ts';

/** Name words in matching form: normalised, leading ال dropped, one leading و/ف/ل/ب only when glued to ال. */
export function nameWords(text: string): string[] {
  return text
    .split(/[\s\u00A0\-–—_/]+/u)
    .map((w) => normWord(w).replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean)
    .map((w) => w.replace(/^(?:[وف]?[بلك]?)ال(?=..)/u, '').replace(/^لل(?=...)/u, ''));
}

/**
 * Consonant skeleton: تش→ش, غ→ج, ق→ك, ة/ه final dropped, long vowels ا و ي and hamza dropped,
 * doubled letters collapsed; Latin lowercased with vowels dropped.
 */
export function skeleton(word: string): string {
  let w = word.toLowerCase();
  w = w.replace(/تش/gu, 'ش').replace(/غ/gu, 'ج').replace(/ق/gu, 'ك').replace(/[هة]$/u, '');
  w = w.replace(/[اويىءأإآؤئ]/gu, '').replace(/[aeiouy]/g, '');
  return w.replace(/(.)\1+/gu, '$1');
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Minimum skeleton length for a skeleton match (short skeletons like كم collide too easily). */
export const MIN_SKELETON = 3;

/**
 * Two name words are spelling variants: identical, or same skeleton (≥ MIN_SKELETON letters)
 * with edit distance ≤ max(2, ⌊len/3⌋) on the normalised forms.
 */
export function wordVariants(a: string, b: string): boolean {
  if (a === b) return true;
  const sa = skeleton(a);
  if (sa.length < MIN_SKELETON || sa !== skeleton(b)) return false;
  return levenshtein(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}

/** Whole names are variants: same number of words, pairwise variants; or same joined skeleton (عبدالله / عبد الله). */
export function nameVariants(a: string[], b: string[]): boolean {
  if (a.length === b.length && a.every((w, i) => wordVariants(w, b[i]))) return true;
  if (a.length === b.length) return false;
  return wordVariants(a.join(''), b.join(''));
}
