/**
 * The in-memory article index: dense ordinals (one per indexed version of an article), a
 * light record per ordinal (source, day, time, title) in typed arrays, and per term a posting
 * list of ordinals + term frequencies (Int32Array / Uint8Array). Ordinals only grow, so every
 * posting list stays sorted; re-indexing an article gives it a new ordinal and kills the old
 * one. Queries score term-at-a-time into a reused accumulator (BM25) and keep only the top k:
 * no per-hit object, no id string is touched until the page is cut.
 */

export interface DocRecord {
  id: string;
  source: string | null;
  publishedAt: string | null;
  title: string | null;
  /** indexed tokens (for BM25 length normalisation) */
  len: number;
  /** FLAG_* bits: which stages' records the indexed text came from */
  flags: number;
}

/** the clean stage's record existed when the article was indexed */
export const FLAG_CLEAN = 1;
/** the entities stage's record existed when the article was indexed */
export const FLAG_ENTITIES = 2;

export class PostingList {
  docs: Int32Array;
  tfs: Uint8Array;
  n = 0;
  constructor(capacity = 4) {
    this.docs = new Int32Array(capacity);
    this.tfs = new Uint8Array(capacity);
  }
  push(doc: number, tf: number): void {
    if (this.n === this.docs.length) this.resize(Math.max(4, this.n * 2));
    this.docs[this.n] = doc;
    this.tfs[this.n++] = tf > 255 ? 255 : tf;
  }
  /** room for at least `capacity` postings (grows by half again, at least) */
  reserve(capacity: number): void {
    if (capacity > this.docs.length) this.resize(Math.max(capacity, Math.ceil(this.docs.length * 1.5)));
  }
  resize(capacity: number): void {
    const d = new Int32Array(capacity);
    d.set(this.docs.subarray(0, this.n));
    const t = new Uint8Array(capacity);
    t.set(this.tfs.subarray(0, this.n));
    this.docs = d;
    this.tfs = t;
  }
}

export interface MemoryFilter {
  /** source dictionary index (see `sourceIndex`); -1 matches nothing */
  source?: number;
  /** YYYYMMDD, inclusive */
  since?: number;
  until?: number;
  /** only ordinals whose byte is 1 */
  only?: Uint8Array;
}

export interface MemoryHit {
  ord: number;
  score: number;
  matched: number;
}

const K1 = 1.2;
const B = 0.75;

const grow = <T extends Int32Array | Uint8Array | Uint32Array | Float64Array>(a: T, min: number, make: (n: number) => T): T => {
  if (a.length >= min) return a;
  const b = make(Math.max(min, a.length * 2, 1024));
  b.set(a as never);
  return b;
};

/** 2025-04-02T… → 20250402; 0 when unknown */
export function dayNumber(iso: string | null | undefined): number {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return 0;
  return Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

export class MemoryIndex {
  /** ordinal → article id */
  readonly ids: string[] = [];
  readonly titles: (string | null)[] = [];
  readonly published: (string | null)[] = [];
  /** article id → its live ordinal */
  readonly ordOf = new Map<string, number>();
  private sourceOf = new Int32Array(1024);
  private day = new Int32Array(1024);
  private time = new Float64Array(1024);
  private len = new Uint32Array(1024);
  private flagsOf = new Uint8Array(1024);
  private alive = new Uint8Array(1024);
  readonly sources: string[] = [];
  private sourceIdx = new Map<string, number>();
  private sourceCount: number[] = [];
  readonly terms = new Map<string, PostingList>();
  readonly entities = new Map<string, PostingList>();
  private liveLen = 0;
  live = 0;
  // query scratch, reused between queries (single-threaded)
  private acc = new Float64Array(0);
  private hits = new Uint8Array(0);
  private touched = new Int32Array(0);

  get size(): number {
    return this.ids.length;
  }

  sourceIndex(source: string): number {
    return this.sourceIdx.get(source) ?? -1;
  }

  /** live article count per source, most first */
  sourceCounts(): { source: string; count: number }[] {
    return this.sources
      .map((source, i) => ({ source, count: this.sourceCount[i] }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  }

  /** a new ordinal for this version of the article; an earlier version is killed */
  addDoc(d: DocRecord): number {
    const old = this.ordOf.get(d.id);
    if (old !== undefined) this.kill(old);
    const ord = this.ids.length;
    const need = ord + 1;
    this.sourceOf = grow(this.sourceOf, need, (n) => new Int32Array(n));
    this.day = grow(this.day, need, (n) => new Int32Array(n));
    this.time = grow(this.time, need, (n) => new Float64Array(n));
    this.len = grow(this.len, need, (n) => new Uint32Array(n));
    this.flagsOf = grow(this.flagsOf, need, (n) => new Uint8Array(n));
    this.alive = grow(this.alive, need, (n) => new Uint8Array(n));
    let s = -1;
    if (d.source !== null) {
      s = this.sourceIdx.get(d.source) ?? -1;
      if (s < 0) {
        s = this.sources.length;
        this.sources.push(d.source);
        this.sourceIdx.set(d.source, s);
        this.sourceCount.push(0);
      }
      this.sourceCount[s]++;
    }
    this.ids.push(d.id);
    this.titles.push(d.title);
    this.published.push(d.publishedAt);
    this.sourceOf[ord] = s;
    this.day[ord] = dayNumber(d.publishedAt);
    const t = d.publishedAt ? Date.parse(d.publishedAt) : NaN;
    this.time[ord] = Number.isNaN(t) ? -Infinity : t;
    this.len[ord] = d.len;
    this.flagsOf[ord] = d.flags;
    this.alive[ord] = 1;
    this.ordOf.set(d.id, ord);
    this.liveLen += d.len;
    this.live++;
    return ord;
  }

  kill(ord: number): void {
    if (!this.alive[ord]) return;
    this.alive[ord] = 0;
    this.live--;
    this.liveLen -= this.len[ord];
    const s = this.sourceOf[ord];
    if (s >= 0) this.sourceCount[s]--;
    if (this.ordOf.get(this.ids[ord]) === ord) this.ordOf.delete(this.ids[ord]);
  }

  isAlive(ord: number): boolean {
    return this.alive[ord] === 1;
  }

  flags(ord: number): number {
    return this.flagsOf[ord];
  }

  source(ord: number): string | null {
    const s = this.sourceOf[ord];
    return s >= 0 ? this.sources[s] : null;
  }

  /** the posting list of `key` (created empty); append ordinals in increasing order only */
  list(map: Map<string, PostingList>, key: string): PostingList {
    let l = map.get(key);
    if (!l) map.set(key, (l = new PostingList(0)));
    return l;
  }

  /** shrinks posting lists to their length (after a bulk load) */
  trim(): void {
    for (const m of [this.terms, this.entities]) for (const l of m.values()) if (l.docs.length > l.n + 8) l.resize(l.n);
  }

  /** live ordinals of an entity's postings */
  entityOrds(entityId: string): number[] {
    const l = this.entities.get(entityId);
    const out: number[] = [];
    if (l) for (let i = 0; i < l.n; i++) if (this.alive[l.docs[i]]) out.push(l.docs[i]);
    return out;
  }

  private passes(ord: number, f: MemoryFilter): boolean {
    if (!this.alive[ord]) return false;
    if (f.source !== undefined && this.sourceOf[ord] !== f.source) return false;
    if (f.since !== undefined && (this.day[ord] === 0 || this.day[ord] < f.since)) return false;
    if (f.until !== undefined && (this.day[ord] === 0 || this.day[ord] > f.until)) return false;
    if (f.only && f.only[ord] !== 1) return false;
    return true;
  }

  /** a before b in the result order: more terms matched, higher score, newer, later ingested */
  private before(a: number, b: number): boolean {
    const acc = this.acc;
    const hits = this.hits;
    if (hits[a] !== hits[b]) return hits[a] > hits[b];
    if (acc[a] !== acc[b]) return acc[a] > acc[b];
    if (this.time[a] !== this.time[b]) return this.time[a] > this.time[b];
    return a > b;
  }

  /**
   * Articles matching any term: those matching more terms first, then BM25 (title words count
   * `titleWeight` times at index time), then newest. Exact total; only the first `k` ranked.
   */
  search(terms: string[], filter: MemoryFilter, k: number): { total: number; hits: MemoryHit[] } {
    const n = this.ids.length;
    if (this.acc.length < n) {
      this.acc = new Float64Array(n + 1024);
      this.hits = new Uint8Array(n + 1024);
      this.touched = new Int32Array(n + 1024);
    }
    const acc = this.acc;
    const hits = this.hits;
    const touched = this.touched;
    let nt = 0;
    const N = Math.max(1, this.live);
    const avg = this.live ? this.liveLen / this.live : 1;
    const lens = this.len;
    for (const t of terms) {
      const l = this.terms.get(t);
      if (!l) continue;
      const df = Math.min(l.n, N);
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      const docs = l.docs;
      const tfs = l.tfs;
      for (let i = 0; i < l.n; i++) {
        const d = docs[i];
        const tf = tfs[i];
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lens[d]) / avg));
        if (hits[d] === 0) touched[nt++] = d;
        hits[d]++;
        acc[d] += s;
      }
    }
    // top k by a bounded binary heap whose root is the worst kept hit
    const heap: number[] = [];
    let total = 0;
    const worse = (a: number, b: number) => this.before(b, a);
    const up = (i: number) => {
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i], heap[p])) break;
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      }
    };
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l], heap[m])) m = l;
        if (r < heap.length && worse(heap[r], heap[m])) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    };
    for (let i = 0; i < nt; i++) {
      const d = touched[i];
      if (!this.passes(d, filter)) continue;
      total++;
      if (k <= 0) continue;
      if (heap.length < k) {
        heap.push(d);
        up(heap.length - 1);
      } else if (this.before(d, heap[0])) {
        heap[0] = d;
        down(0);
      }
    }
    heap.sort((a, b) => (this.before(a, b) ? -1 : 1));
    const out = heap.map((ord) => ({ ord, score: acc[ord], matched: hits[ord] }));
    for (let i = 0; i < nt; i++) {
      acc[touched[i]] = 0;
      hits[touched[i]] = 0;
    }
    return { total, hits: out };
  }
}
