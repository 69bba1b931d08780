/**
 * Document-level label consistency (after the tagger, before the pattern rules): a name is
 * usually tagged the same way throughout an article, but the tagger sees one sentence at a
 * time and misses some occurrences (a name after a verb it has no cue for). Every untagged
 * occurrence of a word sequence that the tagger tagged elsewhere in the same document gets
 * that sequence's majority type. Matching uses the word keys (normalised, proclitics
 * stripped), so بالأهلي matches الأهلي. Common words are never propagated: a single word must
 * be rare in unlabelled news or never seen with the article (see `isNameLike`).
 */
import type { EntityType } from '../../model.ts';
import { wordCount } from '../../text/index.ts';

export interface DocSpan {
  start: number;
  end: number;
  type: EntityType;
}

/**
 * @param keys word keys of the document's tokens in order (punctuation keys never match a span)
 * @param spans the tagger's spans (token ranges over the document), sorted or not
 * @param propagate whether a one-word key may be propagated (false for common words)
 * @returns the added spans
 */
export function consistentSpans(keys: readonly string[], spans: readonly DocSpan[], propagate: (key: string) => boolean, maxLen = 4): DocSpan[] {
  const votes = new Map<string, Map<EntityType, number>>();
  for (const s of spans) {
    if (s.end - s.start > maxLen) continue;
    const k = keys.slice(s.start, s.end).join(' ');
    if (s.end - s.start === 1 && !propagate(k)) continue;
    const m = votes.get(k) ?? new Map<EntityType, number>();
    m.set(s.type, (m.get(s.type) ?? 0) + 1);
    votes.set(k, m);
  }
  if (!votes.size) return [];
  const typeOf = new Map<string, EntityType>();
  for (const [k, m] of votes) typeOf.set(k, [...m.entries()].sort((a, b) => b[1] - a[1])[0][0]);
  const covered = new Uint8Array(keys.length);
  for (const s of spans) covered.fill(1, s.start, s.end);
  const added: DocSpan[] = [];
  for (let i = 0; i < keys.length; i++) {
    if (covered[i]) continue;
    // longest known sequence starting here that is entirely untagged
    for (let n = Math.min(maxLen, keys.length - i); n >= 1; n--) {
      let free = true;
      for (let j = i; j < i + n; j++) if (covered[j]) free = false;
      if (!free) continue;
      const ty = typeOf.get(n === 1 ? keys[i] : keys.slice(i, i + n).join(' '));
      if (!ty) continue;
      added.push({ start: i, end: i + n, type: ty });
      covered.fill(1, i, i + n);
      i += n - 1;
      break;
    }
  }
  return added;
}

/** Default guard: a one-word key of 3+ letters that is not among the very common words of the news streams. */
export function isNameLike(key: string): boolean {
  if (key.length < 3) return false;
  return wordCount(key) + wordCount('ال' + key) < COMMON_WORD;
}
/** corpus count (with and without the article) above which a word is too common to propagate */
const COMMON_WORD = 20_000;
