/**
 * `marsad timeline STORY` — the story's dated events in date order, each with the articles
 * that report it. Uses the stored story timeline when the pipeline has built one, else builds
 * it now (publication dates from metadata, the others inferred across the story).
 */
import { Command } from 'commander';
import { NotFoundError } from '../../errors.ts';
import type { TimelineEntry } from '../../model.ts';
import { buildTimeline, inferFromStory } from '../../extract/time/index.ts';
import { withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';

export function timelineCommand(): Command {
  return withJson(withDb(new Command('timeline')))
    .description("a story's dated events in date order, with the articles that report each")
    .argument('<story>', 'story id')
    .action(async (storyId: string, opts: CommonOptions) => {
      await withStore(
        opts,
        async (store) => {
          const story = await store.getStory(storyId);
          if (!story) throw new NotFoundError('story', storyId, 'run `marsad export stories` to see story ids');
          let timeline: TimelineEntry[] = story.timeline;
          if (timeline.length === 0) {
            const arts = (await store.getArticles(story.articleIds)).filter((a) => a.rawKind === 'text');
            const pubs = inferFromStory(arts.map((a) => ({ id: a.id, text: a.raw, publishedAt: a.publishedAt })));
            timeline = buildTimeline(arts.map((a) => ({ id: a.id, text: a.raw, publishedAt: pubs.get(a.id)?.value ?? null })));
          }
          if (opts.json) return printJson(timeline.map((t) => ({ date: t.date, text: t.text, article_ids: t.articleIds })));
          if (timeline.length === 0) return out('no dated events\n');
          return out(`${timeline.map((t) => `${t.date}  [${t.articleIds.length}] ${t.text.replace(/\s+/g, ' ').slice(0, 140)}`).join('\n')}\n`);
        },
        { mustExist: true },
      );
    });
}
