/**
 * POST /api/articles: a JSON object, a JSON array of objects, or JSON Lines — the fields of
 * the JSON Lines ingest format (id?, url?, source?, published_at?, title?, lang?, text|html).
 * Records go through the ingest module's own JSON Lines reader, so validation, defaults and
 * the article id scheme are exactly those of `marsad ingest file.jsonl`.
 */
import { Readable } from 'node:stream';
import type { Article, IngestFailure } from '../model.ts';
import type { Store } from '../store/store.ts';
import { readJsonl } from '../ingest/formats/jsonl.ts';
import { articleId } from '../ingest/identity.ts';
import { ApiError } from './errors.ts';

export const MAX_RECORDS = 5000;

/** one JSON value or JSON Lines → JSON Lines text (one record per line) */
export function toJsonLines(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) throw new ApiError(400, 'empty_body', 'the request body is empty', 'send a JSON object, a JSON array or JSON Lines');
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw new ApiError(400, 'invalid_json', `the body is not valid JSON: ${(e as Error).message}`, 'send a JSON array of article objects');
    }
    if (!Array.isArray(value)) throw new ApiError(400, 'invalid_json', 'expected a JSON array', 'send a JSON array of article objects');
    return value.map((v) => JSON.stringify(v)).join('\n');
  }
  if (trimmed.startsWith('{')) {
    // a single (maybe pretty-printed) object, or JSON Lines
    try {
      return JSON.stringify(JSON.parse(trimmed));
    } catch {
      return trimmed;
    }
  }
  throw new ApiError(400, 'invalid_json', 'the body must be a JSON object, a JSON array or JSON Lines', 'each article is an object like {"source": "…", "title": "…", "text": "…"}');
}

export interface IngestResult {
  added: string[];
  existing: string[];
  failed: IngestFailure[];
  articles: Article[];
}

export async function ingestBody(store: Store, body: string, origin: string, now = new Date()): Promise<IngestResult> {
  const lines = toJsonLines(body);
  const count = lines.split('\n').filter((l) => l.trim()).length;
  if (count > MAX_RECORDS)
    throw new ApiError(413, 'too_many_records', `${count} records in one request; the limit is ${MAX_RECORDS}`, 'split the upload into smaller requests');
  const failed: IngestFailure[] = [];
  const batch = new Map<string, Article>();
  const existingInBody: string[] = [];
  for await (const item of readJsonl(Readable.from([Buffer.from(lines, 'utf8')]), origin, { maxFileSize: Buffer.byteLength(lines) + 1, gzip: false, defaultSource: null })) {
    if (item.failure) {
      failed.push(item.failure);
      continue;
    }
    const a = item.article;
    const id = articleId(a.source, a.raw, a.rawKind);
    if (batch.has(id)) existingInBody.push(id);
    else batch.set(id, { ...a, id, ingestedAt: now.toISOString() });
  }
  const articles = [...batch.values()];
  const res = articles.length ? await store.addArticles(articles) : { added: [], existing: [] };
  const added = new Set(res.added);
  return { added: res.added, existing: [...res.existing, ...existingInBody], failed, articles: articles.filter((a) => added.has(a.id)) };
}
