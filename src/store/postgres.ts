/**
 * The PostgreSQL store (node-postgres Pool): the scale-out twin of SqliteStore behind the same
 * Store interface, plus full-text search (`searchArticles`, an optional extension) and the
 * raw `query` the work queue (src/queue) runs its SQL through.
 *
 * Transactions: `transaction(fn)` checks a client out of the pool and keeps it in an
 * AsyncLocalStorage, so every store call made inside `fn` (however deep) runs on that client,
 * inside that transaction; nested calls become savepoints. Calls outside a transaction use the
 * pool, so independent work (several queue workers in one process) runs in parallel.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Article, Story } from '../model.ts';
import { StoreError } from '../errors.ts';
import type { AddResult, ArticleFilter, Posting, Store, StoreStats, StoryFilter } from './store.ts';
import { LOCK_MIGRATE, PG_LATEST_VERSION, PG_MIGRATIONS } from './pg/migrations.ts';
import { articleSearchText, tsQuery } from './pg/search-text.ts';

import { rowToArticle, type Row } from './rows.ts';
type Queryable = pg.Pool | pg.PoolClient;

/** One hit of `searchArticles`. */
export interface SearchHit {
  article: Article;
  /** ts_rank of the stemmed query against the article's stemmed title and text */
  rank: number;
}

/**
 * Optional extension of the Store interface: stores that search article text themselves.
 * PostgresStore implements it; on SQLite the web server searches through postings.
 */
export interface SearchableStore extends Store {
  searchArticles(query: string, filter?: ArticleFilter): Promise<SearchHit[]>;
}

export function isSearchable(store: Store): store is SearchableStore {
  return typeof (store as Partial<SearchableStore>).searchArticles === 'function';
}

export interface PostgresOptions {
  /** refuse a database without the Marsad schema (read commands) */
  mustExist?: boolean;
  /** pool size (default 4; a worker with --concurrency N wants N + 1) */
  max?: number;
}

const ARTICLE_COLUMNS = 'id, input_id, url, source, origin, format, published_at, title, lang, raw, raw_kind, encoding, ingested_at';


/** PostgreSQL text cannot hold NUL; U+FFFD has the same UTF-16 length, so offsets survive. */
const noNul = (s: string | null): string | null => (s === null ? null : s.includes('\0') ? s.replace(/\0/g, '\uFFFD') : s);
/** JSONB rejects \u0000 escapes: the same replacement inside a JSON document */
export const jsonb = (v: unknown): string => {
  const s = JSON.stringify(v ?? null);
  return s.includes('\\u0000') ? s.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : s;
};

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** builds `$n` placeholders */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** the URL without its password, for messages and `location` */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
  }
}

function connectHint(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === '3D000') return 'create the database first (createdb NAME), or point --db at an existing one';
  if (code === '28P01' || code === '28000') return 'check the user and password in the URL';
  return 'is PostgreSQL running? check with `pg_isready`, start it with scripts/pg-up.sh';
}

interface TxContext {
  client: pg.PoolClient;
  depth: number;
}

export class PostgresStore implements SearchableStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly pool: pg.Pool;
  private readonly tx = new AsyncLocalStorage<TxContext>();
  private version = 0;
  private closed = false;

  private constructor(url: string, opts: PostgresOptions) {
    this.location = redactUrl(url);
    this.pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4, idleTimeoutMillis: 10_000 });
    // an idle client losing its connection must not crash the process; the next query reports it
    this.pool.on('error', () => undefined);
  }

  /** connects, checks or applies the schema, and returns the ready store */
  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const store = new PostgresStore(url, opts);
    try {
      await store.migrate(!!opts.mustExist);
    } catch (e) {
      await store.pool.end().catch(() => undefined);
      if (e instanceof StoreError) throw e;
      throw new StoreError(`cannot open the PostgreSQL database ${store.location}: ${(e as Error).message}`, { hint: connectHint(e), cause: e });
    }
    return store;
  }

  private async migrate(mustExist: boolean): Promise<void> {
    const client = await this.pool.connect();
    try {
      const has = await client.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS ok`);
      if (!has.rows[0].ok && mustExist)
        throw new StoreError(`${this.location} has no Marsad schema`, { hint: 'run `marsad ingest PATH --db URL` to create it' });
      // several workers may start at once: one migrates, the others wait and find nothing to do
      await client.query('SELECT pg_advisory_lock($1)', [LOCK_MIGRATE]);
      try {
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
        const current = Number((await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations')).rows[0].v);
        if (current > PG_LATEST_VERSION)
          throw new StoreError(`${this.location} has schema version ${current}, newer than this Marsad knows (${PG_LATEST_VERSION})`, { hint: 'upgrade marsad' });
        for (const m of PG_MIGRATIONS.filter((x) => x.version > current)) {
          await client.query('BEGIN');
          try {
            await client.query(m.sql);
            await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
            await client.query('COMMIT');
          } catch (e) {
            await client.query('ROLLBACK');
            throw new StoreError(`migration ${m.version} (${m.name}) failed on ${this.location}: ${(e as Error).message}`, { cause: e });
          }
        }
        this.version = Math.max(current, PG_LATEST_VERSION);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [LOCK_MIGRATE]);
      }
    } finally {
      client.release();
    }
  }

  schemaVersion(): number {
    return this.version;
  }

  /** Runs SQL on the current transaction's client, or on the pool outside a transaction. */
  async query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    const conn: Queryable = this.tx.getStore()?.client ?? this.pool;
    return conn.query<R>(sql, params);
  }

  /** true inside `transaction()` */
  inTransaction(): boolean {
    return !!this.tx.getStore();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  // ---------------------------------------------------------------- articles
  async addArticles(articles: Article[]): Promise<AddResult> {
    if (articles.length === 0) return { added: [], existing: [] };
    const cols: unknown[][] = Array.from({ length: 14 }, () => []);
    for (const a of articles) {
      const vals = [a.id, a.inputId, a.url, a.source, a.origin, a.format, a.publishedAt, a.title, a.lang, a.raw, a.rawKind, a.encoding, a.ingestedAt, articleSearchText(a)];
      vals.forEach((v, i) => cols[i].push(typeof v === 'string' ? noNul(v) : v));
    }
    // one statement: the batch is atomic by itself; ON CONFLICT skips only duplicate ids
    // (a NOT NULL violation still fails the whole batch); ORDINALITY keeps `seq` in input order
    const res = await this.query<{ id: string }>(
      `INSERT INTO articles (${ARTICLE_COLUMNS}, search_text)
       SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
            WITH ORDINALITY AS t(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, ord)
       ORDER BY ord
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      cols,
    );
    const inserted = new Set(res.rows.map((r) => r.id));
    const added: string[] = [];
    const existing: string[] = [];
    for (const a of articles) {
      if (inserted.delete(a.id)) added.push(a.id);
      else existing.push(a.id);
    }
    return { added, existing };
  }

  async hasArticles(ids: string[]): Promise<Set<string>> {
    const res = await this.query<{ id: string }>('SELECT id FROM articles WHERE id = ANY($1::text[])', [ids]);
    return new Set(res.rows.map((r) => r.id));
  }

  async getArticle(id: string): Promise<Article | null> {
    const res = await this.query(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`, [id]);
    return res.rows[0] ? rowToArticle(res.rows[0]) : null;
  }

  async getArticles(ids: string[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const res = await this.query(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ANY($1::text[])`, [ids]);
    const byId = new Map(res.rows.map((r) => [r.id as string, rowToArticle(r)]));
    return ids.map((id) => byId.get(id)).filter((a): a is Article => !!a);
  }

  private articleWhere(f: ArticleFilter, p: Params): string[] {
    const where: string[] = [];
    if (f.source !== undefined) where.push(`source = ${p.add(f.source)}`);
    if (f.since) where.push(`published_at >= ${p.add(f.since)}`);
    if (f.until) where.push(`published_at <= ${p.add(`${f.until}\uffff`)}`); // inclusive of the whole day
    // ILIKE: case-insensitive for Latin letters, as SQLite's LIKE
    if (f.text) where.push(`title ILIKE ${p.add(likeEscape(f.text))} ESCAPE '\\'`);
    return where;
  }

  async listArticles(filter: ArticleFilter = {}): Promise<Article[]> {
    const p = new Params();
    const where = this.articleWhere(filter, p);
    const res = await this.query(
      `SELECT ${ARTICLE_COLUMNS} FROM articles ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ${p.add(filter.limit ?? null)} OFFSET ${p.add(filter.offset ?? 0)}`,
      p.values,
    );
    return res.rows.map(rowToArticle);
  }

  /** pages by `seq` (no cursor held open), so callers may write between items */
  async *iterateArticles(filter: ArticleFilter = {}): AsyncIterable<Article> {
    const page = 200;
    let after = 0;
    let skip = filter.offset ?? 0;
    let left = filter.limit ?? Infinity;
    while (left > 0) {
      const p = new Params();
      const where = this.articleWhere(filter, p);
      where.push(`seq > ${p.add(after)}`);
      const res = await this.query(`SELECT seq, ${ARTICLE_COLUMNS} FROM articles WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${p.add(page)}`, p.values);
      if (res.rows.length === 0) return;
      after = Number(res.rows[res.rows.length - 1].seq);
      for (const r of res.rows) {
        if (skip > 0) {
          skip--;
          continue;
        }
        if (left-- <= 0) return;
        yield rowToArticle(r);
      }
    }
  }

  async countArticles(): Promise<number> {
    return Number((await this.query('SELECT COUNT(*)::int AS n FROM articles')).rows[0].n);
  }

  async deleteArticle(id: string): Promise<boolean> {
    return this.transaction(async () => {
      await this.query('DELETE FROM analyses WHERE article_id = $1', [id]);
      await this.query('DELETE FROM postings WHERE ref = $1', [id]);
      return ((await this.query('DELETE FROM articles WHERE id = $1', [id])).rowCount ?? 0) > 0;
    });
  }

  // ---------------------------------------------------------------- search (optional extension)
  /**
   * Articles whose title/text contain every word of `query` (compared as light stems of the
   * normalised words), best ts_rank first. Filters: source, since, until, limit (default 50), offset.
   */
  async searchArticles(query: string, filter: ArticleFilter = {}): Promise<SearchHit[]> {
    const q = tsQuery(query);
    if (!q) return [];
    const p = new Params();
    const where = this.articleWhere({ ...filter, text: undefined }, p);
    const tsq = p.add(q);
    where.push(`search_tsv @@ to_tsquery('simple', ${tsq})`);
    const res = await this.query(
      `SELECT ${ARTICLE_COLUMNS}, ts_rank(search_tsv, to_tsquery('simple', ${tsq})) AS rank FROM articles WHERE ${where.join(' AND ')}
       ORDER BY rank DESC, seq LIMIT ${p.add(filter.limit ?? 50)} OFFSET ${p.add(filter.offset ?? 0)}`,
      p.values,
    );
    return res.rows.map((r) => ({ article: rowToArticle(r), rank: Number(r.rank) }));
  }

  // ---------------------------------------------------------------- analyses
  async putAnalyses(stage: string, items: { articleId: string; data: unknown }[]): Promise<void> {
    if (items.length === 0) return;
    // the last record wins when an id repeats in one call (as INSERT OR REPLACE does on SQLite)
    const last = new Map(items.map((it) => [it.articleId, it.data]));
    await this.query(
      `INSERT INTO analyses (stage, article_id, data, updated_at)
       SELECT $1, a, d::jsonb, now() FROM unnest($2::text[], $3::text[]) AS t(a, d)
       ON CONFLICT (stage, article_id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
      [stage, [...last.keys()], [...last.values()].map(jsonb)],
    );
  }

  async getAnalysis<T>(stage: string, articleId: string): Promise<T | null> {
    const res = await this.query('SELECT data FROM analyses WHERE stage = $1 AND article_id = $2', [stage, articleId]);
    return res.rows[0] ? (res.rows[0].data as T) : null;
  }

  async getAnalyses<T>(stage: string, articleIds: string[]): Promise<Map<string, T>> {
    const res = await this.query('SELECT article_id, data FROM analyses WHERE stage = $1 AND article_id = ANY($2::text[])', [stage, articleIds]);
    const out = new Map<string, T>();
    // in the order asked for (the SQLite store returns rows in key order; callers should not rely on either)
    const byId = new Map(res.rows.map((r) => [r.article_id as string, r.data as T]));
    for (const id of articleIds) if (byId.has(id)) out.set(id, byId.get(id) as T);
    return out;
  }

  async articlesWithoutAnalysis(stage: string, limit?: number): Promise<string[]> {
    const res = await this.query(
      'SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM analyses x WHERE x.stage = $1 AND x.article_id = a.id) ORDER BY a.seq LIMIT $2',
      [stage, limit ?? null],
    );
    return res.rows.map((r) => r.id as string);
  }

  // ---------------------------------------------------------------- postings
  async addPostings(index: string, postings: Posting[]): Promise<void> {
    if (postings.length === 0) return;
    await this.query(
      'INSERT INTO postings (idx, key, ref) SELECT $1, k, r FROM unnest($2::text[], $3::text[]) AS t(k, r) ON CONFLICT DO NOTHING',
      [index, postings.map((p) => noNul(p.key)), postings.map((p) => noNul(p.ref))],
    );
  }

  async lookupPostings(index: string, keys: string[]): Promise<Posting[]> {
    if (keys.length === 0) return [];
    const res = await this.query<{ key: string; ref: string }>('SELECT key, ref FROM postings WHERE idx = $1 AND key = ANY($2::text[])', [index, [...new Set(keys)]]);
    return res.rows.map((r) => ({ key: r.key, ref: r.ref }));
  }

  async removePostings(index: string, ref: string): Promise<void> {
    await this.query('DELETE FROM postings WHERE ref = $1 AND idx = $2', [ref, index]);
  }

  // ---------------------------------------------------------------- stories
  async putStories(stories: Story[]): Promise<void> {
    if (stories.length === 0) return;
    const last = new Map(stories.map((s) => [s.id, s]));
    const ss = [...last.values()];
    await this.query(
      `INSERT INTO stories (id, title, headline, date_start, date_end, article_count, sources, data, updated_at)
       SELECT id, t, h, ds, de, n, src::jsonb, d::jsonb, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[]) AS x(id, t, h, ds, de, n, src, d)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, headline = EXCLUDED.headline, date_start = EXCLUDED.date_start,
         date_end = EXCLUDED.date_end, article_count = EXCLUDED.article_count, sources = EXCLUDED.sources, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
      [
        ss.map((s) => s.id),
        ss.map((s) => noNul(s.title)),
        ss.map((s) => noNul(s.headline)),
        ss.map((s) => s.dateStart),
        ss.map((s) => s.dateEnd),
        ss.map((s) => s.articleIds.length),
        ss.map((s) => jsonb(s.sources)),
        ss.map((s) => jsonb(s)),
      ],
    );
  }

  async getStory(id: string): Promise<Story | null> {
    const res = await this.query('SELECT data FROM stories WHERE id = $1', [id]);
    return res.rows[0] ? (res.rows[0].data as Story) : null;
  }

  async listStories(f: StoryFilter = {}): Promise<Story[]> {
    const p = new Params();
    const where: string[] = [];
    if (f.since) where.push(`(date_end IS NULL OR date_end >= ${p.add(f.since)})`);
    if (f.until) where.push(`(date_start IS NULL OR date_start <= ${p.add(`${f.until}\uffff`)})`);
    if (f.source !== undefined) where.push(`sources @> ${p.add(jsonb([f.source]))}::jsonb`);
    if (f.text) {
      const t = p.add(likeEscape(f.text));
      where.push(`(title ILIKE ${t} ESCAPE '\\' OR headline ILIKE ${t} ESCAPE '\\')`);
    }
    const order = f.order === 'biggest' ? 'article_count DESC, date_end DESC NULLS LAST, id' : 'date_end DESC NULLS LAST, article_count DESC, id';
    const res = await this.query(
      `SELECT data FROM stories ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${p.add(f.limit ?? null)} OFFSET ${p.add(f.offset ?? 0)}`,
      p.values,
    );
    return res.rows.map((r) => r.data as Story);
  }

  async deleteStories(ids: string[]): Promise<void> {
    if (ids.length) await this.query('DELETE FROM stories WHERE id = ANY($1::text[])', [ids]);
  }

  async countStories(): Promise<number> {
    return Number((await this.query('SELECT COUNT(*)::int AS n FROM stories')).rows[0].n);
  }

  // ---------------------------------------------------------------- state
  async getState<T>(key: string): Promise<T | null> {
    const res = await this.query('SELECT value FROM state WHERE key = $1', [key]);
    return res.rows[0] ? (res.rows[0].value as T) : null;
  }

  async setState(key: string, value: unknown): Promise<void> {
    await this.query(
      'INSERT INTO state (key, value, updated_at) VALUES ($1, $2::jsonb, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at',
      [key, jsonb(value)],
    );
  }

  // ---------------------------------------------------------------- stats
  async stats(): Promise<StoreStats> {
    const rows = async <T>(sql: string) => (await this.query(sql)).rows as T[];
    const range = (await rows<{ first: string | null; last: string | null }>('SELECT MIN(published_at) AS first, MAX(published_at) AS last FROM articles'))[0];
    return {
      articles: await this.countArticles(),
      stories: await this.countStories(),
      bySource: await rows<{ source: string | null; count: number }>('SELECT source, COUNT(*)::int AS count FROM articles GROUP BY source ORDER BY count DESC, source COLLATE "C" NULLS FIRST'),
      byFormat: await rows<{ format: string; count: number }>('SELECT format, COUNT(*)::int AS count FROM articles GROUP BY format ORDER BY count DESC'),
      analyses: await rows<{ stage: string; count: number }>('SELECT stage, COUNT(*)::int AS count FROM analyses GROUP BY stage ORDER BY stage COLLATE "C"'),
      postings: await rows<{ index: string; count: number }>('SELECT idx AS "index", COUNT(*)::int AS count FROM postings GROUP BY idx ORDER BY idx COLLATE "C"'),
      publishedFrom: range.first,
      publishedTo: range.last,
      schemaVersion: this.version,
    };
  }

  // ---------------------------------------------------------------- transactions
  /**
   * BEGIN … COMMIT on a dedicated client that every store call inside `fn` uses (through
   * AsyncLocalStorage). Nested calls become savepoints. Calls inside one transaction must not
   * run concurrently with each other (one client runs one query at a time, and savepoints nest).
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const ctx = this.tx.getStore();
    if (ctx) {
      const sp = `sp${ctx.depth++}`;
      await ctx.client.query(`SAVEPOINT ${sp}`);
      try {
        const r = await fn();
        await ctx.client.query(`RELEASE SAVEPOINT ${sp}`);
        return r;
      } catch (e) {
        await ctx.client.query(`ROLLBACK TO SAVEPOINT ${sp}; RELEASE SAVEPOINT ${sp}`);
        throw e;
      } finally {
        ctx.depth--;
      }
    }
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const r = await this.tx.run({ client, depth: 0 }, fn);
      await client.query('COMMIT');
      return r;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // connection lost: do not return it to the pool
      }
      throw e;
    } finally {
      client.release(broken);
    }
  }
}
