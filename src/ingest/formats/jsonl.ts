/**
 * JSON Lines (optionally gzip): one article a line, `{id?, url?, source?, published_at?, title?,
 * lang?, text | html}`. Each line stands alone: a bad line is reported as `file#N` and the
 * rest of the file is read; a truncated gzip keeps every line read before the break.
 */
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { byteLines } from './lines.ts';
import { JsonlLineSchema, zodReason } from '../meta.ts';
import { fail, storedRaw, type IngestItem, type ReadOptions } from '../types.ts';
import { formatBytes } from '../size.ts';
import { sniffHtmlMeta } from '../html.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export async function* readJsonl(
  stream: Readable,
  origin: string,
  opts: ReadOptions & { gzip: boolean; defaultSource: string | null },
): AsyncGenerator<IngestItem> {
  let input: AsyncIterable<Buffer> = stream;
  let streamError: Error | null = null;
  if (opts.gzip) {
    const gunzip = createGunzip();
    stream.on('error', (e) => gunzip.destroy(e));
    input = stream.pipe(gunzip);
  }
  let last = 0;
  try {
    for await (const { n, line, tooLong } of byteLines(input, opts.maxFileSize)) {
      last = n;
      const where = `${origin}#${n}`;
      if (line === null) {
        yield fail(where, `line is ${formatBytes(tooLong ?? 0)}, over the limit of ${formatBytes(opts.maxFileSize)} (--max-file-size)`);
        continue;
      }
      let text: string;
      try {
        text = utf8.decode(line);
      } catch {
        yield fail(where, 'line is not valid UTF-8 (JSON Lines must be UTF-8)');
        continue;
      }
      if (text.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        yield fail(where, `invalid JSON: ${(e as Error).message}`);
        continue;
      }
      if (!json || typeof json !== 'object' || Array.isArray(json)) {
        yield fail(where, 'line is not a JSON object');
        continue;
      }
      const parsed = JsonlLineSchema.safeParse(json);
      if (!parsed.success) {
        yield fail(where, zodReason(parsed.error));
        continue;
      }
      const o = parsed.data;
      const isText = (o.text ?? '').trim() !== '';
      const raw = storedRaw(isText ? o.text! : o.html!);
      const sniffed = isText ? null : sniffHtmlMeta(raw);
      yield {
        article: {
          inputId: o.id == null ? null : String(o.id),
          url: o.url ?? sniffed?.url ?? null,
          source: o.source ?? opts.defaultSource ?? sniffed?.source ?? null,
          origin: where,
          format: 'jsonl',
          publishedAt: o.published_at ?? o.published ?? sniffed?.publishedAt ?? null,
          title: o.title ?? sniffed?.title ?? null,
          lang: o.lang ?? sniffed?.lang ?? null,
          raw,
          rawKind: isText ? 'text' : 'html',
          encoding: 'utf-8',
        },
      };
    }
  } catch (e) {
    streamError = e as Error;
  }
  if (streamError) {
    const code = (streamError as NodeJS.ErrnoException).code;
    const reason =
      code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(streamError.message)
        ? `truncated gzip (unexpected end of file after line ${last}); the lines before were read`
        : code === 'Z_DATA_ERROR'
          ? `corrupt gzip data after line ${last}: ${streamError.message}`
          : `read error after line ${last}: ${streamError.message}`;
    yield fail(origin, reason);
  }
}
