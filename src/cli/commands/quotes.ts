/**
 * `marsad quotes [--story ID] [--speaker ID]` — who said what: every attribution with its
 * speaker, cue, direct/indirect and content. Uses the stored `quotes` analysis when the
 * pipeline has run, else extracts on the fly (with the stored `entities` mentions when present).
 */
import { Command } from 'commander';
import { NotFoundError } from '../../errors.ts';
import type { Article, EntityMention, Quote } from '../../model.ts';
import type { Store } from '../../store/store.ts';
import { extractQuotes } from '../../extract/quotes/index.ts';
import { intOption, withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';

interface QuotesOptions extends CommonOptions {
  story?: string;
  speaker?: string;
  limit: number;
}

export const QUOTES_STAGE = 'quotes';

/** The article's attributions: stored analysis, else computed from its text (plain-text articles). */
export async function quotesFor(store: Store, a: Article): Promise<Quote[]> {
  const stored = await store.getAnalysis<Quote[]>(QUOTES_STAGE, a.id);
  if (stored) return stored;
  if (a.rawKind !== 'text') return [];
  const mentions = (await store.getAnalysis<EntityMention[]>('entities', a.id)) ?? undefined;
  return extractQuotes(a.raw, { mentions: Array.isArray(mentions) ? mentions : undefined });
}

export function quotesCommand(): Command {
  return withJson(withDb(new Command('quotes')))
    .description('who said what: attributions (speaker, cue, direct/indirect, content) in stored articles')
    .option('--story <id>', 'only the articles of this story')
    .option('--speaker <id>', 'only quotes whose speaker entity id (or speaker text) matches')
    .option('--limit <n>', 'at most n articles when no story is given (0 = all)', intOption('--limit'), 200)
    .action(async (opts: QuotesOptions) => {
      await withStore(
        opts,
        async (store) => {
          let articles: Article[];
          if (opts.story) {
            const story = await store.getStory(opts.story);
            if (!story) throw new NotFoundError('story', opts.story, 'run `marsad export stories` to see story ids');
            articles = await store.getArticles(story.articleIds);
          } else articles = await store.listArticles({ limit: opts.limit || undefined });
          const rows: { article_id: string; speaker_entity_id: string | null; speaker_text: string | null; cue: string; content: string; direct: boolean; start: number; end: number }[] = [];
          for (const a of articles) {
            for (const q of await quotesFor(store, a)) {
              if (opts.speaker && q.speakerEntityId !== opts.speaker && !(q.speakerText ?? '').includes(opts.speaker)) continue;
              rows.push({ article_id: a.id, speaker_entity_id: q.speakerEntityId, speaker_text: q.speakerText, cue: q.cue, content: q.content, direct: q.direct, start: q.start, end: q.end });
            }
          }
          if (opts.json) return printJson(rows);
          if (rows.length === 0) return out('no quotes\n');
          const lines = rows.map((r) => `${r.article_id}\t${r.speaker_entity_id ?? r.speaker_text ?? '?'}\t${r.cue}\t${r.direct ? '«»' : '~'}\t${r.content.replace(/\s+/g, ' ').slice(0, 120)}`);
          return out(`${lines.join('\n')}\n`);
        },
        { mustExist: true },
      );
    });
}
