/** `marsad show ID` — one article: metadata, raw text and normalised text. */
import { Command } from 'commander';
import { NotFoundError } from '../../errors.ts';
import { normalize } from '../../text/index.ts';
import { htmlToText } from '../../ingest/html.ts';
import { withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';
import { cleanResultFor, formatRemoved } from './clean.ts';

export function showCommand(): Command {
  return withJson(withDb(new Command('show')))
    .description('show one article: metadata, raw text and normalised (matching) text')
    .argument('<id>', 'article id (from `marsad list`)')
    .option('--removed', 'show what cleaning removed from the article, and why (class of each span)')
    .action(async (id: string, opts: CommonOptions & { removed?: boolean }) => {
      await withStore(
        opts,
        async (store) => {
          const a = await store.getArticle(id);
          if (!a) throw new NotFoundError('article', id, 'run `marsad list` to see stored ids');
          if (opts.removed) {
            const r = await cleanResultFor(store, id);
            if (opts.json) return printJson({ id: a.id, title: r?.title ?? null, byline: r?.byline ?? null, removed: r?.removed ?? [] });
            return out(r ? formatRemoved(r) : 'nothing removed\n');
          }
          const normalized = normalize(a.rawKind === 'html' ? htmlToText(a.raw) : a.raw);
          if (opts.json)
            return printJson({
              id: a.id,
              input_id: a.inputId,
              url: a.url,
              source: a.source,
              origin: a.origin,
              format: a.format,
              published_at: a.publishedAt,
              title: a.title,
              lang: a.lang,
              encoding: a.encoding,
              raw_kind: a.rawKind,
              ingested_at: a.ingestedAt,
              raw: a.raw,
              normalized,
            });
          const fields: [string, string | null][] = [
            ['id', a.id],
            ['source', a.source],
            ['title', a.title],
            ['published', a.publishedAt],
            ['url', a.url],
            ['origin', a.origin],
            ['format', `${a.format} (${a.rawKind}, ${a.encoding})`],
            ['ingested', a.ingestedAt],
          ];
          const meta = fields
            .map(([k, v]) => `${k.padEnd(10)} ${v ?? '-'}`)
            .join('\n');
          return out(`${meta}\n\n── raw ──\n${a.raw}\n\n── normalised ──\n${normalized}\n`);
        },
        { mustExist: true },
      );
    });
}
