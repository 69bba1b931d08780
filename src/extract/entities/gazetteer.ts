/**
 * Gazetteers DERIVED FROM THE TRAINING DATA (never hand-picked names): for each word key, how
 * often it was inside an entity of each type vs outside; and the multi-word entity strings.
 * During training they are built jackknife-style (from the other folds) so the tagger learns
 * how far to trust a gazetteer hit on words it has not seen labelled.
 */
import type { EntityType } from '../../model.ts';
import { matchKey } from './arabic.ts';
import type { LabelledSentence } from './conll.ts';
import { ENTITY_TYPES, tagsToSpans, typeOf, O } from './tags.ts';

export interface GazetteerData {
  /** key → [PER, LOC, ORG, MISC, O] counts */
  words: Record<string, number[]>;
  /** joined keys of multi-word entities → type */
  phrases: Record<string, EntityType>;
}

export class Gazetteer {
  private readonly words: Map<string, number[]>;
  private readonly phrases: Map<string, EntityType>;
  readonly maxPhrase: number;
  /** first words of the known phrases: most tokens start none, so the lookup is skipped */
  private readonly starts = new Set<string>();
  constructor(data: GazetteerData) {
    this.words = new Map(Object.entries(data.words));
    this.phrases = new Map(Object.entries(data.phrases));
    let m = 1;
    for (const k of this.phrases.keys()) {
      const ws = k.split(' ');
      this.starts.add(ws[0]);
      m = Math.max(m, ws.length);
    }
    this.maxPhrase = Math.min(m, 6);
  }

  /** Dominant entity type of a word key when it is mostly seen inside entities, else null. */
  wordType(key: string): { type: EntityType; strong: boolean } | null {
    const c = this.words.get(key);
    if (!c) return null;
    let best = 0;
    for (let i = 1; i < 4; i++) if (c[i] > c[best]) best = i;
    const ent = c[0] + c[1] + c[2] + c[3];
    if (c[best] === 0 || ent < c[4]) return null;
    return { type: ENTITY_TYPES[best], strong: c[best] >= 2 && c[4] === 0 };
  }

  /** Per token: 'B-TYPE' / 'I-TYPE' when a known multi-word entity covers it (longest match, left to right). */
  phraseTags(keys: string[]): (string | null)[] {
    const out: (string | null)[] = keys.map(() => null);
    for (let i = 0; i < keys.length; ) {
      let matched = 0;
      if (!this.starts.has(keys[i])) {
        i++;
        continue;
      }
      for (let n = Math.min(this.maxPhrase, keys.length - i); n >= 2; n--) {
        const ty = this.phrases.get(keys.slice(i, i + n).join(' '));
        if (ty) {
          out[i] = `B-${ty}`;
          for (let j = 1; j < n; j++) out[i + j] = `I-${ty}`;
          matched = n;
          break;
        }
      }
      i += matched || 1;
    }
    return out;
  }

  get size(): number {
    return this.words.size + this.phrases.size;
  }
}

export function buildGazetteer(sentences: LabelledSentence[]): GazetteerData {
  const words: Record<string, number[]> = {};
  const phraseCounts = new Map<string, Map<EntityType, number>>();
  for (const s of sentences) {
    const keys = s.words.map(matchKey);
    s.tags.forEach((t, i) => {
      const c = (words[keys[i]] ??= [0, 0, 0, 0, 0]);
      const ty = typeOf(t);
      c[t === O || !ty ? 4 : ENTITY_TYPES.indexOf(ty)]++;
    });
    for (const sp of tagsToSpans(s.tags)) {
      if (sp.end - sp.start < 2) continue;
      const k = keys.slice(sp.start, sp.end).join(' ');
      const m = phraseCounts.get(k) ?? new Map();
      m.set(sp.type, (m.get(sp.type) ?? 0) + 1);
      phraseCounts.set(k, m);
    }
  }
  // keep only words ever seen inside an entity: O-only words carry no gazetteer signal
  for (const [k, c] of Object.entries(words)) if (c[0] + c[1] + c[2] + c[3] === 0) delete words[k];
  const phrases: Record<string, EntityType> = {};
  for (const [k, m] of phraseCounts) {
    const best = [...m.entries()].sort((a, b) => b[1] - a[1])[0];
    phrases[k] = best[0];
  }
  return { words, phrases };
}
