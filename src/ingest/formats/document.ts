/**
 * Whole-document files: `.txt` articles (optionally with a `NAME.meta.json` sidecar), `.html`
 * pages, and `.xml/.rss/.atom` feeds (detected by content: a `.xml` that is not a feed is
 * refused by name). Also the shared byte → article step used for URLs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { decodeBytes, DecodeError } from '../decode.ts';
import { sniffHtmlCharset, sniffHtmlMeta, sniffXmlEncoding, looksLikeHtml } from '../html.ts';
import { SidecarSchema, zodReason, type Sidecar } from '../meta.ts';
import { fail, storedRaw, type IngestItem } from '../types.ts';
import { looksLikeFeed, parseFeed } from './feed.ts';

export type DocumentKind = 'txt' | 'html' | 'xml';

/** `a/b.txt` → `a/b.meta.json` (also accepts `a/b.txt.meta.json`) */
export function sidecarPath(file: string): string | null {
  const base = file.replace(/\.(txt|html?)$/i, '');
  for (const p of [`${base}.meta.json`, `${file}.meta.json`]) if (existsSync(p)) return p;
  return null;
}

function readSidecar(path: string, where: string): { meta: Sidecar } | { failure: IngestItem } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return { failure: fail(where, `sidecar ${path.split(/[\\/]/).pop()} is not valid JSON: ${(e as Error).message}`) };
  }
  const parsed = SidecarSchema.safeParse(json);
  if (!parsed.success) return { failure: fail(where, `sidecar ${path.split(/[\\/]/).pop()}: ${zodReason(parsed.error)}`) };
  return { meta: parsed.data };
}

export interface DocumentInput {
  bytes: Uint8Array;
  kind: DocumentKind;
  origin: string;
  /** from the folder layout (files) */
  defaultSource: string | null;
  /** the URL the bytes came from, and its Content-Type charset */
  url?: string | null;
  declaredCharset?: string | null;
  sidecar?: string | null;
}

export function readDocument(input: DocumentInput): IngestItem[] {
  const { bytes, origin } = input;
  let meta: Sidecar | null = null;
  if (input.sidecar) {
    const r = readSidecar(input.sidecar, origin);
    if ('failure' in r) return [r.failure];
    meta = r.meta;
  }
  const declared = input.declaredCharset ?? (input.kind === 'html' ? sniffHtmlCharset(bytes) : input.kind === 'xml' ? sniffXmlEncoding(bytes) : null);
  let text: string;
  let encoding: string;
  try {
    ({ text, encoding } = decodeBytes(bytes, { declared }));
  } catch (e) {
    if (e instanceof DecodeError) return [fail(origin, e.reason)];
    throw e;
  }
  if (input.kind === 'xml') {
    if (looksLikeFeed(text)) return parseFeed(text, origin, { encoding, defaultSource: input.defaultSource, isUrl: !!input.url });
    if (!(input.url && looksLikeHtml(text))) return [fail(origin, 'XML file is not an RSS or Atom feed')];
    input = { ...input, kind: 'html' };
  }
  const raw = storedRaw(text);
  if (raw.trim() === '') return [fail(origin, 'no text (only whitespace)')];
  if (input.kind === 'html') {
    const sniffed = sniffHtmlMeta(raw);
    return [
      {
        article: {
          inputId: meta?.id ?? null,
          url: meta?.url ?? sniffed.url ?? input.url ?? null,
          source: meta?.source ?? input.defaultSource ?? sniffed.source,
          origin,
          format: 'html',
          publishedAt: meta?.published_at ?? sniffed.publishedAt,
          title: meta?.title ?? sniffed.title,
          lang: meta?.lang ?? sniffed.lang,
          raw,
          rawKind: 'html',
          encoding,
        },
      },
    ];
  }
  return [
    {
      article: {
        inputId: meta?.id ?? null,
        url: meta?.url ?? null,
        source: meta?.source ?? input.defaultSource,
        origin,
        format: 'txt',
        publishedAt: meta?.published_at ?? null,
        title: meta?.title ?? null,
        lang: meta?.lang ?? null,
        raw,
        rawKind: 'text',
        encoding,
      },
    },
  ];
}
