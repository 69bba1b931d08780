/**
 * Versioned schema migrations for PostgreSQL (append only, like src/store/migrations.ts for
 * SQLite). Each step runs in one transaction with its row in `schema_migrations`, under an
 * advisory lock so that several workers starting at once migrate exactly once.
 *
 * Differences from the SQLite schema, on purpose:
 * - analyses/state/stories keep JSONB (queryable, compact) instead of JSON text;
 * - date-like text columns use COLLATE "C" so `published_at <= '2023-09-14\uffff'` compares
 *   code points as SQLite does (a locale collation may ignore U+FFFF);
 * - articles carry `search_text` (normalised + stemmed words) and a GIN tsvector over it with
 *   the 'simple' config: Arabic full-text search without a PostgreSQL Arabic dictionary;
 * - the work queue (`jobs`) and the story sequencer's cursor (`queue_cursor`) live here too.
 */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: PgMigration[] = [
  {
    version: 1,
    name: 'articles (with search), analyses, postings, stories, state',
    sql: `
      CREATE TABLE articles (
        seq          BIGSERIAL PRIMARY KEY, -- ingest order
        id           TEXT NOT NULL UNIQUE,
        input_id     TEXT,
        url          TEXT,
        source       TEXT,
        origin       TEXT NOT NULL,
        format       TEXT NOT NULL,
        published_at TEXT COLLATE "C",
        title        TEXT,
        lang         TEXT,
        raw          TEXT NOT NULL,
        raw_kind     TEXT NOT NULL CHECK (raw_kind IN ('text', 'html')),
        encoding     TEXT NOT NULL,
        ingested_at  TEXT NOT NULL,
        search_text  TEXT NOT NULL DEFAULT '',
        search_tsv   TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED
      );
      CREATE INDEX articles_source ON articles(source);
      CREATE INDEX articles_published ON articles(published_at);
      CREATE INDEX articles_search ON articles USING GIN (search_tsv);

      CREATE TABLE analyses (
        stage      TEXT NOT NULL,
        article_id TEXT NOT NULL,
        data       JSONB NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (stage, article_id)
      );
      CREATE INDEX analyses_article ON analyses(article_id);

      CREATE TABLE postings (
        idx TEXT NOT NULL,
        key TEXT NOT NULL,
        ref TEXT NOT NULL,
        PRIMARY KEY (idx, key, ref)
      );
      CREATE INDEX postings_ref ON postings(ref, idx);

      CREATE TABLE stories (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        headline      TEXT NOT NULL,
        date_start    TEXT COLLATE "C",
        date_end      TEXT COLLATE "C",
        article_count INTEGER NOT NULL,
        sources       JSONB NOT NULL,
        data          JSONB NOT NULL,
        updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX stories_date_end ON stories(date_end);
      CREATE INDEX stories_count ON stories(article_count);
      CREATE INDEX stories_sources ON stories USING GIN (sources);

      CREATE TABLE state (
        key        TEXT PRIMARY KEY,
        value      JSONB NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'work queue (jobs) and story sequencer cursor',
    sql: `
      CREATE TABLE jobs (
        id          BIGSERIAL PRIMARY KEY, -- enqueue order = the order stories are assigned in
        article_id  TEXT NOT NULL UNIQUE,
        state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'parked')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        run_after   TIMESTAMPTZ NOT NULL DEFAULT now(),
        locked_by   TEXT,
        locked_at   TIMESTAMPTZ,
        last_error  TEXT,
        enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        done_at     TIMESTAMPTZ
      );
      -- what claim() scans: unfinished work in id order (done/parked rows drop out of the index)
      CREATE INDEX jobs_pending ON jobs (id) WHERE state IN ('queued', 'failed', 'running');

      CREATE TABLE queue_cursor (
        name    TEXT PRIMARY KEY,
        job_id  BIGINT NOT NULL DEFAULT 0
      );
      INSERT INTO queue_cursor (name, job_id) VALUES ('stories', 0);
    `,
  },
];

export const PG_LATEST_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;

/** advisory lock keys: defined with the lock helper (src/store/lock.ts) */
export { LOCK_MIGRATE, LOCK_STORIES, LOCK_MODELS, LOCK_STORY_LEADER } from '../lock.ts';
