/**
 * The SQLite store (better-sqlite3): one file, WAL journal, every write in a transaction.
 * better-sqlite3 is synchronous; the async Store methods wrap it so the PostgreSQL store can
 * share the interface. Nested writes inside `transaction()` become savepoints.
 */
import Database from 'better-sqlite3';
import type { Article, Story } from '../model.ts';
import { StoreError } from '../errors.ts';
import type { AddResult, ArticleFilter, Posting, Store, StoreStats, StoryFilter } from './store.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations.ts';

import { rowToArticle, type Row } from './rows.ts';

const ARTICLE_COLUMNS = 'id, input_id, url, source, origin, format, published_at, title, lang, raw, raw_kind, encoding, ingested_at';
/** SQLite's default limit on bound parameters is 32766; keep IN lists well below */
const CHUNK = 500;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}


const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface SqliteOptions {
  /** open an existing database only (read commands) */
  mustExist?: boolean;
  readonly?: boolean;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly db: Database.Database;
  private txDepth = 0;

  constructor(path: string, opts: SqliteOptions = {}) {
    this.location = path;
    try {
      this.db = new Database(path, { fileMustExist: !!opts.mustExist, readonly: !!opts.readonly });
    } catch (e) {
      const msg = (e as Error).message;
      if (opts.mustExist && /unable to open|does not exist|no such file/i.test(msg))
        throw new StoreError(`no database at ${path}`, { hint: 'run `marsad ingest PATH` first, or pass --db PATH to pick another database', cause: e });
      throw new StoreError(`cannot open the SQLite database ${path}: ${msg}`, { hint: 'check that the folder exists and is writable', cause: e });
    }
    try {
      if (!opts.readonly) this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL'); // with WAL: durable across process crashes (kill -9), not power loss
      this.db.pragma('busy_timeout = 10000');
      this.db.pragma('foreign_keys = ON');
      this.migrate(!!opts.readonly);
    } catch (e) {
      this.db.close();
      if (e instanceof StoreError) throw e;
      const msg = (e as Error).message;
      if (/file is not a database|malformed/i.test(msg))
        throw new StoreError(`${path} is not a Marsad SQLite database (${msg})`, { hint: 'pass --db with another path; Marsad creates a new database when the file does not exist', cause: e });
      throw new StoreError(`cannot prepare the database ${path}: ${msg}`, { cause: e });
    }
  }

  private migrate(readonly: boolean): void {
    const hasTable = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get();
    if (!hasTable) {
      if (readonly) throw new StoreError(`${this.location} has no Marsad schema`, { hint: 'run `marsad ingest PATH` to create it' });
      this.db.exec(`CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    }
    const current = (this.db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null }).v ?? 0;
    if (current > LATEST_VERSION)
      throw new StoreError(`${this.location} has schema version ${current}, newer than this Marsad knows (${LATEST_VERSION})`, { hint: 'upgrade marsad' });
    const pending = MIGRATIONS.filter((m) => m.version > current);
    if (pending.length && readonly) throw new StoreError(`${this.location} needs a schema upgrade`, { hint: 'run a write command (e.g. `marsad ingest`) once to migrate it' });
    for (const m of pending) {
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      }).immediate();
    }
  }

  /** schema version (for stats/tests) */
  schemaVersion(): number {
    return (this.db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number }).v;
  }

  /** a write: its own IMMEDIATE transaction, or a savepoint inside `transaction()` */
  private write<T>(fn: () => T): T {
    const tx = this.db.transaction(fn);
    return this.db.inTransaction ? tx() : tx.immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ---------------------------------------------------------------- articles
  async addArticles(articles: Article[]): Promise<AddResult> {
    const insert = this.db.prepare(
      // ON CONFLICT (not OR IGNORE): only a duplicate id is skipped; a NOT NULL violation still fails the batch
      `INSERT INTO articles (${ARTICLE_COLUMNS}) VALUES (@id, @inputId, @url, @source, @origin, @format, @publishedAt, @title, @lang, @raw, @rawKind, @encoding, @ingestedAt) ON CONFLICT (id) DO NOTHING`,
    );
    return this.write(() => {
      const added: string[] = [];
      const existing: string[] = [];
      for (const a of articles) {
        const info = insert.run({
          id: a.id,
          inputId: a.inputId,
          url: a.url,
          source: a.source,
          origin: a.origin,
          format: a.format,
          publishedAt: a.publishedAt,
          title: a.title,
          lang: a.lang,
          raw: a.raw,
          rawKind: a.rawKind,
          encoding: a.encoding,
          ingestedAt: a.ingestedAt,
        });
        (info.changes === 1 ? added : existing).push(a.id);
      }
      return { added, existing };
    });
  }

  async hasArticles(ids: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks(ids)) {
      const rows = this.db.prepare(`SELECT id FROM articles WHERE id IN (${part.map(() => '?').join(',')})`).all(...part) as Row[];
      for (const r of rows) out.add(r.id as string);
    }
    return out;
  }

  async getArticle(id: string): Promise<Article | null> {
    const r = this.db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`).get(id) as Row | undefined;
    return r ? rowToArticle(r) : null;
  }

  async getArticles(ids: string[]): Promise<Article[]> {
    const byId = new Map<string, Article>();
    for (const part of chunks(ids)) {
      const rows = this.db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id IN (${part.map(() => '?').join(',')})`).all(...part) as Row[];
      for (const r of rows) byId.set(r.id as string, rowToArticle(r));
    }
    // in the order asked for, missing ids left out
    return ids.map((id) => byId.get(id)).filter((a): a is Article => !!a);
  }

  private articleWhere(f: ArticleFilter): { sql: string; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.source !== undefined) {
      where.push('source = ?');
      params.push(f.source);
    }
    if (f.since) {
      where.push('published_at >= ?');
      params.push(f.since);
    }
    if (f.until) {
      where.push('published_at <= ?');
      params.push(`${f.until}\uffff`); // inclusive of any time on that day
    }
    if (f.text) {
      where.push(`title LIKE ? ESCAPE '\\'`);
      params.push(likeEscape(f.text));
    }
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  async listArticles(filter: ArticleFilter = {}): Promise<Article[]> {
    const { sql, params } = this.articleWhere(filter);
    const rows = this.db
      .prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles ${sql} ORDER BY seq LIMIT ? OFFSET ?`)
      .all(...params, filter.limit ?? -1, filter.offset ?? 0) as Row[];
    return rows.map(rowToArticle);
  }

  /** pages by `seq` so callers may write (analyses…) between pages: no open cursor is held */
  async *iterateArticles(filter: ArticleFilter = {}): AsyncIterable<Article> {
    const { sql, params } = this.articleWhere(filter);
    const page = 200;
    let after = 0;
    let skip = filter.offset ?? 0;
    let left = filter.limit ?? Infinity;
    const stmt = this.db.prepare(`SELECT seq, ${ARTICLE_COLUMNS} FROM articles ${sql ? `${sql} AND` : 'WHERE'} seq > ? ORDER BY seq LIMIT ?`);
    while (left > 0) {
      const rows = stmt.all(...params, after, page) as Row[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1].seq as number;
      for (const r of rows) {
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
    return (this.db.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
  }

  async deleteArticle(id: string): Promise<boolean> {
    return this.write(() => {
      this.db.prepare('DELETE FROM analyses WHERE article_id = ?').run(id);
      this.db.prepare('DELETE FROM postings WHERE ref = ?').run(id);
      return this.db.prepare('DELETE FROM articles WHERE id = ?').run(id).changes > 0;
    });
  }

  // ---------------------------------------------------------------- analyses
  async putAnalyses(stage: string, items: { articleId: string; data: unknown }[]): Promise<void> {
    const put = this.db.prepare('INSERT OR REPLACE INTO analyses (stage, article_id, data, updated_at) VALUES (?, ?, ?, ?)');
    const now = new Date().toISOString();
    this.write(() => {
      for (const it of items) put.run(stage, it.articleId, JSON.stringify(it.data ?? null), now);
    });
  }

  async getAnalysis<T>(stage: string, articleId: string): Promise<T | null> {
    const r = this.db.prepare('SELECT data FROM analyses WHERE stage = ? AND article_id = ?').get(stage, articleId) as Row | undefined;
    return r ? (JSON.parse(r.data as string) as T) : null;
  }

  async getAnalyses<T>(stage: string, articleIds: string[]): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    for (const part of chunks(articleIds)) {
      const rows = this.db
        .prepare(`SELECT article_id, data FROM analyses WHERE stage = ? AND article_id IN (${part.map(() => '?').join(',')})`)
        .all(stage, ...part) as Row[];
      for (const r of rows) out.set(r.article_id as string, JSON.parse(r.data as string) as T);
    }
    return out;
  }

  async articlesWithoutAnalysis(stage: string, limit?: number): Promise<string[]> {
    const rows = this.db
      .prepare('SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM analyses x WHERE x.stage = ? AND x.article_id = a.id) ORDER BY a.seq LIMIT ?')
      .all(stage, limit ?? -1) as Row[];
    return rows.map((r) => r.id as string);
  }

  // ---------------------------------------------------------------- postings
  async addPostings(index: string, postings: Posting[]): Promise<void> {
    const add = this.db.prepare('INSERT INTO postings (idx, key, ref) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.write(() => {
      for (const p of postings) add.run(index, p.key, p.ref);
    });
  }

  async lookupPostings(index: string, keys: string[]): Promise<Posting[]> {
    const out: Posting[] = [];
    for (const part of chunks([...new Set(keys)])) {
      const rows = this.db
        .prepare(`SELECT key, ref FROM postings WHERE idx = ? AND key IN (${part.map(() => '?').join(',')})`)
        .all(index, ...part) as Posting[];
      out.push(...rows);
    }
    return out;
  }

  async removePostings(index: string, ref: string): Promise<void> {
    this.write(() => this.db.prepare('DELETE FROM postings WHERE ref = ? AND idx = ?').run(ref, index));
  }

  // ---------------------------------------------------------------- stories
  async putStories(stories: Story[]): Promise<void> {
    const put = this.db.prepare(
      `INSERT OR REPLACE INTO stories (id, title, headline, date_start, date_end, article_count, sources, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = new Date().toISOString();
    this.write(() => {
      for (const s of stories) put.run(s.id, s.title, s.headline, s.dateStart, s.dateEnd, s.articleIds.length, JSON.stringify(s.sources), JSON.stringify(s), now);
    });
  }

  async getStory(id: string): Promise<Story | null> {
    const r = this.db.prepare('SELECT data FROM stories WHERE id = ?').get(id) as Row | undefined;
    return r ? (JSON.parse(r.data as string) as Story) : null;
  }

  async listStories(f: StoryFilter = {}): Promise<Story[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.since) {
      where.push('(date_end IS NULL OR date_end >= ?)');
      params.push(f.since);
    }
    if (f.until) {
      where.push('(date_start IS NULL OR date_start <= ?)');
      params.push(`${f.until}\uffff`);
    }
    if (f.source !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(stories.sources) WHERE value = ?)');
      params.push(f.source);
    }
    if (f.text) {
      where.push(`(title LIKE ? ESCAPE '\\' OR headline LIKE ? ESCAPE '\\')`);
      params.push(likeEscape(f.text), likeEscape(f.text));
    }
    const order = f.order === 'biggest' ? 'article_count DESC, date_end DESC, id' : 'date_end IS NULL, date_end DESC, article_count DESC, id';
    const rows = this.db
      .prepare(`SELECT data FROM stories ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, f.limit ?? -1, f.offset ?? 0) as Row[];
    return rows.map((r) => JSON.parse(r.data as string) as Story);
  }

  async deleteStories(ids: string[]): Promise<void> {
    this.write(() => {
      for (const part of chunks(ids)) this.db.prepare(`DELETE FROM stories WHERE id IN (${part.map(() => '?').join(',')})`).run(...part);
    });
  }

  async countStories(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM stories').get() as { n: number }).n;
  }

  // ---------------------------------------------------------------- state
  async getState<T>(key: string): Promise<T | null> {
    const r = this.db.prepare('SELECT value FROM state WHERE key = ?').get(key) as Row | undefined;
    return r ? (JSON.parse(r.value as string) as T) : null;
  }

  async setState(key: string, value: unknown): Promise<void> {
    this.write(() =>
      this.db.prepare('INSERT OR REPLACE INTO state (key, value, updated_at) VALUES (?, ?, ?)').run(key, JSON.stringify(value ?? null), new Date().toISOString()),
    );
  }

  // ---------------------------------------------------------------- stats
  async stats(): Promise<StoreStats> {
    const one = <T>(sql: string) => this.db.prepare(sql).get() as T;
    const all = <T>(sql: string) => this.db.prepare(sql).all() as T[];
    const range = one<{ first: string | null; last: string | null }>('SELECT MIN(published_at) AS first, MAX(published_at) AS last FROM articles');
    return {
      articles: await this.countArticles(),
      stories: await this.countStories(),
      bySource: all<{ source: string | null; count: number }>('SELECT source, COUNT(*) AS count FROM articles GROUP BY source ORDER BY count DESC, source'),
      byFormat: all<{ format: string; count: number }>('SELECT format, COUNT(*) AS count FROM articles GROUP BY format ORDER BY count DESC'),
      analyses: all<{ stage: string; count: number }>('SELECT stage, COUNT(*) AS count FROM analyses GROUP BY stage ORDER BY stage'),
      postings: all<{ index: string; count: number }>('SELECT idx AS "index", COUNT(*) AS count FROM postings GROUP BY idx ORDER BY idx'),
      publishedFrom: range.first,
      publishedTo: range.last,
      schemaVersion: this.schemaVersion(),
    };
  }

  // ---------------------------------------------------------------- transactions
  /**
   * BEGIN IMMEDIATE … COMMIT around an async function. The connection is shared, so callers
   * must not run unrelated store work concurrently while it is open (Marsad's pipeline is
   * sequential). Nested calls become savepoints.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${this.txDepth}`;
    const outer = this.txDepth === 0 && !this.db.inTransaction;
    this.db.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${name}`);
    this.txDepth++;
    try {
      const result = await fn();
      this.txDepth--;
      this.db.exec(outer ? 'COMMIT' : `RELEASE ${name}`);
      return result;
    } catch (e) {
      this.txDepth--;
      if (this.db.inTransaction) this.db.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${name}; RELEASE ${name}`);
      throw e;
    }
  }

  /** for tests and `stats`: PRAGMA integrity_check */
  integrityCheck(): string {
    return (this.db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
  }
}
