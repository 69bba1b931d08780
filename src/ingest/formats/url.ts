/** http(s) inputs: a feed URL (RSS/Atom) or a single article page, fetched once. */
import { readDocument } from './document.ts';
import { fail, type IngestItem, type ReadOptions } from '../types.ts';
import { charsetOfContentType } from '../html.ts';
import { formatBytes } from '../size.ts';

export async function readUrl(url: string, opts: ReadOptions & { timeoutMs?: number }): Promise<IngestItem[]> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000), headers: { 'user-agent': 'marsad (+https://github.com/marsad)', accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5' } });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return [fail(url, `fetch failed: ${err.name === 'TimeoutError' ? 'timed out' : (err.cause?.code ?? err.message)}`)];
  }
  if (!res.ok) return [fail(url, `HTTP ${res.status} ${res.statusText}`)];
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > opts.maxFileSize) return [fail(url, `response is ${formatBytes(length)}, over the limit of ${formatBytes(opts.maxFileSize)} (--max-file-size)`)];
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > opts.maxFileSize) return [fail(url, `response is ${formatBytes(bytes.length)}, over the limit of ${formatBytes(opts.maxFileSize)} (--max-file-size)`)];
  if (bytes.length === 0) return [fail(url, 'empty response')];
  const ct = res.headers.get('content-type');
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const isXml = /xml|rss|atom/i.test(ct ?? '') || /^\s*(<\?xml|<rss|<feed)/i.test(head);
  return readDocument({ bytes, kind: isXml ? 'xml' : 'html', origin: url, defaultSource: null, url, declaredCharset: charsetOfContentType(ct) });
}
