/**
 * Versioned schema migrations for SQLite. Append only: never edit a released step, add one.
 * Each step runs in its own transaction together with its row in `migrations`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'articles, analyses, postings, stories, state',
    sql: `
      CREATE TABLE articles (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT, -- ingest order
        id           TEXT NOT NULL UNIQUE,
        input_id     TEXT,
        url          TEXT,
        source       TEXT,
        origin       TEXT NOT NULL,
        format       TEXT NOT NULL,
        published_at TEXT,
        title        TEXT,
        lang         TEXT,
        raw          TEXT NOT NULL,
        raw_kind     TEXT NOT NULL CHECK (raw_kind IN ('text', 'html')),
        encoding     TEXT NOT NULL,
        ingested_at  TEXT NOT NULL
      );
      CREATE INDEX articles_source ON articles(source);
      CREATE INDEX articles_published ON articles(published_at);

      CREATE TABLE analyses (
        stage      TEXT NOT NULL,
        article_id TEXT NOT NULL,
        data       TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (stage, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX analyses_article ON analyses(article_id);

      CREATE TABLE postings (
        idx TEXT NOT NULL,
        key TEXT NOT NULL,
        ref TEXT NOT NULL,
        PRIMARY KEY (idx, key, ref)
      ) WITHOUT ROWID;
      CREATE INDEX postings_ref ON postings(ref, idx);

      CREATE TABLE stories (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        headline      TEXT NOT NULL,
        date_start    TEXT,
        date_end      TEXT,
        article_count INTEGER NOT NULL,
        sources       TEXT NOT NULL, -- JSON array, for the source filter
        data          TEXT NOT NULL, -- the whole Story as JSON
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX stories_date_end ON stories(date_end);
      CREATE INDEX stories_count ON stories(article_count);

      CREATE TABLE state (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
