/**
 * Per-source boilerplate model: how many distinct articles of each source contain each
 * normalised line. Lines that recur across many articles of one outlet (app prompts,
 * disclaimers, teaser blocks) are residue; a model built from one article knows nothing and
 * the classifier falls back on the other signals. Exact duplicate articles are counted once,
 * so a re-scraped article does not make its own sentences look like boilerplate.
 */
import { splitLines, lineKey, hashKey, type Line } from './lines.ts';
import { InputError } from '../errors.ts';

interface SourceCounts {
  docs: number;
  lines: Map<string, number>;
  seen: Set<string>;
}

export interface BoilerplateModelJSON {
  version: 1;
  sources: Record<string, { docs: number; lines: Record<string, number>; seen: string[] }>;
}

const NO_SOURCE = '(none)';

export class BoilerplateModel {
  private readonly bySource = new Map<string, SourceCounts>();

  /** Count the lines of one article (plain text; for HTML pass the extracted text). Returns false for an exact duplicate. */
  add(source: string | null, raw: string): boolean {
    const s = this.slot(source ?? NO_SOURCE);
    const { keys, docHash } = articleKeys(raw);
    if (s.seen.has(docHash)) return false;
    s.seen.add(docHash);
    s.docs++;
    for (const k of keys) s.lines.set(k, (s.lines.get(k) ?? 0) + 1);
    return true;
  }

  /** Number of distinct articles of `source` counted. */
  docs(source: string | null): number {
    return this.bySource.get(source ?? NO_SOURCE)?.docs ?? 0;
  }

  /** In how many counted articles of `source` the line (given by its key hash) occurs. */
  count(source: string | null, lineHash: string): number {
    return this.bySource.get(source ?? NO_SOURCE)?.lines.get(lineHash) ?? 0;
  }

  /** Whether this exact article was counted (so its own lines count once more than "others"). */
  hasArticle(source: string | null, raw: string): boolean {
    return this.bySource.get(source ?? NO_SOURCE)?.seen.has(articleKeys(raw).docHash) ?? false;
  }

  /** Same as hasArticle, from lines already split (saves a second pass over the text). */
  hasLines(source: string | null, lines: Line[]): boolean {
    const s = this.bySource.get(source ?? NO_SOURCE);
    return s ? s.seen.has(keysOfLines(lines).docHash) : false;
  }

  sources(): string[] {
    return [...this.bySource.keys()];
  }

  /**
   * Serialisable snapshot (for `store.setState`). `minCount` > 1 drops lines seen fewer times
   * to keep the snapshot small; those lines then restart from zero when more articles are added.
   */
  toJSON(minCount = 1): BoilerplateModelJSON {
    const sources: BoilerplateModelJSON['sources'] = {};
    for (const [name, s] of this.bySource) {
      const lines: Record<string, number> = {};
      for (const [k, v] of s.lines) if (v >= minCount) lines[k] = v;
      sources[name] = { docs: s.docs, lines, seen: [...s.seen] };
    }
    return { version: 1, sources };
  }

  static fromJSON(json: unknown): BoilerplateModel {
    const j = json as BoilerplateModelJSON | null;
    if (!j || j.version !== 1 || typeof j.sources !== 'object' || j.sources === null) {
      throw new InputError('boilerplate model', 'not a BoilerplateModel snapshot (expected {version: 1, sources})', {
        hint: 'rebuild it with BoilerplateModel.add over the stored articles',
      });
    }
    const m = new BoilerplateModel();
    for (const [name, s] of Object.entries(j.sources)) {
      m.bySource.set(name, {
        docs: Number(s.docs) || 0,
        lines: new Map(Object.entries(s.lines ?? {}).map(([k, v]) => [k, Number(v)])),
        seen: new Set(s.seen ?? []),
      });
    }
    return m;
  }

  private slot(source: string): SourceCounts {
    let s = this.bySource.get(source);
    if (!s) {
      s = { docs: 0, lines: new Map(), seen: new Set() };
      this.bySource.set(source, s);
    }
    return s;
  }
}

/** Distinct line-key hashes of an article, and a hash of its whole normalised content. */
export function articleKeys(raw: string): { keys: Set<string>; docHash: string } {
  return keysOfLines(splitLines(raw));
}

function keysOfLines(lines: Line[]): { keys: Set<string>; docHash: string } {
  const keys = new Set<string>();
  const parts: string[] = [];
  for (const line of lines) {
    const k = lineKey(line.norm);
    if (!k) continue;
    parts.push(k);
    keys.add(hashKey(k));
  }
  return { keys, docHash: hashKey(parts.join('\n')) + ':' + parts.length };
}
