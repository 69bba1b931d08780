/**
 * ROUGE-1/2/L on normalised, hamza-folded tokens (EASC summaries drop hamza: الأعظم → الاعظم),
 * with ة→ه and ى→ي folded too. Scores against several references are averaged.
 */
import { normalize, wordTokens } from '../text/index.ts';

export interface RougeScore { p: number; r: number; f: number }
export interface Rouge { rouge1: RougeScore; rouge2: RougeScore; rougeL: RougeScore }

export function rougeTokens(text: string): string[] {
  return wordTokens(normalize(text)).map((t) => t.norm.replace(/[أإآٱ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي').replace(/ء/g, ''));
}

const score = (overlap: number, cand: number, ref: number): RougeScore => {
  const p = cand ? overlap / cand : 0, r = ref ? overlap / ref : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};

function ngrams(toks: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= toks.length; i++) {
    const g = toks.slice(i, i + n).join(' ');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function rougeN(c: string[], r: string[], n: number): RougeScore {
  const a = ngrams(c, n), b = ngrams(r, n);
  let overlap = 0;
  for (const [g, k] of a) overlap += Math.min(k, b.get(g) ?? 0);
  return score(overlap, Math.max(0, c.length - n + 1), Math.max(0, r.length - n + 1));
}

function lcs(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(row[j]!, row[j - 1]!);
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function rouge(candidate: string, references: string[]): Rouge {
  const c = rougeTokens(candidate);
  const avg = (f: (r: string[]) => RougeScore): RougeScore => {
    const ss = references.map((r) => f(rougeTokens(r)));
    const m = (k: keyof RougeScore): number => ss.reduce((a, s) => a + s[k], 0) / Math.max(1, ss.length);
    return { p: m('p'), r: m('r'), f: m('f') };
  };
  return { rouge1: avg((r) => rougeN(c, r, 1)), rouge2: avg((r) => rougeN(c, r, 2)), rougeL: avg((r) => score(lcs(c, r), c.length, r.length)) };
}
