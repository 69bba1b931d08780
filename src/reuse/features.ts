/** Everything the index derives from one article's text, computed once per insert or query. */
import { bandKeys, minhash, shingleHashes, winnow } from './shingles.ts';
import type { ReuseParams } from './params.ts';
import { keyTokens, type TokenSeq } from './tokens.ts';

export interface DocFeatures {
  tokens: TokenSeq;
  sig: Uint32Array;
  bands: Uint32Array;
  fingerprints: Uint32Array;
}

/** Tokens, MinHash signature and band keys (document level) and, unless `docOnly`, winnowing fingerprints. */
export function docFeatures(text: string, p: ReuseParams, docOnly = false): DocFeatures {
  const tokens = keyTokens(text);
  const sig = minhash(shingleHashes(tokens.keys, p.docShingle), p.numPerm);
  const bands = bandKeys(sig, p.bands, p.rows);
  const fingerprints = docOnly ? new Uint32Array(0) : winnow(shingleHashes(tokens.keys, p.fpShingle), p.winnowWindow, p.maxFingerprints);
  return { tokens, sig, bands, fingerprints };
}
