/**
 * Parameters of the reuse stage. Defaults chosen on the dev half of ExAraPlagDet and on our own
 * wire-copy fixtures (see docs/design/reuse.md for the reasoning and figures).
 */
import { DEFAULT_ALIGN, type AlignParams } from './align.ts';

export interface CopyRule {
  /** a pair with at least this many passages and `minSharedWords` shared words… */
  minPassages: number;
  minSharedWords: number;
  /** …and at least this share of either article covered, is a copy */
  minCoverage: number;
  /** a pair with fewer passages is a copy when one side is covered at least this much */
  singlePassageCoverage: number;
}

export interface ReuseParams {
  /** MinHash values per article (= bands × rows) */
  numPerm: number;
  bands: number;
  rows: number;
  /** doc-level shingle length (words) */
  docShingle: number;
  /** estimated Jaccard from which two articles are near-duplicates */
  nearDuplicate: number;
  /** passage-level fingerprint shingle length (words) and winnowing window (shingles) */
  fpShingle: number;
  winnowWindow: number;
  /** cap on fingerprints stored per article (bounds memory) */
  maxFingerprints: number;
  /** a fingerprint shared by more indexed articles than this is boilerplate and ignored */
  maxPostingsPerKey: number;
  /** min fingerprints an indexed article must share with the query to be aligned */
  minSharedFingerprints: number;
  /**
   * unless shared links are asked for, a candidate must share at least this share of the smaller
   * article's fingerprints (a copy covers ≥ copy.minCoverage of one side; fingerprints are sampled)
   */
  minSharedFingerprintShare: number;
  /** at most this many candidates (most shared fingerprints first) are aligned per query */
  maxCandidates: number;
  align: AlignParams;
  copy: CopyRule;
}

export const DEFAULT_PARAMS: ReuseParams = {
  numPerm: 60,
  bands: 20,
  rows: 3,
  docShingle: 3,
  nearDuplicate: 0.5,
  fpShingle: 4,
  winnowWindow: 10,
  maxFingerprints: 64,
  maxPostingsPerKey: 64,
  minSharedFingerprints: 2,
  minSharedFingerprintShare: 0.05,
  maxCandidates: 20,
  align: DEFAULT_ALIGN,
  copy: { minPassages: 2, minSharedWords: 30, minCoverage: 0.1, singlePassageCoverage: 0.3 },
};

/** Overrides of any parameter (nested ones partially). */
export type ReuseParamsInput = Partial<Omit<ReuseParams, 'align' | 'copy'>> & { align?: Partial<AlignParams>; copy?: Partial<CopyRule> };

export function withParams(p: ReuseParamsInput = {}): ReuseParams {
  return {
    ...DEFAULT_PARAMS,
    ...p,
    align: { ...DEFAULT_PARAMS.align, ...(p.align ?? {}) },
    copy: { ...DEFAULT_PARAMS.copy, ...(p.copy ?? {}) },
  };
}
