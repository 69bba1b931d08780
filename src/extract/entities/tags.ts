/** The BIO tag set of the tagger and the mapping from corpus labels (ANERcorp says PERS). */
import type { EntityType } from '../../model.ts';

export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'LOC', 'ORG', 'MISC'];

/** Tag index 0 is O; then B-X, I-X for each type in ENTITY_TYPES order. */
export const TAGS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const NUM_TAGS = TAGS.length;
export const O = 0;

const TAG_INDEX = new Map(TAGS.map((t, i) => [t, i]));

/** Corpus label → our tag index (PERS→PER, ORGANIZATION→ORG…); unknown labels become O. */
export function tagIndex(label: string): number {
  const m = /^([BI])-(\w+)$/.exec(label);
  if (!m) return O;
  const t = normalizeType(m[2]);
  return t ? (TAG_INDEX.get(`${m[1]}-${t}`) ?? O) : O;
}

export function normalizeType(t: string): EntityType | null {
  const u = t.toUpperCase();
  if (u === 'PER' || u === 'PERS' || u === 'PERSON') return 'PER';
  if (u === 'LOC' || u === 'LOCATION' || u === 'GPE') return 'LOC';
  if (u === 'ORG' || u === 'ORGANIZATION') return 'ORG';
  if (u === 'MISC') return 'MISC';
  return null;
}

export const isBegin = (tag: number): boolean => tag > 0 && tag % 2 === 1;
export const isInside = (tag: number): boolean => tag > 0 && tag % 2 === 0;
export const typeOf = (tag: number): EntityType | null => (tag === 0 ? null : ENTITY_TYPES[(tag - 1) >> 1]);
/** I-X may only follow B-X or I-X (hard constraint in decoding). */
export function allowedTransition(prev: number, cur: number): boolean {
  if (!isInside(cur)) return true;
  return prev !== O && prev >= 0 && typeOf(prev) === typeOf(cur);
}

/** Spans [startToken, endToken) with type from a tag sequence (I without B starts an entity, CoNLL style). */
export function tagsToSpans(tags: ArrayLike<number>): { start: number; end: number; type: EntityType }[] {
  const spans: { start: number; end: number; type: EntityType }[] = [];
  let cur: { start: number; end: number; type: EntityType } | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const ty = typeOf(t);
    if (t === O) {
      if (cur) spans.push(cur);
      cur = null;
    } else if (isBegin(t) || !cur || cur.type !== ty) {
      if (cur) spans.push(cur);
      cur = { start: i, end: i + 1, type: ty! };
    } else {
      cur.end = i + 1;
    }
  }
  if (cur) spans.push(cur);
  return spans;
}

/** Makes a tag sequence legal BIO: an I-X that does not follow B-X/I-X becomes B-X (corpus noise). */
export function repairBio(tags: readonly number[]): number[] {
  return tags.map((t, i) => (isInside(t) && !allowedTransition(i === 0 ? -1 : tags[i - 1], t) ? t - 1 : t));
}
