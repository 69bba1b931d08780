/**
 * Full-text search over articles: an inverted index over stems kept in the store as postings
 * (index `search:stem`, key = stem, ref = article id; `search:entity`, key = entity id), so
 * it persists and grows incrementally: an article is indexed once, marked with a `search`
 * analysis record, and removing an article removes its postings (Store.deleteArticle).
 *
 * A small in-memory catalog (id → source, date, title) answers the outlet/date filters and
 * the tie-breaks without touching article rows.
 */
import type { Article, EntityMention } from '../model.ts';
import type { Store } from '../store/store.ts';
import { wordTokens } from '../text/index.ts';
import { cleanOf, loadAnalyses, mentionsOf } from './analyses.ts';
import { articleText } from './text.ts';
import { termOf, termsOf } from './terms.ts';

export const STEM_INDEX = 'search:stem';
export const ENTITY_INDEX = 'search:entity';
/** analysis stage marking an article as indexed; bump `INDEX_VERSION` to re-index everything */
export const SEARCH_STAGE = 'search';
export const INDEX_VERSION = 1;

export interface ArticleMeta {
  id: string;
  source: string | null;
  /** YYYY-MM-DD or null */
  date: string | null;
  publishedAt: string | null;
  title: string | null;
  /** ingest order, newest last */
  seq: number;
}

export interface ArticleSearchFilter {
  source?: string;
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

export class ArticleCatalog {
  readonly byId = new Map<string, ArticleMeta>();
  private seq = 0;

  add(a: Pick<Article, 'id' | 'source' | 'publishedAt' | 'title'>, title?: string | null): ArticleMeta {
    const existing = this.byId.get(a.id);
    const meta: ArticleMeta = {
      id: a.id,
      source: a.source,
      publishedAt: a.publishedAt,
      date: a.publishedAt ? a.publishedAt.slice(0, 10) : null,
      title: title ?? a.title,
      seq: existing?.seq ?? this.seq++,
    };
    this.byId.set(a.id, meta);
    return meta;
  }

  get size(): number {
    return this.byId.size;
  }

  sources(): { source: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const m of this.byId.values()) if (m.source) counts.set(m.source, (counts.get(m.source) ?? 0) + 1);
    return [...counts].map(([source, count]) => ({ source, count })).sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  }

  passes(m: ArticleMeta, f: ArticleSearchFilter): boolean {
    if (f.source !== undefined && m.source !== f.source) return false;
    if (f.since && (!m.date || m.date < f.since.slice(0, 10))) return false;
    if (f.until && (!m.date || m.date > f.until.slice(0, 10))) return false;
    if (f.ids && !f.ids.has(m.id)) return false;
    return true;
  }
}

/** the text an article is indexed under: its title and its (cleaned) body */
export function indexTextOf(article: Article, clean: ReturnType<typeof cleanOf>): string {
  const t = articleText(article, clean);
  const title = article.title ?? clean?.title ?? '';
  return `${title}\n${t.paragraphs.map((p) => p.text).join('\n')}`;
}

export class ArticleSearch {
  constructor(
    private readonly store: Store,
    readonly catalog: ArticleCatalog,
  ) {}

  /**
   * One pass over the store: fills the catalog and indexes every article that has no
   * `search` record yet (or an older index version).
   */
  static async open(store: Store, opts: { onProgress?: (done: number, indexed: number) => void } = {}): Promise<ArticleSearch> {
    const search = new ArticleSearch(store, new ArticleCatalog());
    const pending = new Set(await store.articlesWithoutAnalysis(SEARCH_STAGE));
    let batch: Article[] = [];
    let done = 0;
    let indexed = 0;
    const flush = async () => {
      if (!batch.length) return;
      indexed += await search.index(batch);
      batch = [];
    };
    for await (const a of store.iterateArticles()) {
      search.catalog.add(a);
      if (pending.has(a.id)) batch.push(a);
      if (batch.length >= 200) await flush();
      if (++done % 5000 === 0) opts.onProgress?.(done, indexed);
    }
    await flush();
    opts.onProgress?.(done, indexed);
    return search;
  }

  /** indexes these articles (their postings and `search` records), returns how many */
  async index(articles: Article[]): Promise<number> {
    if (!articles.length) return 0;
    const ids = articles.map((a) => a.id);
    const analyses = await loadAnalyses(this.store, ids, ['clean', 'entities']);
    const stems: { key: string; ref: string }[] = [];
    const entities: { key: string; ref: string }[] = [];
    const marks: { articleId: string; data: unknown }[] = [];
    for (const a of articles) {
      const an = analyses.get(a.id) ?? {};
      const clean = cleanOf(an);
      const terms = termsOf(indexTextOf(a, clean));
      for (const key of terms) stems.push({ key, ref: a.id });
      const mentions: EntityMention[] = mentionsOf(an);
      const ents = new Set(mentions.map((m) => m.entityId).filter((e): e is string => !!e));
      for (const key of ents) entities.push({ key, ref: a.id });
      marks.push({ articleId: a.id, data: { v: INDEX_VERSION, terms: terms.size, entities: ents.size, withEntities: an.entities != null } });
      this.catalog.add(a, a.title ?? clean?.title ?? null);
    }
    await this.store.transaction(async () => {
      await this.store.addPostings(STEM_INDEX, stems);
      if (entities.length) await this.store.addPostings(ENTITY_INDEX, entities);
      await this.store.putAnalyses(SEARCH_STAGE, marks);
    });
    return articles.length;
  }

  /** article ids mentioning an entity (from the entities stage) */
  async articlesOfEntity(entityId: string): Promise<string[]> {
    return (await this.store.lookupPostings(ENTITY_INDEX, [entityId])).map((p) => p.ref);
  }

  /**
   * Ranked article ids: articles matching more query terms first, then by the sum of the
   * matched terms' idf, a title match, then newest. Only the first `rerank` candidates are
   * looked at for the title boost (the rest keep their coarse order).
   */
  async search(terms: string[], filter: ArticleSearchFilter, rerank = 200): Promise<{ total: number; hits: ArticleHit[] }> {
    if (!terms.length) return { total: 0, hits: [] };
    const postings = await this.store.lookupPostings(STEM_INDEX, terms);
    const df = new Map<string, number>();
    for (const p of postings) df.set(p.key, (df.get(p.key) ?? 0) + 1);
    const n = Math.max(1, this.catalog.size);
    const idf = new Map([...df].map(([k, d]) => [k, Math.log(1 + n / d)]));
    const byDoc = new Map<string, ArticleHit>();
    for (const p of postings) {
      let h = byDoc.get(p.ref);
      if (!h) byDoc.set(p.ref, (h = { id: p.ref, score: 0, matched: 0 }));
      h.score += idf.get(p.key) ?? 0;
      h.matched++;
    }
    const hits: ArticleHit[] = [];
    for (const h of byDoc.values()) {
      const m = this.catalog.byId.get(h.id);
      if (m && this.catalog.passes(m, filter)) hits.push(h);
    }
    const newer = (a: ArticleHit, b: ArticleHit) => {
      const da = this.catalog.byId.get(a.id)!;
      const db = this.catalog.byId.get(b.id)!;
      return (db.publishedAt ?? '').localeCompare(da.publishedAt ?? '') || db.seq - da.seq;
    };
    hits.sort((a, b) => b.matched - a.matched || b.score - a.score || newer(a, b));
    // title boost on the head of the list
    const termSet = new Set(terms);
    const head = hits.slice(0, rerank);
    for (const h of head) {
      const title = this.catalog.byId.get(h.id)?.title;
      if (!title) continue;
      let inTitle = 0;
      for (const t of wordTokens(title)) {
        const k = termOf(t);
        if (k && termSet.has(k)) inTitle += idf.get(k) ?? 0;
      }
      h.score += 0.5 * inTitle;
    }
    head.sort((a, b) => b.matched - a.matched || b.score - a.score || newer(a, b));
    return { total: hits.length, hits: head.concat(hits.slice(rerank)) };
  }
}
