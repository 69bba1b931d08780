/**
 * Full-text search over articles: an inverted index over stems kept in the store as postings,
 * so it persists and grows incrementally. To keep the row count (write time) and the rows read
 * per query small, a posting holds a block: key = stem, ref = `<block tag>:<id>,<id>,…` — the
 * articles of one indexing batch that contain the stem (index `search:stem`; `search:entity`
 * the same for entity ids). An indexed article is marked with a `search` analysis record.
 * Deleted articles may linger in blocks; hits are checked against the catalog, so they never
 * surface.
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
export const INDEX_VERSION = 2;
/** articles per posting block */
export const BLOCK = 1000;
let blockSeq = 0;
const blockTag = () => `${Date.now().toString(36)}${(blockSeq++).toString(36)}`;

/** article ids of a block posting's ref */
export const idsOfRef = (ref: string): string[] => ref.slice(ref.indexOf(':') + 1).split(',');

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
  rank?: number;
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
      if (batch.length >= BLOCK) await flush();
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
    const stems = new Map<string, string[]>();
    const entities = new Map<string, string[]>();
    const marks: { articleId: string; data: unknown }[] = [];
    const add = (m: Map<string, string[]>, key: string, id: string) => {
      const l = m.get(key);
      if (l) l.push(id);
      else m.set(key, [id]);
    };
    for (const a of articles) {
      const an = analyses.get(a.id) ?? {};
      const clean = cleanOf(an);
      const terms = termsOf(indexTextOf(a, clean));
      for (const key of terms) add(stems, key, a.id);
      const mentions: EntityMention[] = mentionsOf(an);
      const ents = new Set(mentions.map((m) => m.entityId).filter((e): e is string => !!e));
      for (const key of ents) add(entities, key, a.id);
      marks.push({ articleId: a.id, data: { v: INDEX_VERSION, terms: terms.size, entities: ents.size, cleaned: clean != null } });
      this.catalog.add(a, a.title ?? clean?.title ?? null);
    }
    const tag = blockTag();
    const postings = (m: Map<string, string[]>) => [...m].map(([key, ids]) => ({ key, ref: `${tag}:${ids.join(',')}` }));
    await this.store.transaction(async () => {
      await this.store.addPostings(STEM_INDEX, postings(stems));
      if (entities.size) await this.store.addPostings(ENTITY_INDEX, postings(entities));
      await this.store.putAnalyses(SEARCH_STAGE, marks);
    });
    return articles.length;
  }

  /** article ids mentioning an entity (from the entities stage) */
  async articlesOfEntity(entityId: string): Promise<string[]> {
    return (await this.store.lookupPostings(ENTITY_INDEX, [entityId])).flatMap((p) => idsOfRef(p.ref)).filter((id) => this.catalog.byId.has(id));
  }

  /**
   * Ranked article ids: articles matching more query terms first, then by the sum of the
   * matched terms' idf, a title match, then newest. Only the first `rerank` candidates are
   * looked at for the title boost (the rest keep their coarse order).
   */
  async search(terms: string[], filter: ArticleSearchFilter, rerank = 200): Promise<{ total: number; hits: ArticleHit[] }> {
    if (!terms.length) return { total: 0, hits: [] };
    const postings = await this.store.lookupPostings(STEM_INDEX, terms);
    const docsOf = new Map<string, string[]>();
    for (const p of postings) {
      const ids = idsOfRef(p.ref);
      const l = docsOf.get(p.key);
      if (l) for (const id of ids) l.push(id);
      else docsOf.set(p.key, ids);
    }
    const n = Math.max(1, this.catalog.size);
    const idf = new Map([...docsOf].map(([k, ids]) => [k, Math.log(1 + n / ids.length)]));
    const byDoc = new Map<string, ArticleHit>();
    for (const [key, ids] of docsOf) {
      const w = idf.get(key) ?? 0;
      for (const id of ids) {
        let h = byDoc.get(id);
        if (!h) byDoc.set(id, (h = { id, score: 0, matched: 0 }));
        h.score += w;
        h.matched++;
      }
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
    // coarse order on a numeric key (cheap for tens of thousands of hits); dates break ties in the head only
    for (const h of hits) h.rank = h.matched * 1000 + h.score;
    hits.sort((a, b) => b.rank! - a.rank!);
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
