/**
 * One poll of one feed: a conditional GET (If-None-Match / If-Modified-Since from the last
 * answer), a timeout, and the feed parsed by the ingest module's reader. Never throws: the
 * outcome says what happened, and health.ts turns it into backoff and status.
 */
import type { IngestedArticle } from '../model.ts';
import { readDocument } from '../ingest/formats/document.ts';
import { charsetOfContentType } from '../ingest/html.ts';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type PollOutcome =
  | { kind: 'ok'; status: number; items: IngestedArticle[]; itemFailures: string[]; validators: Validators }
  | { kind: 'not-modified'; status: 304; validators: Validators }
  | { kind: 'error'; status: number | null; error: string };

export interface PollOptions {
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

export async function pollFeed(url: string, prev: Validators, opts: PollOptions = {}): Promise<PollOutcome> {
  const headers: Record<string, string> = {
    'user-agent': 'marsad-watch (+https://github.com/marsad)',
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (prev.etag) headers['if-none-match'] = prev.etag;
  if (prev.lastModified) headers['if-modified-since'] = prev.lastModified;
  let res: Response;
  let bytes: Uint8Array;
  try {
    // the timeout covers the body too: a server that stalls mid-response is cut off
    const signal = AbortSignal.timeout(opts.timeoutMs ?? 20_000);
    res = await (opts.fetchImpl ?? fetch)(url, { headers, signal, redirect: 'follow' });
    if (res.status === 304) return { kind: 'not-modified', status: 304, validators: prev };
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'error', status: res.status, error: `HTTP ${res.status} ${res.statusText}`.trim() };
    }
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError';
    return { kind: 'error', status: null, error: timedOut ? `timed out after ${opts.timeoutMs ?? 20_000} ms` : `fetch failed: ${err.cause?.code ?? err.message}` };
  }
  if (opts.maxBytes && bytes.length > opts.maxBytes) return { kind: 'error', status: res.status, error: `response of ${bytes.length} bytes is over the limit` };
  if (bytes.length === 0) return { kind: 'error', status: res.status, error: 'empty response' };
  const validators: Validators = { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
  const items = readDocument({ bytes, kind: 'xml', origin: url, defaultSource: null, url, declaredCharset: charsetOfContentType(res.headers.get('content-type')) });
  const articles = items.flatMap((i) => (i.article ? [i.article] : []));
  const failures = items.flatMap((i) => (i.failure ? [`${i.failure.where}: ${i.failure.reason}`] : []));
  // a page that is not a feed at all (readDocument read it as one HTML/XML article, or failed as a whole)
  if (articles.length > 0 && articles.every((a) => a.format !== 'feed')) return { kind: 'error', status: res.status, error: 'the response is not an RSS or Atom feed' };
  if (articles.length === 0 && failures.length > 0 && failures.every((f) => f.startsWith(`${url}:`))) return { kind: 'error', status: res.status, error: failures[0] };
  return { kind: 'ok', status: res.status, items: articles, itemFailures: failures, validators };
}
