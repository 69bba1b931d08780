/** CoNLL reading (`token TAG` per line, blank line between sentences) and entity-level scoring. */
import type { EntityType } from '../../model.ts';
import { ENTITY_TYPES, tagIndex, tagsToSpans } from './tags.ts';

export interface LabelledSentence {
  words: string[];
  /** tag indices (see tags.ts) */
  tags: number[];
}

export function parseConll(text: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  let cur: LabelledSentence = { words: [], tags: [] };
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t) {
      if (cur.words.length) out.push(cur);
      cur = { words: [], tags: [] };
      continue;
    }
    const parts = t.split(/\s+/);
    const label = parts.length > 1 ? parts[parts.length - 1] : 'O';
    cur.words.push(parts.slice(0, Math.max(1, parts.length - 1)).join(' '));
    cur.tags.push(tagIndex(label));
  }
  if (cur.words.length) out.push(cur);
  return out;
}

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
}

/** Exact-match entity-level counts (conlleval semantics) per type. */
export function scoreSpans(gold: number[][], pred: number[][]): Record<EntityType, TypeScore> {
  const res = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<EntityType, TypeScore>;
  for (let s = 0; s < gold.length; s++) {
    const g = new Set(tagsToSpans(gold[s]).map((x) => `${x.start}:${x.end}:${x.type}`));
    const p = new Set(tagsToSpans(pred[s]).map((x) => `${x.start}:${x.end}:${x.type}`));
    for (const k of p) {
      const ty = k.split(':')[2] as EntityType;
      if (g.has(k)) res[ty].tp++;
      else res[ty].fp++;
    }
    for (const k of g) if (!p.has(k)) res[k.split(':')[2] as EntityType].fn++;
  }
  return res;
}
