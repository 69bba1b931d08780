import type { IngestedArticle, IngestFailure, IngestReport } from '../model.ts';

/** What a format reader yields: an article or a named failure; readers never throw for bad input. */
export type IngestItem = { article: IngestedArticle; failure?: undefined } | { failure: IngestFailure; article?: undefined };

export const fail = (where: string, reason: string): IngestItem => ({ failure: { where, reason } });

/** What ingest returns: the shared report plus files skipped for their type (not failures). */
export interface IngestRunReport extends IngestReport {
  skipped: string[];
}

export interface ReadOptions {
  /** bytes; whole-document files above it are refused, and so are single JSONL lines / WARC records */
  maxFileSize: number;
}

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** Raw text as stored: no BOM, LF line endings (offsets of every later stage index this string). */
export function storedRaw(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
