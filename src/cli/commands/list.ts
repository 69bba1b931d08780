/** `marsad list` — stored articles: id, source, date, title. */
import { Command } from 'commander';
import type { Article, CleanResult } from '../../model.ts';
import { dateOption, intOption, withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';

interface ListOptions extends CommonOptions {
  source?: string;
  since?: string;
  until?: string;
  title?: string;
  limit: number;
  offset: number;
}

export const articleSummary = (a: Article, cleanTitle: string | null = null) => ({
  id: a.id,
  source: a.source,
  published_at: a.publishedAt,
  title: a.title ?? cleanTitle,
  origin: a.origin,
  format: a.format,
});

/** a title for display: the metadata title, the cleaner's title, else the first line of a text article */
export function displayTitle(a: Article, cleanTitle: string | null = null): string {
  if (a.title) return a.title;
  if (cleanTitle) return cleanTitle;
  if (a.rawKind === 'text') return (a.raw.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 100);
  return '';
}

export function listCommand(): Command {
  return withJson(withDb(new Command('list')))
    .description('list stored articles (id, source, date, title), oldest ingested first')
    .option('--source <name>', 'only this source')
    .option('--since <date>', 'published on or after (ISO date)', dateOption('--since'))
    .option('--until <date>', 'published on or before (ISO date)', dateOption('--until'))
    .option('--title <text>', 'title contains')
    .option('--limit <n>', 'at most n articles (0 = all)', intOption('--limit'), 50)
    .option('--offset <n>', 'skip the first n', intOption('--offset'), 0)
    .action(async (opts: ListOptions) => {
      await withStore(
        opts,
        async (store) => {
          const articles = await store.listArticles({ source: opts.source, since: opts.since, until: opts.until, text: opts.title, limit: opts.limit || undefined, offset: opts.offset });
          const cleaned = await store.getAnalyses<CleanResult>('clean', articles.filter((a) => !a.title).map((a) => a.id));
          const cleanTitle = (a: Article) => cleaned.get(a.id)?.title ?? null;
          if (opts.json) return printJson(articles.map((a) => articleSummary(a, cleanTitle(a))));
          if (articles.length === 0) return out('no articles\n');
          const lines = articles.map((a) => [a.id, a.source ?? '-', (a.publishedAt ?? '-').slice(0, 10), displayTitle(a, cleanTitle(a))].join('\t'));
          const total = await store.countArticles();
          const more = total > opts.offset + articles.length ? `(${articles.length} of ${total}; --limit/--offset for more)\n` : '';
          return out(`${lines.join('\n')}\n${more}`);
        },
        { mustExist: true },
      );
    });
}
