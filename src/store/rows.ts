/** The articles table has the same columns in every store: one mapping from a row to an Article. */
import type { Article } from '../model.ts';

export type Row = Record<string, unknown>;

export function rowToArticle(r: Row): Article {
  return {
    id: r.id as string,
    inputId: (r.input_id as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    source: (r.source as string | null) ?? null,
    origin: r.origin as string,
    format: r.format as Article['format'],
    publishedAt: (r.published_at as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    lang: (r.lang as string | null) ?? null,
    raw: r.raw as string,
    rawKind: r.raw_kind as Article['rawKind'],
    encoding: r.encoding as string,
    ingestedAt: r.ingested_at as string,
  };
}
