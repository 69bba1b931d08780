/**
 * The clusterer's per-article features (`articleTerms`: tokenise + stem title and body) are
 * pure per-article work, so queue workers compute them in the parallel analyse phase and keep
 * them in the story-input record; the serialized story step (and a new leader's replay) then
 * skips the tokenising. Encoded generically (a Map as a flat [key, value, …] array, a Set as
 * an array) so fields added to ArticleTerms later travel without a change here; arrays keep
 * Map order, which the clusterer's tie-breaks depend on (JSONB would reorder object keys).
 */
import { articleTerms, type ArticleTerms, type StoryInput, type TermWeights } from '../stories/features.ts';

type Encoded = Record<string, unknown>;

export function encodeTerms(t: ArticleTerms): Encoded {
  const out: Encoded = {};
  for (const [k, v] of Object.entries(t)) {
    if (v instanceof Map) out[k] = { m: [...v].flat() };
    else if (v instanceof Set) out[k] = { s: [...v] };
    else out[k] = v;
  }
  return out;
}

export function decodeTerms(e: Encoded): ArticleTerms {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    const o = v as { m?: unknown[]; s?: unknown[] } | null;
    if (o && typeof o === 'object' && !Array.isArray(o) && Array.isArray(o.m)) {
      const m = new Map<unknown, unknown>();
      for (let i = 0; i < o.m.length; i += 2) m.set(o.m[i], o.m[i + 1]);
      out[k] = m;
    } else if (o && typeof o === 'object' && !Array.isArray(o) && Array.isArray(o.s)) out[k] = new Set(o.s);
    else out[k] = v;
  }
  return out as unknown as ArticleTerms;
}

/** The story-input record with its precomputed terms (`terms` field). */
export interface WithTerms {
  terms?: Encoded;
}

export function termsFor(input: StoryInput, weights?: TermWeights): Encoded {
  return encodeTerms(articleTerms(input, weights));
}
