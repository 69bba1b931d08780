/**
 * `marsad report STORY --format md|html|json [--out FILE]` — one story as a report: summary,
 * timeline, conflicts, entities, quotes, reuse, coverage matrix. Facts, conflicts and the summary
 * come from the stored story; when it has none yet they are computed from its articles.
 */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { NotFoundError } from '../../errors.ts';
import type { Quote, ReuseLink } from '../../model.ts';
import type { CleanResult } from '../../model.ts';
import { CLEAN_STAGE, articleView } from '../../pipeline/article-view.ts';
import { coverageMatrix, alignFacts, type StoryArticle } from '../../compare/index.ts';
import { compareStory } from '../../report/build.ts';
import { renderReport, type ReportFormat } from '../../report/index.ts';
import { withDb, withStore, type CommonOptions } from '../options.ts';
import { out } from '../output.ts';

interface ReportOptions extends CommonOptions {
  format: ReportFormat;
  out?: string;
}

/** stages whose per-article records the report shows when present */
const QUOTES_STAGE = 'quotes';
const REUSE_STAGE = 'reuse';

export function reportCommand(): Command {
  return withDb(new Command('report'))
    .description('render one story as a report (summary, timeline, conflicts, entities, quotes, reuse, coverage)')
    .argument('<story>', 'story id (from `marsad stories`)')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html', 'json']).default('md'))
    .option('--out <file>', 'write to FILE instead of stdout')
    .action(async (storyId: string, opts: ReportOptions) => {
      await withStore(
        opts,
        async (store) => {
          const story = await store.getStory(storyId);
          if (!story) throw new NotFoundError('story', storyId, 'run `marsad stories` to see stored story ids');
          const articles = await store.getArticles(story.articleIds);
          const cleans = await store.getAnalyses<CleanResult>(CLEAN_STAGE, story.articleIds);
          const views: StoryArticle[] = articles.map((a) => {
            const v = articleView(a, cleans.get(a.id) ?? null);
            return { id: v.id, source: v.source, publishedAt: v.publishedAt, title: v.title, text: v.text, paragraphs: v.paragraphs };
          });
          let coverage;
          if (!story.facts.length || !story.summary.length) {
            const c = compareStory(views);
            story.facts = story.facts.length ? story.facts : c.facts;
            story.conflicts = story.conflicts.length ? story.conflicts : c.conflicts;
            story.summary = story.summary.length ? story.summary : c.summary;
            story.headline = story.headline || c.headline;
            coverage = c.coverage;
          } else coverage = coverageMatrix(views, alignFacts(views), { minArticles: 2 });
          const quotes = await store.getAnalyses<Quote[]>(QUOTES_STAGE, story.articleIds);
          const reuse = await store.getAnalyses<ReuseLink[]>(REUSE_STAGE, story.articleIds);
          const text = renderReport(
            {
              story,
              articles: articles.map((a) => ({ id: a.id, source: a.source, title: a.title, publishedAt: a.publishedAt, url: a.url })),
              quotes: new Map([...quotes].filter(([, q]) => Array.isArray(q))),
              reuse: new Map([...reuse].filter(([, r]) => Array.isArray(r))),
              coverage,
              generatedAt: new Date().toISOString(),
            },
            opts.format,
          );
          if (opts.out) writeFileSync(opts.out, text);
          else await out(text.endsWith('\n') ? text : `${text}\n`);
        },
        { mustExist: true },
      );
    });
}
