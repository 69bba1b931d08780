/**
 * `marsad stories` — stored stories (filters: date range, source, text), biggest or newest first;
 * `marsad story ID` — one story with its articles and events. Both take `--json`.
 * Stories are written by the pipeline (`marsad run`); these commands only read them.
 */
import { Command } from 'commander';
import type { Story } from '../../model.ts';
import { NotFoundError } from '../../errors.ts';
import { dateOption, intOption, withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';

interface StoriesOptions extends CommonOptions {
  since?: string;
  until?: string;
  source?: string;
  text?: string;
  order: 'newest' | 'biggest';
  limit: number;
  offset: number;
}

/** The contract's snake_case form of the story fields this stage fills. */
export const storySummary = (s: Story) => ({
  id: s.id,
  title: s.title,
  article_count: s.articleIds.length,
  sources: s.sources,
  first_reported_by: s.firstReportedBy,
  date_start: s.dateStart,
  date_end: s.dateEnd,
  events: s.events.map((e) => ({ id: e.id, title: e.title, date: e.date, article_ids: e.articleIds })),
});

export function storiesCommand(): Command {
  return withJson(withDb(new Command('stories')))
    .description('list stories: id, dates, article count, outlets, title')
    .option('--since <date>', 'stories active on or after (ISO date)', dateOption('--since'))
    .option('--until <date>', 'stories active on or before (ISO date)', dateOption('--until'))
    .option('--source <name>', 'only stories this outlet covered')
    .option('--text <text>', 'title contains')
    .option('--order <order>', 'newest | biggest', 'biggest')
    .option('--limit <n>', 'at most n stories (0 = all)', intOption('--limit'), 50)
    .option('--offset <n>', 'skip the first n', intOption('--offset'), 0)
    .action(async (opts: StoriesOptions) => {
      await withStore(
        opts,
        async (store) => {
          const order = opts.order === 'newest' ? 'newest' : 'biggest';
          const stories = await store.listStories({ since: opts.since, until: opts.until, source: opts.source, text: opts.text, order, limit: opts.limit || undefined, offset: opts.offset });
          if (opts.json) return printJson(stories.map(storySummary));
          if (stories.length === 0) return out('no stories (run `marsad run` after ingesting)\n');
          const lines = stories.map((s) => [s.id, `${s.dateStart ?? '-'}…${s.dateEnd ?? '-'}`, `${s.articleIds.length} articles`, `${s.sources.length} outlets`, s.title].join('\t'));
          return out(`${lines.join('\n')}\n`);
        },
        { mustExist: true },
      );
    });
}

export function storyCommand(): Command {
  return withJson(withDb(new Command('story')))
    .description('one story: its articles (first reported marked) and events')
    .argument('<id>', 'story id (from `marsad stories`)')
    .action(async (id: string, opts: CommonOptions) => {
      await withStore(
        opts,
        async (store) => {
          const s = await store.getStory(id);
          if (!s) throw new NotFoundError('story', id, 'run `marsad stories` to see story ids');
          const articles = await store.getArticles(s.articleIds);
          const byId = new Map(articles.map((a) => [a.id, a]));
          const rows = s.articleIds.map((aid) => {
            const a = byId.get(aid);
            return { id: aid, source: a?.source ?? null, published_at: a?.publishedAt ?? null, title: a?.title ?? null, event_id: s.events.find((e) => e.articleIds.includes(aid))?.id ?? null, first: s.firstReportedBy === aid };
          });
          if (opts.json) return printJson({ ...storySummary(s), articles: rows });
          const head = `${s.id}  ${s.title}\n${s.dateStart ?? '-'}…${s.dateEnd ?? '-'}  ${s.articleIds.length} articles  outlets: ${s.sources.join('، ') || '-'}\n`;
          const events = s.events.map((e) => {
            const arts = rows.filter((r) => r.event_id === e.id).map((r) => `    ${r.first ? '*' : ' '} ${r.id}\t${r.source ?? '-'}\t${(r.published_at ?? '-').slice(0, 16)}\t${r.title ?? ''}`);
            return [`  event ${e.id}  ${e.date ?? '-'}  ${e.title}`, ...arts].join('\n');
          });
          return out(`${head}${events.join('\n')}\n(* first reported)\n`);
        },
        { mustExist: true },
      );
    });
}
