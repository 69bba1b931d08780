/**
 * WARC / WARC.gz (warcio): every `response` record whose HTTP Content-Type is HTML becomes an
 * article (raw = decoded HTML, url = WARC-Target-URI, origin = `file#N`, N the record number).
 * Gzip is undone by Node's zlib before warcio sees the bytes: warcio silently stops at a
 * truncated gzip member, zlib reports it, so a cut-off download is named as such.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { WARCParser } from 'warcio';
import { decodeBytes, DecodeError } from '../decode.ts';
import { charsetOfContentType, sniffHtmlCharset, sniffHtmlMeta } from '../html.ts';
import { fail, storedRaw, type IngestItem, type ReadOptions } from '../types.ts';
import { formatBytes } from '../size.ts';

export async function* readWarc(path: string, origin: string, opts: ReadOptions & { gzip: boolean; defaultSource: string | null }): AsyncGenerator<IngestItem> {
  let stream: Readable = createReadStream(path);
  if (opts.gzip) {
    const gunzip = createGunzip();
    stream = pipeline(stream, gunzip, () => {});
  }
  let n = 0;
  try {
    const parser = new WARCParser(stream);
    for await (const record of parser) {
      n++;
      if (record.warcType !== 'response') continue;
      const where = `${origin}#${n}`;
      const ct = record.httpHeaders?.headers.get('content-type') ?? '';
      if (!/html/i.test(ct)) continue; // images, scripts, JSON… are not articles
      const status = record.httpHeaders?.statusCode;
      if (status !== undefined && (Number(status) < 200 || Number(status) >= 300)) continue;
      const length = Number(record.warcHeader('Content-Length') ?? 0);
      if (length > opts.maxFileSize) {
        yield fail(where, `record is ${formatBytes(length)}, over the limit of ${formatBytes(opts.maxFileSize)} (--max-file-size)`);
        continue;
      }
      const bytes = await record.readFully(true);
      let text: string;
      let encoding: string;
      try {
        ({ text, encoding } = decodeBytes(bytes, { declared: charsetOfContentType(ct) ?? sniffHtmlCharset(bytes) }));
      } catch (e) {
        if (e instanceof DecodeError) {
          yield fail(where, e.reason);
          continue;
        }
        throw e;
      }
      const raw = storedRaw(text);
      const meta = sniffHtmlMeta(raw);
      yield {
        article: {
          inputId: record.warcHeader('WARC-Record-ID') ?? null,
          url: record.warcTargetURI ?? meta.url,
          source: opts.defaultSource ?? meta.source,
          origin: where,
          format: 'warc',
          publishedAt: meta.publishedAt,
          title: meta.title,
          lang: meta.lang,
          raw,
          rawKind: 'html',
          encoding,
        },
      };
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason =
      err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)
        ? `truncated gzip (unexpected end of file after record ${n}); the records before were read`
        : err.code === 'Z_DATA_ERROR'
          ? `not a valid gzip file (${err.message})`
          : `not a readable WARC after record ${n}: ${err.message}`;
    yield fail(origin, reason);
  }
}
