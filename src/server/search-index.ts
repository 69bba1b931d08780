/**
 * Full-text search over articles. The index lives in memory (search-memory.ts: typed-array
 * posting lists, a light record per article) and is persisted as segments in the store's state
 * (search-segments.ts), so a server start decodes segments instead of reading article rows.
 *
 * Incremental: each indexing batch appends one segment and marks its articles with a `search`
 * analysis record ({v, flags}); new articles are those without the mark. An article indexed
 * before the clean (or entities) stage had run is re-indexed once that stage's record appears:
 * its flags say which records its text came from, and `refresh()` compares them with the
 * stages' records. Deleted articles are dropped at start (and skipped when a page is built).
 */
import type { Article, EntityMention } from '../model.ts';
import type { Store } from '../store/store.ts';
import { cleanOf, loadAnalyses, mentionsOf } from './analyses.ts';
import { FLAG_CLEAN, FLAG_ENTITIES, MemoryIndex, dayNumber, type MemoryFilter } from './search-memory.ts';
import { SegmentStore, encodeSegment, loadSegment, type DocInput, type Manifest } from './search-segments.ts';
import { articleText } from './text.ts';
import { countTerms } from './terms.ts';

/** analysis stage marking an article as indexed */
export const SEARCH_STAGE = 'search';
/** articles per segment when indexing in bulk */
export const BATCH = 5000;
/** title words count this many times in an article's term frequencies */
export const TITLE_WEIGHT = 2;

export interface ArticleMeta {
  id: string;
  source: string | null;
  publishedAt: string | null;
  title: string | null;
}

export interface ArticleSearchFilter {
  source?: string;
  /** ISO date, month or year (inclusive) */
  since?: string;
  until?: string;
  /** only articles in this set (entity filter) */
  ids?: Set<string>;
}

export interface ArticleHit {
  id: string;
  score: number;
  matched: number;
}

/** the light per-article record the API needs without reading article rows */
export class ArticleCatalog {
  constructor(private readonly mem: MemoryIndex) {}
  get size(): number {
    return this.mem.live;
  }
  get(id: string): ArticleMeta | undefined {
    const ord = this.mem.ordOf.get(id);
    if (ord === undefined) return undefined;
    return { id, source: this.mem.source(ord), publishedAt: this.mem.published[ord], title: this.mem.titles[ord] };
  }
  has(id: string): boolean {
    return this.mem.ordOf.has(id);
  }
  sources(): { source: string; count: number }[] {
    return this.mem.sourceCounts();
  }
}

/** the text an article is indexed under: its title and its (cleaned) body */
export function indexTextOf(article: Article, clean: ReturnType<typeof cleanOf>): { title: string; body: string } {
  const t = articleText(article, clean);
  return { title: article.title ?? clean?.title ?? '', body: t.paragraphs.map((p) => p.text).join('\n') };
}

/** '2025' / '2025-04' / '2025-04-03' as the first or last YYYYMMDD they cover */
function dayBound(d: string | undefined, end: boolean): number | undefined {
  if (!d) return undefined;
  const [y, m, day] = d.split('-');
  return Number(y) * 10_000 + (m ? Number(m) : end ? 99 : 0) * 100 + (day ? Number(day) : end ? 99 : 0);
}

export interface OpenOptions {
  onProgress?: (done: number, indexed: number) => void;
  /** `fresh()` looks for new or newly cleaned articles at most this often (default 60 s) */
  maxAgeMs?: number;
}

export class ArticleSearch {
  readonly mem = new MemoryIndex();
  readonly catalog = new ArticleCatalog(this.mem);
  private readonly segments: SegmentStore;
  private manifest: Manifest;
  private queue: Promise<unknown> = Promise.resolve();
  private refreshedAt = Date.now();
  private checkedAt = Date.now();
  private checking: Promise<void> | null = null;
  private readonly maxAgeMs: number;
  /** seconds spent by open(): loading segments, indexing */
  readonly timing = { loadMs: 0, indexMs: 0, loadedSegments: 0, indexed: 0 };

  private constructor(
    private readonly store: Store,
    manifest: Manifest,
    opts: OpenOptions,
  ) {
    this.segments = new SegmentStore(store);
    this.manifest = manifest;
    this.maxAgeMs = opts.maxAgeMs ?? 60_000;
  }

  /** loads the persisted index, then indexes what is new, newly cleaned, and drops deleted articles */
  static async open(store: Store, opts: OpenOptions = {}): Promise<ArticleSearch> {
    const t0 = Date.now();
    const segs = new SegmentStore(store);
    const manifest = await segs.manifest();
    const search = new ArticleSearch(store, manifest ?? segs.empty(), opts);
    if (manifest) {
      for await (const seg of segs.segments(manifest)) {
        loadSegment(search.mem, seg);
        search.timing.loadedSegments++;
      }
      search.mem.trim();
      await search.dropDeleted();
    }
    search.timing.loadMs = Date.now() - t0;
    const t1 = Date.now();
    if (manifest && !manifest.building) search.timing.indexed = await search.refresh(opts.onProgress);
    else search.timing.indexed = await search.rebuild(opts.onProgress);
    search.timing.indexMs = Date.now() - t1;
    search.refreshedAt = search.checkedAt = Date.now();
    return search;
  }

  /**
   * No persisted index (or an older format): index every article, streaming the store. The
   * manifest says a build is under way until it ends, so an interrupted build resumes (the
   * `search` marks of an older index cannot tell what is missing).
   */
  private async rebuild(onProgress?: (done: number, indexed: number) => void): Promise<number> {
    this.manifest = { ...this.manifest, building: true };
    await this.segments.save(this.manifest);
    let batch: Article[] = [];
    let done = 0;
    let indexed = 0;
    for await (const a of this.store.iterateArticles()) {
      done++;
      if (this.mem.ordOf.has(a.id)) continue; // indexed before the build was interrupted
      batch.push(a);
      indexed++;
      if (batch.length >= BATCH) {
        await this.index(batch);
        batch = [];
        onProgress?.(done, indexed);
      }
    }
    await this.index(batch);
    onProgress?.(done, indexed);
    this.mem.trim();
    this.manifest = { ...this.manifest, building: false };
    await this.segments.save(this.manifest);
    this.refreshedAt = Date.now();
    return indexed;
  }

  private async dropDeleted(): Promise<void> {
    const ids = [...this.mem.ordOf.keys()];
    for (let i = 0; i < ids.length; i += 20_000) {
      const part = ids.slice(i, i + 20_000);
      const present = await this.store.hasArticles(part);
      if (present.size === part.length) continue;
      for (const id of part) if (!present.has(id)) this.mem.kill(this.mem.ordOf.get(id)!);
    }
  }

  /** ids indexed before a clean/entities record existed that now have one */
  private async staleIds(): Promise<string[]> {
    const out = new Set<string>();
    for (const [flag, stage] of [
      [FLAG_CLEAN, 'clean'],
      [FLAG_ENTITIES, 'entities'],
    ] as const) {
      const lacking: string[] = [];
      for (const [id, ord] of this.mem.ordOf) if (!(this.mem.flags(ord) & flag)) lacking.push(id);
      if (!lacking.length) continue;
      const without = new Set(await this.store.articlesWithoutAnalysis(stage));
      for (const id of lacking) if (!without.has(id)) out.add(id);
    }
    return [...out];
  }

  /**
   * Indexes articles that have no `search` mark yet, and re-indexes those whose clean or
   * entities record appeared since; returns how many were indexed. Serialised.
   */
  refresh(onProgress?: (done: number, indexed: number) => void): Promise<number> {
    const run = this.queue.then(async () => {
      const ids = [...new Set([...(await this.store.articlesWithoutAnalysis(SEARCH_STAGE)), ...(await this.staleIds())])];
      let indexed = 0;
      for (let i = 0; i < ids.length; i += BATCH) {
        const articles = await this.store.getArticles(ids.slice(i, i + BATCH));
        indexed += await this.indexNow(articles);
        onProgress?.(this.mem.live, indexed);
      }
      if (!ids.length) onProgress?.(this.mem.live, 0);
      this.refreshedAt = Date.now();
      return indexed;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Another process (`marsad ingest`, `marsad process`) may change the store while we serve:
   * at most every maxAgeMs a cheap check (the article count) starts a background refresh when
   * articles were added; every 10 × maxAgeMs a full refresh also catches newly cleaned ones.
   * (A full refresh scans the analyses: ≈1 s at 100k articles, so not on every request.)
   */
  fresh(): void {
    const now = Date.now();
    if (now - this.checkedAt < this.maxAgeMs || this.checking) return;
    this.checkedAt = now;
    this.checking = (async () => {
      const full = now - this.refreshedAt >= 10 * this.maxAgeMs;
      if (full || (await this.store.countArticles()) !== this.mem.live) await this.refresh();
    })()
      .catch((e) => void process.stderr.write(`marsad serve: search index refresh failed: ${(e as Error).message}\n`))
      .finally(() => {
        this.checking = null;
      });
  }

  /** indexes (or re-indexes) these articles: one segment, their marks; returns how many */
  index(articles: Article[]): Promise<number> {
    const run = this.queue.then(() => this.indexNow(articles));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async indexNow(articles: Article[]): Promise<number> {
    if (!articles.length) return 0;
    const ids = articles.map((a) => a.id);
    const analyses = await loadAnalyses(this.store, ids, ['clean', 'entities']);
    const docs: DocInput[] = [];
    const marks: { articleId: string; data: unknown }[] = [];
    for (const a of articles) {
      const an = analyses.get(a.id) ?? {};
      const clean = cleanOf(an);
      const { title, body } = indexTextOf(a, clean);
      const terms = new Map<string, number>();
      const len = countTerms(title, terms, TITLE_WEIGHT) + countTerms(body, terms);
      const mentions: EntityMention[] = mentionsOf(an);
      const entities = new Set(mentions.map((m) => m.entityId).filter((e): e is string => !!e));
      const flags = (an.clean != null ? FLAG_CLEAN : 0) | (an.entities != null ? FLAG_ENTITIES : 0);
      docs.push({ doc: { id: a.id, source: a.source, publishedAt: a.publishedAt, title: title || null, len, flags }, terms, entities });
      marks.push({ articleId: a.id, data: { v: 1, flags } });
    }
    const seg = encodeSegment(docs);
    const manifest = await this.store.transaction(async () => {
      const m = await this.segments.append(this.manifest, seg);
      await this.store.putAnalyses(SEARCH_STAGE, marks);
      return m;
    });
    this.manifest = manifest;
    loadSegment(this.mem, seg);
    return articles.length;
  }

  /** article ids mentioning an entity (from the entities stage) */
  articlesOfEntity(entityId: string): string[] {
    return this.mem.entityOrds(entityId).map((o) => this.mem.ids[o]);
  }

  /**
   * One page of ranked articles: those matching more query terms first, then BM25 (title words
   * weigh more), then newest. `total` counts every match that passes the filters.
   */
  search(terms: string[], filter: ArticleSearchFilter, page: { offset: number; limit: number }): { total: number; hits: ArticleHit[] } {
    if (!terms.length) return { total: 0, hits: [] };
    const f: MemoryFilter = {};
    if (filter.source !== undefined) f.source = this.mem.sourceIndex(filter.source);
    f.since = dayBound(filter.since, false);
    f.until = dayBound(filter.until, true);
    if (filter.ids) {
      const only = new Uint8Array(this.mem.size);
      for (const id of filter.ids) {
        const o = this.mem.ordOf.get(id);
        if (o !== undefined) only[o] = 1;
      }
      f.only = only;
    }
    const { total, hits } = this.mem.search(terms, f, page.offset + page.limit);
    return {
      total,
      hits: hits.slice(page.offset).map((h) => ({ id: this.mem.ids[h.ord], score: h.score, matched: h.matched })),
    };
  }
}

export { dayNumber };
