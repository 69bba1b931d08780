/**
 * The one storage interface. SQLite (default, embedded) and PostgreSQL (scale-out) both
 * implement it; nothing above this file knows which database it talks to.
 *
 * Design: articles and stories are first-class tables; everything a stage derives for an
 * article is kept as a JSON document per (stage, article) — `putAnalysis`/`getAnalysis` —
 * so stages can evolve their records without migrations. Incremental indexes (reuse LSH
 * bands, the story inverted index) use generic postings: (index, key) → ref.
 */
import type { Article, Story } from '../model.ts';

export interface ArticleFilter {
  source?: string;
  /** ISO date (inclusive) on published_at */
  since?: string;
  /** ISO date (inclusive) on published_at */
  until?: string;
  /** substring of title (case-/diacritic-insensitive matching is the search stage's job) */
  text?: string;
  limit?: number;
  offset?: number;
}

export interface StoryFilter {
  since?: string;
  until?: string;
  source?: string;
  text?: string;
  limit?: number;
  offset?: number;
  /** 'newest' (by date_end) or 'biggest' (by article count) */
  order?: 'newest' | 'biggest';
}

export interface Posting {
  key: string;
  ref: string;
}

export interface AddResult {
  /** ids stored by this call */
  added: string[];
  /** ids that were already in the store (nothing written for them) */
  existing: string[];
}

/** Counts for `marsad stats` (added to the interface by the ingest/store work). */
export interface StoreStats {
  articles: number;
  stories: number;
  bySource: { source: string | null; count: number }[];
  byFormat: { format: string; count: number }[];
  analyses: { stage: string; count: number }[];
  postings: { index: string; count: number }[];
  publishedFrom: string | null;
  publishedTo: string | null;
  schemaVersion: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** human-readable location (file path or URL without password) */
  readonly location: string;
  close(): Promise<void>;

  // ---------------------------------------------------------------- articles
  /** Store a batch atomically: either every new article of the batch is written, or none. */
  addArticles(articles: Article[]): Promise<AddResult>;
  hasArticles(ids: string[]): Promise<Set<string>>;
  getArticle(id: string): Promise<Article | null>;
  getArticles(ids: string[]): Promise<Article[]>;
  listArticles(filter?: ArticleFilter): Promise<Article[]>;
  /** Streams articles in ingest order without loading them all. */
  iterateArticles(filter?: ArticleFilter): AsyncIterable<Article>;
  countArticles(): Promise<number>;
  /** Removes the article, its analyses and its postings in every index. */
  deleteArticle(id: string): Promise<boolean>;

  // ---------------------------------------------------------------- per-stage derived records
  putAnalyses(stage: string, items: { articleId: string; data: unknown }[]): Promise<void>;
  getAnalysis<T>(stage: string, articleId: string): Promise<T | null>;
  getAnalyses<T>(stage: string, articleIds: string[]): Promise<Map<string, T>>;
  /** ids of articles that have no record for `stage` yet (what a stage still has to do) */
  articlesWithoutAnalysis(stage: string, limit?: number): Promise<string[]>;

  // ---------------------------------------------------------------- incremental indexes
  addPostings(index: string, postings: Posting[]): Promise<void>;
  lookupPostings(index: string, keys: string[]): Promise<Posting[]>;
  /** removes every posting of `ref` in `index` */
  removePostings(index: string, ref: string): Promise<void>;

  // ---------------------------------------------------------------- stories
  putStories(stories: Story[]): Promise<void>;
  getStory(id: string): Promise<Story | null>;
  listStories(filter?: StoryFilter): Promise<Story[]>;
  deleteStories(ids: string[]): Promise<void>;
  countStories(): Promise<number>;

  // ---------------------------------------------------------------- small named state (model snapshots, counters)
  getState<T>(key: string): Promise<T | null>;
  setState(key: string, value: unknown): Promise<void>;

  // ---------------------------------------------------------------- overview
  stats(): Promise<StoreStats>;

  /** Runs `fn` in one transaction: all its writes land, or none. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}
