/**
 * Persistence of the article index as segments in the store's named state (works the same on
 * SQLite and PostgreSQL). A segment holds one indexing batch: a light record per article (id,
 * source, date, title, length, flags) and its postings, term-major, as one base64 blob of
 * varints (local doc delta, tf). The manifest lists the segments in write order; a later
 * segment's version of an article supersedes an earlier one. Loading = decoding every segment
 * into the MemoryIndex (no article row is read). Small segments (one per HTTP ingest) are
 * merged pairwise, adjacent only, so the write order — and with it "later wins" — is kept.
 */
import type { Store } from '../store/store.ts';
import type { DocRecord, MemoryIndex } from './search-memory.ts';

/** bump to rebuild every store's index from the articles */
export const FORMAT_VERSION = 3;
export const MANIFEST_KEY = 'search:manifest';
const SEGMENT_PREFIX = 'search:segment:';
/** merge adjacent segments while there are more than this many */
export const MAX_SEGMENTS = 32;

export interface Manifest {
  v: number;
  next: number;
  /** a full build is under way (or was interrupted): articles may lack segments despite a `search` mark */
  building?: boolean;
  segments: { key: string; docs: number }[];
}

/** [id, source, publishedAt, title, len, flags] */
type DocRow = [string, string | null, string | null, string | null, number, number];

export interface SegmentData {
  v: number;
  docs: DocRow[];
  terms: string[];
  /** base64 varints: per term, count then (doc delta, tf) pairs */
  post: string;
  ents: string[];
  entPost: string;
}

/** one document to write: its record and its (term, tf) / entity ids */
export interface DocInput {
  doc: DocRecord;
  terms: Map<string, number>;
  entities: Iterable<string>;
}

class Bytes {
  buf = new Uint8Array(1 << 16);
  n = 0;
  varint(v: number): void {
    if (this.n + 5 > this.buf.length) {
      const b = new Uint8Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    while (v > 0x7f) {
      this.buf[this.n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.n++] = v;
  }
  base64(): string {
    return Buffer.from(this.buf.buffer, 0, this.n).toString('base64');
  }
}

/** term-major postings of local doc numbers → base64 */
function encodePostings(lists: Map<string, number[]>): { keys: string[]; blob: string } {
  const out = new Bytes();
  const keys = [...lists.keys()];
  for (const k of keys) {
    const l = lists.get(k)!; // pairs: doc, tf, doc, tf …
    out.varint(l.length / 2);
    let prev = 0;
    for (let i = 0; i < l.length; i += 2) {
      out.varint(l[i] - prev);
      out.varint(l[i + 1]);
      prev = l[i];
    }
  }
  return { keys, blob: out.base64() };
}

export function encodeSegment(docs: DocInput[]): SegmentData {
  const terms = new Map<string, number[]>();
  const ents = new Map<string, number[]>();
  docs.forEach((d, local) => {
    for (const [t, tf] of d.terms) {
      const l = terms.get(t);
      if (l) l.push(local, tf);
      else terms.set(t, [local, tf]);
    }
    for (const e of d.entities) {
      const l = ents.get(e);
      if (l) l.push(local, 1);
      else ents.set(e, [local, 1]);
    }
  });
  const p = encodePostings(terms);
  const e = encodePostings(ents);
  return {
    v: FORMAT_VERSION,
    docs: docs.map(({ doc }) => [doc.id, doc.source, doc.publishedAt, doc.title, doc.len, doc.flags]),
    terms: p.keys,
    post: p.blob,
    ents: e.keys,
    entPost: e.blob,
  };
}

/** calls `fn(key, n, docs, tfs)` per posting list (docs/tfs: scratch arrays valid during the call) */
function decodePostings(keys: string[], blob: string, fn: (key: string, n: number, docs: Int32Array, tfs: Uint8Array) => void): void {
  const b = Buffer.from(blob, 'base64');
  let i = 0;
  const varint = () => {
    let x = b[i++];
    if (x < 0x80) return x;
    let v = x & 0x7f;
    let mul = 128;
    for (;;) {
      x = b[i++];
      v += (x & 0x7f) * mul;
      if (x < 0x80) return v;
      mul *= 128;
    }
  };
  let docs = new Int32Array(1024);
  let tfs = new Uint8Array(1024);
  for (const k of keys) {
    const count = varint();
    if (count > docs.length) {
      docs = new Int32Array(count * 2);
      tfs = new Uint8Array(count * 2);
    }
    let doc = 0;
    for (let j = 0; j < count; j++) {
      doc += varint();
      docs[j] = doc;
      const tf = varint();
      tfs[j] = tf > 255 ? 255 : tf;
    }
    fn(k, count, docs, tfs);
  }
}

const docOf = (r: DocRow): DocRecord => ({ id: r[0], source: r[1], publishedAt: r[2], title: r[3], len: r[4], flags: r[5] });

/** adds a segment's documents and postings to the index; returns the ordinals given */
export function loadSegment(index: MemoryIndex, seg: SegmentData): number[] {
  const ords = seg.docs.map((r) => index.addDoc(docOf(r)));
  for (const [map, keys, blob] of [
    [index.terms, seg.terms, seg.post],
    [index.entities, seg.ents, seg.entPost],
  ] as const)
    decodePostings(keys, blob, (k, n, docs, tfs) => {
      const l = index.list(map, k);
      l.reserve(l.n + n);
      for (let j = 0; j < n; j++) {
        l.docs[l.n] = ords[docs[j]];
        l.tfs[l.n++] = tfs[j];
      }
    });
  return ords;
}

/** two adjacent segments as one (the later one's version of an article wins) */
export function mergeSegments(a: SegmentData, b: SegmentData): SegmentData {
  const inB = new Set(b.docs.map((r) => r[0]));
  const keepA = a.docs.map((r) => !inB.has(r[0]));
  const docs: DocInput[] = [];
  const localA: number[] = [];
  a.docs.forEach((r, i) => {
    localA.push(keepA[i] ? docs.length : -1);
    if (keepA[i]) docs.push({ doc: docOf(r), terms: new Map(), entities: [] });
  });
  const offsetB = docs.length;
  for (const r of b.docs) docs.push({ doc: docOf(r), terms: new Map(), entities: [] });
  const entsOf = docs.map(() => [] as string[]);
  const add = (seg: SegmentData, map: (local: number) => number) => {
    decodePostings(seg.terms, seg.post, (k, n, ds, tfs) => {
      for (let j = 0; j < n; j++) {
        const d = map(ds[j]);
        if (d >= 0) docs[d].terms.set(k, tfs[j]);
      }
    });
    decodePostings(seg.ents, seg.entPost, (k, n, ds) => {
      for (let j = 0; j < n; j++) {
        const d = map(ds[j]);
        if (d >= 0) entsOf[d].push(k);
      }
    });
  };
  add(a, (l) => localA[l]);
  add(b, (l) => offsetB + l);
  docs.forEach((d, i) => (d.entities = entsOf[i]));
  return encodeSegment(docs);
}

export class SegmentStore {
  constructor(private readonly store: Store) {}

  async manifest(): Promise<Manifest | null> {
    const m = await this.store.getState<Manifest>(MANIFEST_KEY);
    return m && m.v === FORMAT_VERSION && Array.isArray(m.segments) ? m : null;
  }

  /** every segment in write order */
  async *segments(m: Manifest): AsyncGenerator<SegmentData> {
    for (const s of m.segments) {
      const seg = await this.store.getState<SegmentData>(s.key);
      if (seg && seg.v === FORMAT_VERSION) yield seg;
    }
  }

  /**
   * Appends a segment (inside the caller's transaction, with the `search` marks), then merges
   * the cheapest adjacent pair while there are too many segments.
   */
  async append(m: Manifest, seg: SegmentData): Promise<Manifest> {
    const key = `${SEGMENT_PREFIX}${m.next}`;
    await this.store.setState(key, seg);
    let next: Manifest = { ...m, next: m.next + 1, segments: [...m.segments, { key, docs: seg.docs.length }] };
    while (next.segments.length > MAX_SEGMENTS) next = await this.mergeCheapestPair(next);
    await this.store.setState(MANIFEST_KEY, next);
    return next;
  }

  private async mergeCheapestPair(m: Manifest): Promise<Manifest> {
    let best = 0;
    for (let i = 1; i + 1 < m.segments.length; i++)
      if (m.segments[i].docs + m.segments[i + 1].docs < m.segments[best].docs + m.segments[best + 1].docs) best = i;
    const [sa, sb] = [m.segments[best], m.segments[best + 1]];
    const a = await this.store.getState<SegmentData>(sa.key);
    const b = await this.store.getState<SegmentData>(sb.key);
    const merged = a && b ? mergeSegments(a, b) : (a ?? b)!;
    const key = `${SEGMENT_PREFIX}${m.next}`;
    await this.store.setState(key, merged);
    // the Store has no state delete: empty the old keys
    await this.store.setState(sa.key, null);
    await this.store.setState(sb.key, null);
    const segments = [...m.segments.slice(0, best), { key, docs: merged.docs.length }, ...m.segments.slice(best + 2)];
    return { ...m, next: m.next + 1, segments };
  }

  async save(m: Manifest): Promise<void> {
    await this.store.setState(MANIFEST_KEY, m);
  }

  empty(): Manifest {
    return { v: FORMAT_VERSION, next: 0, segments: [] };
  }
}
