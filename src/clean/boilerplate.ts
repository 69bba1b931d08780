/**
 * Per-source boilerplate model: how many distinct articles of each source contain each
 * normalised line. Lines that recur across many articles of one outlet (app prompts,
 * disclaimers, teaser blocks) are residue; a model built from one article knows nothing and
 * the classifier falls back on the other signals. Exact duplicate articles are counted once,
 * so a re-scraped article does not make its own sentences look like boilerplate.
 *
 * Bounded memory and snapshot (the model lives in the store and is rewritten every batch):
 *  - lines seen once are kept only for one to two "generations" of `generation` articles of
 *    their source; a line that does not come back in that window is forgotten (boilerplate
 *    recurs far more often than that — one article in 2,000 can never reach the scorer's
 *    recurrence cut of 2 other articles anyway);
 *  - lines seen ≥ 2 times are kept, up to `maxLines` per source; past it the least frequent
 *    are dropped (count 2 first, then 3, …) until the table is at 3/4 of the cap;
 *  - exact-duplicate detection remembers the last `maxSeen` article hashes per source: a
 *    re-scrape older than that counts once more (its lines' counts go up by one).
 * Keys are 32-bit FNV-1a hashes of the line key (a collision merges two lines' counts; with
 * ~10^5 lines per source that is about one pair, harmless for a count threshold of 2).
 */
import { splitLines, type Line } from './lines.ts';
import { InputError } from '../errors.ts';

export interface BoilerplateLimits {
  /** articles per generation of the seen-once table (default 1,000) */
  generation: number;
  /** lines seen ≥ 2 times kept per source (default 100,000) */
  maxLines: number;
  /** recent article hashes kept per source for duplicate detection (default 5,000) */
  maxSeen: number;
}

export const DEFAULT_LIMITS: BoilerplateLimits = { generation: 1000, maxLines: 100_000, maxSeen: 5000 };

interface SourceCounts {
  docs: number;
  /** articles added since the current generation of `once` started */
  gen: number;
  /** line hash → count, for counts ≥ 2 */
  kept: Map<number, number>;
  /** lines seen once, current and previous generation */
  once: Set<number>;
  oncePrev: Set<number>;
  /** recent article hashes (insertion order = age) */
  seen: Set<number>;
}

/** Snapshot (for `store.setState`): hash tables packed as base64 little-endian Uint32/Float64 arrays. */
export interface BoilerplateModelJSON {
  version: 2;
  limits: BoilerplateLimits;
  sources: Record<string, { docs: number; gen: number; kept: string; once: string; oncePrev: string; seen: string }>;
}

/** The first snapshot format (still read; its article hashes are dropped). */
interface BoilerplateModelJSONv1 {
  version: 1;
  sources: Record<string, { docs: number; lines: Record<string, number>; seen: string[] }>;
}

const NO_SOURCE = '(none)';

export class BoilerplateModel {
  private readonly bySource = new Map<string, SourceCounts>();
  readonly limits: BoilerplateLimits;

  constructor(limits: Partial<BoilerplateLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Count the lines of one article (plain text; for HTML pass the extracted text). Returns false for an exact duplicate. */
  add(source: string | null, raw: string): boolean {
    return this.addLines(source, splitLines(raw));
  }

  /** Same as add, from lines already split. */
  addLines(source: string | null, lines: Line[]): boolean {
    const s = this.slot(source ?? NO_SOURCE);
    const { keys, docHash } = keysOfLines(lines);
    if (s.seen.has(docHash)) return false;
    s.seen.add(docHash);
    if (s.seen.size > this.limits.maxSeen) s.seen.delete(s.seen.values().next().value!);
    s.docs++;
    for (const k of keys) {
      const c = s.kept.get(k);
      if (c !== undefined) s.kept.set(k, c + 1);
      else if (s.once.delete(k) || s.oncePrev.delete(k)) s.kept.set(k, 2);
      else s.once.add(k);
    }
    if (++s.gen >= this.limits.generation) {
      s.oncePrev = s.once;
      s.once = new Set();
      s.gen = 0;
    }
    if (s.kept.size > this.limits.maxLines) prune(s.kept, Math.floor(this.limits.maxLines * 0.75));
    return true;
  }

  /** Number of distinct articles of `source` counted. */
  docs(source: string | null): number {
    return this.bySource.get(source ?? NO_SOURCE)?.docs ?? 0;
  }

  /** In how many counted articles of `source` the line (given by `Line.hash`) occurs. */
  count(source: string | null, lineHash: number): number {
    const s = this.bySource.get(source ?? NO_SOURCE);
    if (!s) return 0;
    const c = s.kept.get(lineHash);
    if (c !== undefined) return c;
    return s.once.has(lineHash) || s.oncePrev.has(lineHash) ? 1 : 0;
  }

  /** Whether this exact article was counted (so its own lines count once more than "others"). */
  hasArticle(source: string | null, raw: string): boolean {
    return this.hasLines(source, splitLines(raw));
  }

  /** Same as hasArticle, from lines already split. */
  hasLines(source: string | null, lines: Line[]): boolean {
    const s = this.bySource.get(source ?? NO_SOURCE);
    return s ? s.seen.has(keysOfLines(lines).docHash) : false;
  }

  sources(): string[] {
    return [...this.bySource.keys()];
  }

  /** Table sizes (for benches and `marsad` diagnostics). */
  size(): { sources: number; kept: number; once: number; seen: number } {
    let kept = 0, once = 0, seen = 0;
    for (const s of this.bySource.values()) {
      kept += s.kept.size;
      once += s.once.size + s.oncePrev.size;
      seen += s.seen.size;
    }
    return { sources: this.bySource.size, kept, once, seen };
  }

  /**
   * Serialisable snapshot (for `store.setState`). `minCount` > 2 also drops kept lines seen
   * fewer times (they restart from zero when more articles are added).
   */
  toJSON(minCount = 1): BoilerplateModelJSON {
    const sources: BoilerplateModelJSON['sources'] = {};
    for (const [name, s] of this.bySource) {
      const kept: number[] = [];
      for (const [k, v] of s.kept) if (v >= minCount) kept.push(k, v);
      sources[name] = {
        docs: s.docs,
        gen: s.gen,
        kept: packU32(kept),
        once: minCount > 1 ? '' : packU32([...s.once]),
        oncePrev: minCount > 1 ? '' : packU32([...s.oncePrev]),
        seen: packF64([...s.seen]),
      };
    }
    return { version: 2, limits: { ...this.limits }, sources };
  }

  static fromJSON(json: unknown): BoilerplateModel {
    const j = json as BoilerplateModelJSON | BoilerplateModelJSONv1 | null;
    if (!j || (j.version !== 1 && j.version !== 2) || typeof j.sources !== 'object' || j.sources === null) {
      throw new InputError('boilerplate model', 'not a BoilerplateModel snapshot (expected {version: 2, sources})', {
        hint: 'rebuild it with BoilerplateModel.add over the stored articles',
      });
    }
    if (j.version === 1) return fromV1(j);
    const m = new BoilerplateModel(j.limits ?? {});
    for (const [name, s] of Object.entries(j.sources)) {
      const kept = new Map<number, number>();
      const flat = unpackU32(s.kept);
      for (let i = 0; i + 1 < flat.length; i += 2) kept.set(flat[i]!, flat[i + 1]!);
      m.bySource.set(name, {
        docs: Number(s.docs) || 0,
        gen: Number(s.gen) || 0,
        kept,
        once: new Set(unpackU32(s.once)),
        oncePrev: new Set(unpackU32(s.oncePrev)),
        seen: new Set(unpackF64(s.seen)),
      });
    }
    return m;
  }

  private slot(source: string): SourceCounts {
    let s = this.bySource.get(source);
    if (!s) {
      s = { docs: 0, gen: 0, kept: new Map(), once: new Set(), oncePrev: new Set(), seen: new Set() };
      this.bySource.set(source, s);
    }
    return s;
  }
}

function fromV1(j: BoilerplateModelJSONv1): BoilerplateModel {
  const m = new BoilerplateModel();
  for (const [name, s] of Object.entries(j.sources)) {
    const slot = (m as unknown as { slot(n: string): SourceCounts }).slot(name);
    slot.docs = Number(s.docs) || 0;
    for (const [k, v] of Object.entries(s.lines ?? {})) {
      const h = parseInt(k, 36) >>> 0;
      if (Number(v) >= 2) slot.kept.set(h, Number(v));
      else slot.once.add(h);
    }
    // v1 article hashes used another function: dropped (a re-scrape of an old article counts once more)
  }
  return m;
}

/** Drop the least frequent lines until at most `target` remain. */
function prune(kept: Map<number, number>, target: number): void {
  for (let t = 2; kept.size > target; t++) {
    for (const [k, v] of kept) if (v <= t) kept.delete(k);
  }
}

/** Distinct line hashes of an article, and a 53-bit hash of its whole normalised content. */
export function articleKeys(raw: string): { keys: Set<number>; docHash: number } {
  return keysOfLines(splitLines(raw));
}

function keysOfLines(lines: Line[]): { keys: Set<number>; docHash: number } {
  const keys = new Set<number>();
  // two independent 32-bit mixes of the line-hash sequence → 53 bits (exact in a double)
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  let n = 0;
  for (const line of lines) {
    if (!line.keyed) continue;
    const k = line.hash;
    keys.add(k);
    h1 = Math.imul(h1 ^ k, 0x01000193);
    h2 = Math.imul(h2 ^ Math.imul(k, 0xcc9e2d51), 0x1b873593);
    h2 = (h2 << 13) | (h2 >>> 19);
    n++;
  }
  h1 = Math.imul(h1 ^ n, 0x01000193) >>> 0;
  h2 = (h2 ^ n) >>> 0;
  return { keys, docHash: h1 * 0x200000 + (h2 >>> 11) };
}

function packU32(xs: number[]): string {
  return Buffer.from(Uint32Array.from(xs).buffer).toString('base64');
}
function unpackU32(b64: string | undefined): number[] {
  if (!b64) return [];
  const buf = aligned(b64);
  return Array.from(new Uint32Array(buf, 0, buf.byteLength >>> 2));
}
function packF64(xs: number[]): string {
  return Buffer.from(Float64Array.from(xs).buffer).toString('base64');
}
function unpackF64(b64: string | undefined): number[] {
  if (!b64) return [];
  const buf = aligned(b64);
  return Array.from(new Float64Array(buf, 0, buf.byteLength >>> 3));
}
/** Decoded bytes in a fresh (8-byte aligned) ArrayBuffer: pooled Buffers may start at any offset. */
function aligned(b64: string): ArrayBuffer {
  const buf = Buffer.from(b64, 'base64');
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return copy.buffer;
}
