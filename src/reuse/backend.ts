/**
 * Where the reuse index keeps its data. Two implementations of one small interface:
 * - `StoreReuseBackend`: persistent, over the project Store (postings 'reuse:band' and 'reuse:fp',
 *   per-article signature in analyses 'reuse:sig');
 * - `MemoryReuseBackend`: compact typed arrays for tests, benches and one-off CLI runs.
 * Keys are 32-bit hashes; the backends never see text.
 */
import type { Posting, Store } from '../store/store.ts';

export type KeyIndex = 'band' | 'fp';

/** What the index keeps per article (besides its postings). */
export interface StoredSignature {
  /** MinHash signature over word 3-shingles (stored by the Store backend as base64 of its bytes) */
  sig: ArrayLike<number>;
  /** number of word tokens */
  words: number;
  /** ms since epoch, or null */
  publishedAt: number | null;
  agency: string | null;
}

export interface ReuseBackend {
  addKeys(index: KeyIndex, ref: string, keys: Uint32Array): Promise<void> | void;
  /** For each ref sharing keys: how many of `keys` it shares. Keys with more than `maxPerKey` refs are skipped (boilerplate). */
  lookupKeys(index: KeyIndex, keys: Uint32Array, maxPerKey: number): Promise<Map<string, number>> | Map<string, number>;
  putSignature(ref: string, s: StoredSignature): Promise<void> | void;
  getSignatures(refs: string[]): Promise<Map<string, StoredSignature>> | Map<string, StoredSignature>;
  has(ref: string): Promise<boolean> | boolean;
  remove(ref: string): Promise<void> | void;
  /**
   * Optional write-behind: between `beginBatch` and `flush`, writes are buffered (and visible to
   * lookups) and `flush` writes them in one call per kind. The caller runs the batch inside one
   * Store transaction, so buffering changes no durability guarantee.
   */
  beginBatch?(): void;
  flush?(): Promise<void> | void;
  /** drops buffered writes (the batch failed; its transaction rolls back) */
  discardBatch?(): void;
  /** within a batch: reads the postings of all these keys at once, so later lookups of them need no read */
  prefetch?(index: KeyIndex, keys: Uint32Array): Promise<void> | void;
}

export const SIG_STAGE = 'reuse:sig';
export const LINK_STAGE = 'reuse';
const INDEX_NAME: Record<KeyIndex, string> = { band: 'reuse:band', fp: 'reuse:fp' };

export type ReuseStore = Pick<Store, 'addPostings' | 'lookupPostings' | 'removePostings' | 'putAnalyses' | 'getAnalyses' | 'getAnalysis'>;

/** A Map that forgets its least recently set entries beyond `limit` (insertion order = age). */
export class BoundedCache<K, V> {
  private readonly m = new Map<K, V>();
  constructor(readonly limit: number) {}
  get(k: K): V | undefined {
    return this.m.get(k);
  }
  set(k: K, v: V): void {
    this.m.delete(k);
    this.m.set(k, v);
    if (this.m.size > this.limit) this.m.delete(this.m.keys().next().value as K);
  }
  delete(k: K): void {
    this.m.delete(k);
  }
  get size(): number {
    return this.m.size;
  }
}

/** Signature bytes as base64 (320 chars for 60 values, vs ~660 as a JSON number list; decodes without parsing numbers). */
function encodeSig(sig: ArrayLike<number>): string {
  const u = sig instanceof Uint32Array ? sig : Uint32Array.from(sig);
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');
}

function decodeSig(v: unknown): Uint32Array | null {
  if (typeof v === 'string') {
    const b = Buffer.from(v, 'base64');
    const out = new Uint32Array(b.byteLength >> 2);
    new Uint8Array(out.buffer).set(b.subarray(0, out.byteLength));
    return out;
  }
  return Array.isArray(v) ? Uint32Array.from(v as number[]) : null; // records written before the base64 encoding
}

/**
 * Persistent backend over the Store's postings and analyses. Signatures are immutable once
 * written, so recently written or read ones are kept in a bounded cache: a query's candidates
 * are mostly recent articles, and one add reads the same candidates' signatures more than once.
 */
export class StoreReuseBackend implements ReuseBackend {
  private readonly sigs: BoundedCache<string, StoredSignature>;
  /** write-behind buffers (null outside a batch): postings per index (key → refs), signature records */
  private pending: { postings: Record<KeyIndex, Map<string, string[]>>; sigs: { articleId: string; data: unknown }[] } | null = null;
  /** postings read ahead for a batch (the Store's state before the batch; the batch's own writes are in `pending`) */
  private prefetched: Record<KeyIndex, Map<string, string[]>> | null = null;
  constructor(readonly store: ReuseStore, options: { signatureCache?: number } = {}) {
    this.sigs = new BoundedCache(options.signatureCache ?? 50_000);
  }

  beginBatch(): void {
    if (!this.pending) this.pending = { postings: { band: new Map(), fp: new Map() }, sigs: [] };
  }

  discardBatch(): void {
    this.pending = null;
    this.prefetched = null;
  }

  async prefetch(index: KeyIndex, keys: Uint32Array): Promise<void> {
    if (!this.pending) return;
    this.prefetched ??= { band: new Map(), fp: new Map() };
    const m = this.prefetched[index];
    const want = Array.from(new Set(keys), (k) => k.toString(36)).filter((k) => !m.has(k));
    for (const k of want) m.set(k, []);
    for (const p of await this.store.lookupPostings(INDEX_NAME[index], want)) m.get(p.key)!.push(p.ref);
  }

  /** Writes the buffered postings (sorted by key: B-tree inserts in key order touch far fewer pages) and signatures. */
  async flush(): Promise<void> {
    const p = this.pending;
    this.pending = null;
    this.prefetched = null;
    if (!p) return;
    for (const index of ['band', 'fp'] as const) {
      const rows: Posting[] = [];
      for (const [key, refs] of [...p.postings[index]].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) for (const ref of refs) rows.push({ key, ref });
      if (rows.length) await this.store.addPostings(INDEX_NAME[index], rows);
    }
    if (p.sigs.length) await this.store.putAnalyses(SIG_STAGE, p.sigs);
  }

  async addKeys(index: KeyIndex, ref: string, keys: Uint32Array): Promise<void> {
    if (keys.length === 0) return;
    const uniq = Array.from(new Set(keys), (k) => k.toString(36));
    if (this.pending) {
      const m = this.pending.postings[index];
      for (const k of uniq) {
        const l = m.get(k);
        if (l) l.push(ref);
        else m.set(k, [ref]);
      }
      return;
    }
    await this.store.addPostings(INDEX_NAME[index], uniq.map((key) => ({ key, ref })));
  }

  async lookupKeys(index: KeyIndex, keys: Uint32Array, maxPerKey: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (keys.length === 0) return out;
    // one query for all of the article's keys
    const uniq = Array.from(new Set(keys), (k) => k.toString(36));
    const ahead = this.prefetched?.[index];
    const postings: Posting[] = [];
    const toRead = ahead ? uniq.filter((k) => !ahead.has(k)) : uniq;
    if (ahead) for (const key of uniq) for (const ref of ahead.get(key) ?? []) postings.push({ key, ref });
    if (toRead.length) postings.push(...(await this.store.lookupPostings(INDEX_NAME[index], toRead)));
    if (this.pending) {
      const m = this.pending.postings[index];
      for (const key of uniq) for (const ref of m.get(key) ?? []) postings.push({ key, ref });
    }
    const perKey = new Map<string, number>();
    for (const p of postings) perKey.set(p.key, (perKey.get(p.key) ?? 0) + 1);
    // (key, ref) is unique in the Store, so each posting counts once
    for (const p of postings) if (perKey.get(p.key)! <= maxPerKey) out.set(p.ref, (out.get(p.ref) ?? 0) + 1);
    return out;
  }

  async putSignature(ref: string, s: StoredSignature): Promise<void> {
    const sig = s.sig instanceof Uint32Array ? s.sig : Uint32Array.from(s.sig);
    this.sigs.set(ref, { ...s, sig });
    const rec = { articleId: ref, data: { ...s, sig: encodeSig(sig) } };
    if (this.pending) this.pending.sigs.push(rec);
    else await this.store.putAnalyses(SIG_STAGE, [rec]);
  }

  async getSignatures(refs: string[]): Promise<Map<string, StoredSignature>> {
    const out = new Map<string, StoredSignature>();
    const missing: string[] = [];
    for (const r of refs) {
      const c = this.sigs.get(r);
      if (c) out.set(r, c);
      else missing.push(r);
    }
    if (missing.length === 0) return out;
    const m = await this.store.getAnalyses<(Omit<StoredSignature, 'sig'> & { sig: unknown }) | null>(SIG_STAGE, missing);
    for (const [k, v] of m) {
      const sig = v ? decodeSig(v.sig) : null;
      if (!v || !sig) continue;
      const s: StoredSignature = { ...v, sig };
      out.set(k, s);
      this.sigs.set(k, s);
    }
    return out;
  }

  async has(ref: string): Promise<boolean> {
    if (this.sigs.get(ref)) return true;
    const s = await this.store.getAnalysis<{ sig?: unknown } | null>(SIG_STAGE, ref);
    return !!s && decodeSig(s.sig) !== null;
  }

  async remove(ref: string): Promise<void> {
    if (this.pending) await this.flush().then(() => this.beginBatch());
    this.sigs.delete(ref);
    await this.store.removePostings(INDEX_NAME.band, ref);
    await this.store.removePostings(INDEX_NAME.fp, ref);
    // the Store has no per-stage delete: a null record means "not indexed"
    await this.store.putAnalyses(SIG_STAGE, [{ articleId: ref, data: null }]);
  }
}

/**
 * Open-addressing multimap uint32 key → uint32 value (duplicates allowed), in two typed arrays.
 * 8 bytes a slot, load ≤ 0.5 before doubling, so 8–16 bytes per posting.
 */
export class U32MultiMap {
  private keys: Uint32Array;
  private vals: Uint32Array;
  private used = 0;
  constructor(capacity = 1 << 12) {
    this.keys = new Uint32Array(capacity);
    this.vals = new Uint32Array(capacity);
  }
  get size(): number {
    return this.used;
  }
  get bytes(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }
  /** key 0 marks an empty slot, so a real key 0 is stored as 1 (a harmless extra collision) */
  private static k(key: number): number {
    return key === 0 ? 1 : key;
  }
  add(key: number, val: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const k = U32MultiMap.k(key);
    const mask = this.keys.length - 1;
    let i = Math.imul(k, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[i] !== 0) i = (i + 1) & mask;
    this.keys[i] = k;
    this.vals[i] = val;
    this.used++;
  }
  /** Calls fn for each value of key; stops early if fn returns false. Returns how many values were seen. */
  forEach(key: number, fn: (val: number) => void, limit = Infinity): number {
    const k = U32MultiMap.k(key);
    const mask = this.keys.length - 1;
    let i = Math.imul(k, 0x9e3779b1) >>> 0 & mask;
    let seen = 0;
    while (this.keys[i] !== 0) {
      if (this.keys[i] === k) {
        if (++seen > limit) return seen;
        fn(this.vals[i]);
      }
      i = (i + 1) & mask;
    }
    return seen;
  }
  /** Rebuilds without the values for which `dead(val)` is true (used to purge removed articles). */
  rebuild(dead: (val: number) => boolean, capacity = this.keys.length): void {
    const ok = this.keys;
    const ov = this.vals;
    this.keys = new Uint32Array(capacity);
    this.vals = new Uint32Array(capacity);
    this.used = 0;
    for (let i = 0; i < ok.length; i++) if (ok[i] !== 0 && !dead(ov[i])) this.add(ok[i], ov[i]);
  }
  private grow(): void {
    this.rebuild(() => false, this.keys.length * 2);
  }
}

/**
 * In-memory backend: article ids are interned to numbers; postings in U32MultiMaps; signatures in
 * one growing Uint32Array. `remove` marks the article dead (lookups skip it) and postings are purged
 * when a table is rebuilt, so removal costs no memory scan.
 */
export class MemoryReuseBackend implements ReuseBackend {
  private readonly maps: Record<KeyIndex, U32MultiMap> = { band: new U32MultiMap(), fp: new U32MultiMap() };
  private readonly ids: string[] = [];
  private readonly num = new Map<string, number>();
  private readonly dead = new Set<number>();
  private sigs: Uint32Array;
  private words: Uint32Array;
  private published: Float64Array;
  private agencyOf = new Map<number, string>();
  constructor(readonly numPerm: number) {
    this.sigs = new Uint32Array(numPerm * 1024);
    this.words = new Uint32Array(1024);
    this.published = new Float64Array(1024);
  }

  private intern(ref: string): number {
    let n = this.num.get(ref);
    // a removed article that comes back gets a fresh number: its old postings stay dead
    if (n !== undefined && this.dead.has(n)) n = undefined;
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(ref);
      this.num.set(ref, n);
      if (n >= this.words.length) this.growSlots();
    }
    return n;
  }

  private growSlots(): void {
    const cap = this.words.length * 2;
    const s = new Uint32Array(this.numPerm * cap);
    s.set(this.sigs);
    this.sigs = s;
    const w = new Uint32Array(cap);
    w.set(this.words);
    this.words = w;
    const p = new Float64Array(cap);
    p.set(this.published);
    this.published = p;
  }

  addKeys(index: KeyIndex, ref: string, keys: Uint32Array): void {
    const n = this.intern(ref);
    const m = this.maps[index];
    for (let i = 0; i < keys.length; i++) m.add(keys[i], n);
  }

  lookupKeys(index: KeyIndex, keys: Uint32Array, maxPerKey: number): Map<string, number> {
    const counts = new Map<number, number>();
    const m = this.maps[index];
    const seenKeys = new Set<number>();
    const vals: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      if (seenKeys.has(keys[i])) continue;
      seenKeys.add(keys[i]);
      vals.length = 0;
      const n = m.forEach(keys[i], (v) => vals.push(v), maxPerKey);
      if (n > maxPerKey) continue;
      for (const v of vals) if (!this.dead.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const out = new Map<string, number>();
    for (const [v, c] of counts) out.set(this.ids[v], c);
    return out;
  }

  putSignature(ref: string, s: StoredSignature): void {
    const n = this.intern(ref);
    this.sigs.set(s.sig, n * this.numPerm);
    this.words[n] = s.words;
    this.published[n] = s.publishedAt ?? Number.NaN;
    if (s.agency) this.agencyOf.set(n, s.agency);
  }

  getSignatures(refs: string[]): Map<string, StoredSignature> {
    const out = new Map<string, StoredSignature>();
    for (const r of refs) {
      const n = this.num.get(r);
      if (n === undefined || this.dead.has(n)) continue;
      const p = this.published[n];
      out.set(r, {
        sig: Array.from(this.sigs.subarray(n * this.numPerm, (n + 1) * this.numPerm)),
        words: this.words[n],
        publishedAt: Number.isNaN(p) ? null : p,
        agency: this.agencyOf.get(n) ?? null,
      });
    }
    return out;
  }

  has(ref: string): boolean {
    const n = this.num.get(ref);
    return n !== undefined && !this.dead.has(n);
  }

  remove(ref: string): void {
    const n = this.num.get(ref);
    if (n === undefined) return;
    this.dead.add(n);
    this.agencyOf.delete(n);
    // purge postings once dead articles are a sizeable share, so memory stays bounded
    if (this.dead.size > 1024 && this.dead.size * 8 > this.ids.length) this.compact();
  }

  /** Drops the postings of removed articles. */
  compact(): void {
    for (const m of Object.values(this.maps)) m.rebuild((v) => this.dead.has(v));
    // ids of dead articles stay interned (re-adding revives the same number); postings are gone
    for (const n of this.dead) if (this.num.get(this.ids[n]) === n) this.num.delete(this.ids[n]);
    this.dead.clear();
  }

  /** Bytes held by the index structures (typed arrays; ids/maps estimated at 80 bytes an article). */
  get approxBytes(): number {
    return this.maps.band.bytes + this.maps.fp.bytes + this.sigs.byteLength + this.words.byteLength + this.published.byteLength + this.ids.length * 80;
  }

  get articles(): number {
    let n = 0;
    for (const v of this.num.values()) if (!this.dead.has(v)) n++;
    return n;
  }

  postings(index: KeyIndex): number {
    return this.maps[index].size;
  }
}
