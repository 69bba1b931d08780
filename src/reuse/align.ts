/**
 * Passage alignment between two texts: which stretches of A appear in B, verbatim or lightly
 * edited (punctuation, quote marks, spacing, a word added, dropped or replaced).
 *
 * Method (seed and extend, as in PAN text-alignment systems):
 * 1. seeds: positions (i, j) where A and B share a word 3-gram (on matching keys, so
 *    punctuation and clitic/hamza/ta-marbuta variants do not matter);
 * 2. chains: seeds are linked in reading order when both texts advance by at most `maxGap`
 *    tokens and the two advances differ by at most `maxSkew` (an edit of a few words);
 * 3. a chain becomes a passage when it matches ≥ `minMatched` words densely enough; chains that
 *    cross a paragraph break in A are split there, so passages follow paragraphs.
 * Offsets are those of the first and last matched token on each side.
 */
import type { ReusePassage } from '../model.ts';
import { shingleHashes } from './shingles.ts';
import { keyTokens, type TokenSeq } from './tokens.ts';

export interface AlignParams {
  /** seed n-gram length in words */
  seedWords: number;
  /** max tokens either text may advance between two linked seeds */
  maxGap: number;
  /** max difference between the two advances (words added/dropped) */
  maxSkew: number;
  /** min words of A covered by seeds for a passage */
  minMatched: number;
  /** min share of the passage's A-words covered by seeds */
  minDensity: number;
  /** n-grams more frequent than this in B are not used as seeds (boilerplate, repetition) */
  maxSeedOccurrences: number;
  /** split passages at paragraph breaks of A (news display); off for long-passage scoring */
  splitParagraphs: boolean;
  /** merge consecutive passages whose gaps on both sides are at most this many words (0 = off) */
  mergeGap: number;
}

export const DEFAULT_ALIGN: AlignParams = {
  seedWords: 3,
  maxGap: 8,
  maxSkew: 4,
  minMatched: 8,
  minDensity: 0.5,
  maxSeedOccurrences: 6,
  splitParagraphs: true,
  mergeGap: 0,
};

/** A passage in token coordinates: A tokens [a0, a1), B tokens [b0, b1), `matched` A tokens covered by seeds. */
export interface TokenPassage {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  matched: number;
}

interface Chain {
  seeds: number[]; // flattened (i, j) pairs
  lastI: number;
  lastJ: number;
}

/** Align two token sequences. `textA` is only used to split passages at paragraph breaks. */
export function alignTokens(a: TokenSeq, b: TokenSeq, textA: string | null, p: AlignParams = DEFAULT_ALIGN): TokenPassage[] {
  const n = p.seedWords;
  if (a.length < n || b.length < n) return [];
  const ga = shingleHashes(a.keys, n);
  const gb = shingleHashes(b.keys, n);
  const where = new Map<number, number[]>();
  for (let j = 0; j < gb.length; j++) {
    const l = where.get(gb[j]);
    if (l === undefined) where.set(gb[j], [j]);
    else l.push(j);
  }
  const active: Chain[] = [];
  const done: Chain[] = [];
  for (let i = 0; i < ga.length; i++) {
    const js = where.get(ga[i]);
    // retire chains that can no longer be extended
    for (let c = active.length - 1; c >= 0; c--) {
      if (i - active[c].lastI > p.maxGap) done.push(active.splice(c, 1)[0]);
    }
    if (js === undefined || js.length > p.maxSeedOccurrences) continue;
    const used = new Set<Chain>();
    for (const j of js) {
      let best: Chain | null = null;
      let bestCost = Infinity;
      for (const c of active) {
        if (used.has(c)) continue;
        const di = i - c.lastI;
        const dj = j - c.lastJ;
        if (di <= 0 || dj <= 0 || dj > p.maxGap || Math.abs(di - dj) > p.maxSkew) continue;
        const cost = di + dj + 2 * Math.abs(di - dj);
        if (cost < bestCost) {
          bestCost = cost;
          best = c;
        }
      }
      if (best) {
        best.seeds.push(i, j);
        best.lastI = i;
        best.lastJ = j;
        used.add(best);
      } else {
        const c: Chain = { seeds: [i, j], lastI: i, lastJ: j };
        active.push(c);
        used.add(c);
      }
    }
  }
  done.push(...active);

  const para = p.splitParagraphs && textA ? paragraphOfTokens(a, textA) : null;
  const pieces: TokenPassage[] = [];
  for (const c of done) {
    for (const tp of chainPieces(c.seeds, n, para)) {
      if (tp.matched >= p.minMatched && tp.matched / (tp.a1 - tp.a0) >= p.minDensity) pieces.push(tp);
    }
  }
  const kept = dropOverlaps(pieces);
  return p.mergeGap > 0 ? mergeClose(kept, p.mergeGap) : kept;
}

/** Joins passages that follow each other closely in both texts (one case cut by a heavier edit). */
function mergeClose(ps: TokenPassage[], gap: number): TokenPassage[] {
  const out: TokenPassage[] = [];
  for (const q of ps) {
    const last = out[out.length - 1];
    if (last && q.a0 >= last.a1 - 1 && q.a0 - last.a1 <= gap && q.b0 >= last.b1 - gap && q.b0 - last.b1 <= gap) {
      last.a1 = Math.max(last.a1, q.a1);
      last.b0 = Math.min(last.b0, q.b0);
      last.b1 = Math.max(last.b1, q.b1);
      last.matched += q.matched;
    } else out.push({ ...q });
  }
  return out;
}

/** Paragraph number (count of preceding line breaks) of every token of A. */
function paragraphOfTokens(a: TokenSeq, textA: string): Int32Array {
  const out = new Int32Array(a.length);
  let para = 0;
  let pos = 0;
  for (let t = 0; t < a.length; t++) {
    for (; pos < a.starts[t]; pos++) if (textA.charCodeAt(pos) === 10) para++;
    out[t] = para;
  }
  return out;
}

/**
 * A chain's matched token pairs (each seed covers n words on both sides), grouped by A's
 * paragraph when `para` is given, as passages.
 */
function chainPieces(seeds: number[], n: number, para: Int32Array | null): TokenPassage[] {
  const out: TokenPassage[] = [];
  let cur: TokenPassage | null = null;
  let curPara = -1;
  let lastA = -1;
  for (let k = 0; k < seeds.length; k += 2) {
    for (let t = 0; t < n; t++) {
      const i = seeds[k] + t;
      const j = seeds[k + 1] + t;
      if (i <= lastA) continue; // already counted by an earlier, overlapping seed
      lastA = i;
      const pi = para ? para[i] : 0;
      if (!cur || pi !== curPara) {
        cur = { a0: i, a1: i + 1, b0: j, b1: j + 1, matched: 0 };
        curPara = pi;
        out.push(cur);
      }
      cur.a1 = i + 1;
      cur.b0 = Math.min(cur.b0, j);
      cur.b1 = Math.max(cur.b1, j + 1);
      cur.matched++;
    }
  }
  return out;
}

/** Keeps the strongest passages when two claim the same words of A or of B (repeated text). */
function dropOverlaps(ps: TokenPassage[]): TokenPassage[] {
  ps.sort((x, y) => y.matched - x.matched);
  const kept: TokenPassage[] = [];
  for (const p of ps) {
    const clash = kept.some((k) => overlap(p.a0, p.a1, k.a0, k.a1) > 0.3 * (p.a1 - p.a0) || overlap(p.b0, p.b1, k.b0, k.b1) > 0.3 * (p.b1 - p.b0));
    if (!clash) kept.push(p);
  }
  return kept.sort((x, y) => x.a0 - y.a0);
}

function overlap(s1: number, e1: number, s2: number, e2: number): number {
  return Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
}

/** Character passages: offsets into textA (start/end) and textB (otherStart/otherEnd). */
export function tokenPassagesToChars(ps: TokenPassage[], a: TokenSeq, b: TokenSeq, textA: string): ReusePassage[] {
  return ps.map((p) => {
    const start = a.starts[p.a0];
    const end = a.ends[p.a1 - 1];
    return { start, end, text: textA.slice(start, end), otherStart: b.starts[p.b0], otherEnd: b.ends[p.b1 - 1] };
  });
}

/** Words of a sequence covered by the passages' A side, as a share of all its words. */
export function coverageOf(ps: TokenPassage[], len: number, side: 'a' | 'b'): number {
  if (len === 0) return 0;
  const iv = ps.map((p) => (side === 'a' ? [p.a0, p.a1] : [p.b0, p.b1])).sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let end = -1;
  for (const [s, e] of iv) {
    const from = Math.max(s, end);
    if (e > from) covered += e - from;
    end = Math.max(end, e);
  }
  return covered / len;
}

/**
 * Shared passages of two texts, with offsets into BOTH (start/end index `textA`,
 * otherStart/otherEnd index `textB`); `text` is `textA.slice(start, end)`.
 */
export function alignPassages(textA: string, textB: string, params: Partial<AlignParams> = {}): ReusePassage[] {
  const p = { ...DEFAULT_ALIGN, ...params };
  const a = keyTokens(textA);
  const b = keyTokens(textB);
  return tokenPassagesToChars(alignTokens(a, b, textA, p), a, b, textA);
}
