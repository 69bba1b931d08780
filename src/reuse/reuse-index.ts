/**
 * The incremental reuse index: add one article at a time, ask which indexed articles share text
 * with it. Adding never re-reads the corpus: a query touches only the postings of its own band
 * keys and fingerprints, the signatures of the articles they point to, and the texts of at most
 * `maxCandidates` candidates (fetched through `textOf`) for passage alignment.
 */
import type { ReuseLink, ReusePassage } from '../model.ts';
import { coverageOf, alignTokens, type TokenPassage } from './align.ts';
import { creditedAgency } from './agency.ts';
import { BoundedCache, MemoryReuseBackend, StoreReuseBackend, LINK_STAGE, type ReuseBackend, type ReuseStore, type StoredSignature } from './backend.ts';
import { docFeatures, type DocFeatures } from './features.ts';
import { withParams, type ReuseParams, type ReuseParamsInput } from './params.ts';
import { estimateJaccard } from './shingles.ts';
import { keyTokens } from './tokens.ts';

/** One article's text as the reuse stage sees it. */
export interface ReuseDoc {
  id: string;
  /** the text to compare: cleaned body when available, else raw text */
  text: string;
  /** offset of `text` inside the article's raw text (when `text` is one contiguous slice of it) */
  offsetBase?: number;
  /**
   * piecewise map text → raw, for a body made of non-contiguous raw ranges (cleaned paragraphs
   * joined by "\n"): text[from, from + (rawEnd − rawStart)) is raw[rawStart, rawEnd). Sorted by `from`.
   */
  pieces?: { from: number; rawStart: number; rawEnd: number }[];
  /** ISO date-time (or ms since epoch) of publication, when known */
  publishedAt?: string | number | null;
}

/** How the pair relates, strongest first. */
export type ReuseKind = 'duplicate' | 'near_duplicate' | 'copy' | 'shared';

/** A contract ReuseLink plus what the pair is and the other side's coverage. */
export interface ReuseFinding extends ReuseLink {
  kind: ReuseKind;
  /** share of the OTHER article's words covered by the passages */
  otherCoverage: number;
  /** words of this article inside shared passages */
  sharedWords: number;
}

export type TextSource = (ids: string[]) => Promise<ReuseDoc[]> | ReuseDoc[];

export interface ReuseIndexOptions {
  params?: ReuseParamsInput;
  /** where candidate texts come from (defaults: kept texts for in-memory, the Store for Store-backed) */
  textOf?: TextSource;
  /** in-memory only: keep each added doc's text so queries can align against it (tests, CLI) */
  keepTexts?: boolean;
  /**
   * with `textOf`: keep the texts of this many most recently added or fetched articles (default
   * 5,000, ~30 MB), since wire copies of an article follow it closely in publication order
   */
  textCache?: number;
}

export interface QueryOptions {
  /** document level only: MinHash/LSH near-duplicates, no fingerprints, no alignment */
  docOnly?: boolean;
  /** include 'shared' links (passages that do not make a copy); default false */
  includeShared?: boolean;
}

function toMillis(t: string | number | null | undefined): number | null {
  if (t === null || t === undefined) return null;
  if (typeof t === 'number') return Number.isFinite(t) ? t : null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

/** Maps an offset in `doc.text` to the article's raw text. */
export function toRaw(doc: ReuseDoc, offset: number): number {
  if (doc.pieces && doc.pieces.length > 0) {
    let lo = 0;
    let hi = doc.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (doc.pieces[mid].from <= offset) lo = mid;
      else hi = mid - 1;
    }
    const p = doc.pieces[lo];
    return Math.min(p.rawStart + (offset - p.from), p.rawEnd);
  }
  return offset + (doc.offsetBase ?? 0);
}

export class ReuseIndex {
  readonly params: ReuseParams;
  private readonly texts: Map<string, ReuseDoc> | null;
  private readonly textOf: TextSource | null;
  private readonly recent: BoundedCache<string, ReuseDoc> | null;
  /** links written during `addBatch` (Store-backed), flushed with the backend's buffers */
  private pendingLinks: Map<string, ReuseLink[]> | null = null;

  constructor(readonly backend: ReuseBackend, options: ReuseIndexOptions = {}, private readonly store: ReuseStore | null = null) {
    this.params = withParams(options.params);
    this.texts = options.keepTexts ? new Map() : null;
    this.textOf = options.textOf ?? null;
    const cache = options.textCache ?? 5000;
    this.recent = !this.texts && this.textOf && cache > 0 ? new BoundedCache(cache) : null;
  }

  /** In-memory index (compact typed arrays). */
  static inMemory(options: ReuseIndexOptions = {}): ReuseIndex {
    const p = withParams(options.params);
    return new ReuseIndex(new MemoryReuseBackend(p.numPerm), { keepTexts: !options.textOf, ...options });
  }

  /**
   * Persistent index over a Store: postings 'reuse:band'/'reuse:fp', signatures in analyses
   * 'reuse:sig', and each article's links (both sides) in analyses 'reuse'. `textOf` must give
   * candidate texts (see `storeTextSource` in ./store-text.ts).
   */
  static overStore(store: ReuseStore, textOf: TextSource, options: Omit<ReuseIndexOptions, 'textOf' | 'keepTexts'> = {}): ReuseIndex {
    return new ReuseIndex(new StoreReuseBackend(store), { ...options, textOf }, store);
  }

  /** Which indexed articles share text with `doc` (not added). */
  async query(doc: ReuseDoc, options: QueryOptions = {}): Promise<ReuseFinding[]> {
    const f = docFeatures(doc.text, this.params, options.docOnly);
    return (await this.queryFeatures(doc, f, creditedAgency(doc.text), options)).found;
  }

  /** Queries, then adds `doc` to the index; returns its links to previously indexed articles. */
  async add(doc: ReuseDoc, options: QueryOptions = {}): Promise<ReuseFinding[]> {
    if (await this.backend.has(doc.id)) await this.remove(doc.id);
    return this.addNew(doc, options);
  }

  /** `add` for an article known not to be indexed. */
  private async addNew(doc: ReuseDoc, options: QueryOptions, features?: DocFeatures): Promise<ReuseFinding[]> {
    const f = features ?? docFeatures(doc.text, this.params, options.docOnly);
    const agency = creditedAgency(doc.text);
    const { found, others } = await this.queryFeatures(doc, f, agency, options);
    const s: StoredSignature = {
      sig: f.sig,
      words: f.tokens.length,
      publishedAt: toMillis(doc.publishedAt),
      agency,
    };
    await this.backend.addKeys('band', doc.id, f.bands);
    if (f.fingerprints.length) await this.backend.addKeys('fp', doc.id, f.fingerprints);
    await this.backend.putSignature(doc.id, s);
    if (this.texts) this.texts.set(doc.id, doc);
    this.recent?.set(doc.id, doc);
    if (this.store) await this.persistLinks(doc.id, found, others);
    return found;
  }

  /**
   * Adds several articles in the given order (pass them in publication order), as `add` would one
   * by one, but with the Store writes buffered and written once at the end: run it inside one
   * Store transaction. Articles of the batch see the earlier ones of the same batch.
   */
  async addBatch(docs: ReuseDoc[], options: QueryOptions = {}): Promise<ReuseFinding[][]> {
    // one read for the whole batch: which of these are indexed already (re-adding replaces them)
    const known = await this.backend.getSignatures(docs.map((d) => d.id));
    for (const id of known.keys()) await this.remove(id);
    const out: ReuseFinding[][] = [];
    if (!this.backend.beginBatch) {
      for (const d of docs) out.push(await this.addNew(d, options));
      return out;
    }
    this.backend.beginBatch();
    if (this.store) this.pendingLinks = new Map();
    try {
      const feats = docs.map((d) => docFeatures(d.text, this.params, options.docOnly));
      if (this.backend.prefetch) {
        const all = (pick: (f: DocFeatures) => Uint32Array) => {
          const out = new Uint32Array(feats.reduce((n, f) => n + pick(f).length, 0));
          let o = 0;
          for (const f of feats) {
            out.set(pick(f), o);
            o += pick(f).length;
          }
          return out;
        };
        await this.backend.prefetch('band', all((f) => f.bands));
        if (!options.docOnly) await this.backend.prefetch('fp', all((f) => f.fingerprints));
      }
      for (let i = 0; i < docs.length; i++) out.push(await this.addNew(docs[i], options, feats[i]));
      await this.backend.flush?.();
      if (this.pendingLinks && this.pendingLinks.size > 0) await this.store!.putAnalyses(LINK_STAGE, [...this.pendingLinks].map(([articleId, data]) => ({ articleId, data })));
      return out;
    } finally {
      // after an error the caller's transaction rolls back: drop what was buffered
      this.pendingLinks = null;
      this.backend.discardBatch?.();
    }
  }

  /** Deletes the article from the index (postings, signature, its links on both sides). */
  async remove(id: string): Promise<void> {
    await this.backend.remove(id);
    this.texts?.delete(id);
    this.recent?.delete(id);
    if (this.store) {
      const mine = (await this.store.getAnalysis<ReuseLink[] | null>(LINK_STAGE, id)) ?? [];
      for (const l of mine) await this.updateLinks(l.otherId, (ls) => ls.filter((x) => x.otherId !== id));
      await this.store.putAnalyses(LINK_STAGE, [{ articleId: id, data: [] }]);
    }
  }

  /** The text of an indexed (or fetchable) article, or null. */
  async docOf(id: string): Promise<ReuseDoc | null> {
    const [d] = await this.fetchTexts([id]);
    return d ?? null;
  }

  async has(id: string): Promise<boolean> {
    return this.backend.has(id);
  }

  private async queryFeatures(doc: ReuseDoc, f: DocFeatures, agencyHere: string | null, options: QueryOptions): Promise<{ found: ReuseFinding[]; others: ReuseDoc[] }> {
    const p = this.params;
    const bandHits = await this.backend.lookupKeys('band', f.bands, Number.POSITIVE_INFINITY);
    bandHits.delete(doc.id);
    const fpHits = f.fingerprints.length ? await this.backend.lookupKeys('fp', f.fingerprints, p.maxPostingsPerKey) : new Map<string, number>();
    fpHits.delete(doc.id);

    const sigs = await this.backend.getSignatures([...bandHits.keys()]);
    const near = new Map<string, number>();
    for (const [id, s] of sigs) {
      const j = estimateJaccard(f.sig, s.sig);
      if (j >= p.nearDuplicate) near.set(id, j);
    }
    if (options.docOnly) {
      const found = [...near].map(([otherId, j]): ReuseFinding => ({
        otherId,
        similarity: j,
        passages: [],
        kind: j >= 0.999 ? 'duplicate' : 'near_duplicate',
        otherCoverage: 0,
        sharedWords: 0,
      }));
      return { found, others: [] };
    }
    let ranked = [...fpHits].filter(([, c]) => c >= p.minSharedFingerprints).sort((x, y) => y[1] - x[1]);
    if (!options.includeShared && ranked.length > 0) {
      // a copy needs ≥ minCoverage of one side: skip candidates whose shared fingerprints are too
      // few a share of the smaller article's (expected) fingerprints to ever reach it
      ranked = ranked.slice(0, 4 * p.maxCandidates);
      const rs = await this.backend.getSignatures(ranked.map(([id]) => id));
      const expected = (words: number) => Math.max(1, Math.min(p.maxFingerprints, (words * 2) / (p.winnowWindow + 1)));
      ranked = ranked.filter(([id, c]) => c / Math.min(f.fingerprints.length, expected(rs.get(id)?.words ?? 0)) >= p.minSharedFingerprintShare);
    }
    const cand = new Set<string>(near.keys());
    for (const [id] of ranked) {
      if (cand.size >= p.maxCandidates + near.size) break;
      cand.add(id);
    }
    if (cand.size === 0) return { found: [], others: [] };
    const [others, otherSigs] = await Promise.all([this.fetchTexts([...cand]), this.backend.getSignatures([...cand])]);
    const out: ReuseFinding[] = [];
    for (const other of others) {
      const os = otherSigs.get(other.id);
      const finding = this.compare(doc, f, other, os ?? null, agencyHere);
      if (finding && (options.includeShared || finding.kind !== 'shared')) out.push(finding);
    }
    return { found: out.sort((x, y) => y.similarity - x.similarity || y.sharedWords - x.sharedWords), others };
  }

  private async fetchTexts(ids: string[]): Promise<ReuseDoc[]> {
    if (this.texts) return ids.map((id) => this.texts!.get(id)).filter((d): d is ReuseDoc => d !== undefined);
    if (!this.textOf) return [];
    if (!this.recent) return await this.textOf(ids);
    const got = new Map<string, ReuseDoc>();
    const missing: string[] = [];
    for (const id of ids) {
      const d = this.recent.get(id);
      if (d) got.set(id, d);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const d of await this.textOf(missing)) {
        got.set(d.id, d);
        this.recent.set(d.id, d);
      }
    }
    return ids.map((id) => got.get(id)).filter((d): d is ReuseDoc => d !== undefined);
  }

  private compare(doc: ReuseDoc, f: DocFeatures, other: ReuseDoc, os: StoredSignature | null, agencyHere: string | null): ReuseFinding | null {
    const ot = keyTokens(other.text);
    const tps = alignTokens(f.tokens, ot, doc.text, this.params.align);
    const sim = os ? estimateJaccard(f.sig, os.sig) : 0;
    if (tps.length === 0) return null;
    const cov = coverageOf(tps, f.tokens.length, 'a');
    const otherCov = coverageOf(tps, ot.length, 'b');
    const sharedWords = tps.reduce((s, t) => s + t.matched, 0);
    const kind = classify(tps, sharedWords, cov, otherCov, sim, this.params);
    const passages: ReusePassage[] = tps.map((t) => {
      const s = f.tokens.starts[t.a0];
      const e = f.tokens.ends[t.a1 - 1];
      return {
        start: toRaw(doc, s),
        end: toRaw(doc, e),
        text: doc.text.slice(s, e),
        otherStart: toRaw(other, ot.starts[t.b0]),
        otherEnd: toRaw(other, ot.ends[t.b1 - 1]),
      };
    });
    const here = toMillis(doc.publishedAt);
    const there = os?.publishedAt ?? toMillis(other.publishedAt);
    const firstPublished = here === null || there === null || here === there ? null : here < there ? 'this' : 'other';
    const otherAgency = os?.agency ?? null;
    const agency = firstPublished === 'other' ? (otherAgency ?? agencyHere) : (agencyHere ?? otherAgency);
    return {
      otherId: other.id,
      similarity: round(Math.max(sim, kind === 'duplicate' ? 1 : 0)),
      passages,
      coverage: round(cov),
      firstPublished,
      agency,
      kind,
      otherCoverage: round(otherCov),
      sharedWords,
    };
  }

  /** Writes the new article's links and mirrors each onto the other side (one read and one write for all of them). */
  private async persistLinks(id: string, found: ReuseFinding[], others: ReuseDoc[]): Promise<void> {
    const store = this.store!;
    const items: { articleId: string; data: ReuseLink[] }[] = [{ articleId: id, data: found.map(contractLink) }];
    if (found.length > 0) {
      const byId = new Map(others.map((o) => [o.id, o]));
      const pending = this.pendingLinks;
      const unread = found.map((l) => l.otherId).filter((o) => !pending?.has(o));
      const current = unread.length ? await store.getAnalyses<ReuseLink[] | null>(LINK_STAGE, unread) : new Map<string, ReuseLink[] | null>();
      if (pending) for (const l of found) if (pending.has(l.otherId)) current.set(l.otherId, pending.get(l.otherId)!);
      for (const l of found) {
        const o = byId.get(l.otherId);
        if (!o) continue;
        const mine = (current.get(l.otherId) ?? []).filter((x) => x.otherId !== id);
        items.push({ articleId: l.otherId, data: [...mine, mirrorLink(id, l, o)] });
      }
    }
    if (this.pendingLinks) for (const it of items) this.pendingLinks.set(it.articleId, it.data);
    else await store.putAnalyses(LINK_STAGE, items);
  }

  private async updateLinks(id: string, fn: (ls: ReuseLink[]) => ReuseLink[]): Promise<void> {
    const store = this.store!;
    const cur = (await store.getAnalysis<ReuseLink[] | null>(LINK_STAGE, id)) ?? [];
    await store.putAnalyses(LINK_STAGE, [{ articleId: id, data: fn(cur) }]);
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The pair's kind from its passages: see CopyRule in ./params.ts. */
export function classify(tps: TokenPassage[], sharedWords: number, cov: number, otherCov: number, sim: number, p: ReuseParams): ReuseKind {
  if (sim >= 0.999 && cov > 0.95 && otherCov > 0.95) return 'duplicate';
  if (sim >= p.nearDuplicate) return 'near_duplicate';
  const c = p.copy;
  const maxCov = Math.max(cov, otherCov);
  if (tps.length >= c.minPassages && sharedWords >= c.minSharedWords && maxCov >= c.minCoverage) return 'copy';
  if (sharedWords >= c.minSharedWords && maxCov >= c.singlePassageCoverage) return 'copy';
  return 'shared';
}

/** The contract fields only (what `reuse` in the export holds). */
export function contractLink(l: ReuseFinding | ReuseLink): ReuseLink {
  const { otherId, similarity, passages, coverage, firstPublished, agency } = l;
  return { otherId, similarity, passages, coverage, firstPublished, agency };
}

/** The same link seen from the other article: offsets swapped, passage text from the other's text. */
export function mirrorLink(thisId: string, l: ReuseFinding, other: ReuseDoc): ReuseLink & { kind: ReuseKind } {
  const inv = (raw: number) => rawToText(other, raw);
  return {
    otherId: thisId,
    similarity: l.similarity,
    passages: l.passages.map((p) => ({
      start: p.otherStart,
      end: p.otherEnd,
      text: other.text.slice(inv(p.otherStart), inv(p.otherEnd)),
      otherStart: p.start,
      otherEnd: p.end,
    })),
    coverage: l.otherCoverage,
    firstPublished: l.firstPublished === 'this' ? 'other' : l.firstPublished === 'other' ? 'this' : null,
    agency: l.agency ?? null,
    kind: l.kind,
  };
}

/** Maps an offset in the article's raw text back to `doc.text` (the inverse of `toRaw`; 0 when outside every piece). */
export function rawToText(doc: ReuseDoc, raw: number): number {
  if (doc.pieces && doc.pieces.length > 0) {
    for (const p of doc.pieces) if (raw >= p.rawStart && raw <= p.rawEnd) return p.from + (raw - p.rawStart);
    return 0;
  }
  return raw - (doc.offsetBase ?? 0);
}
