/**
 * `marsad entities [--story ID] [--type PER]` — entities of the stored stories (or one story),
 * most mentioned first; `marsad entity ID` — one entity: variants, mentions with offsets,
 * the stories it appears in and the entities it co-occurs with. Both take `--json`.
 * Reads Story.entities and the per-article 'entities' analyses (src/extract/entities/stage.ts).
 */
import { Command } from 'commander';
import { NotFoundError, UsageError } from '../../errors.ts';
import type { StoryEntity } from '../../model.ts';
import { ENTITIES_STAGE, type EntityAnalysis } from '../../extract/entities/stage.ts';
import { withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';

interface EntitiesOptions extends CommonOptions {
  story?: string;
  type?: string;
}

const TYPES = ['PER', 'LOC', 'ORG', 'MISC'];

export function entitiesCommand(): Command {
  return withJson(withDb(new Command('entities')))
    .description('list entities (canonical names, type, variants, articles) of all stories or one story')
    .option('--story <id>', 'only this story')
    .option('--type <type>', 'only PER, LOC, ORG or MISC')
    .action(async (opts: EntitiesOptions) => {
      const type = opts.type?.toUpperCase();
      if (type && !TYPES.includes(type)) throw new UsageError(`unknown entity type: ${opts.type}`, 'use PER, LOC, ORG or MISC');
      await withStore(
        opts,
        async (store) => {
          const stories = opts.story ? [await store.getStory(opts.story)] : await store.listStories({ order: 'biggest' });
          if (opts.story && !stories[0]) throw new NotFoundError('story', opts.story);
          const rows: (StoryEntity & { storyId: string })[] = [];
          for (const s of stories) for (const e of s!.entities) if (!type || e.type === type) rows.push({ ...e, storyId: s!.id });
          rows.sort((a, b) => b.articleIds.length - a.articleIds.length);
          if (opts.json) return printJson(rows);
          return out(rows.map((e) => `${e.id}  ${e.type.padEnd(4)} ${e.name}  (${e.articleIds.length} articles, story ${e.storyId})${e.variants.length > 1 ? `\n      variants: ${e.variants.join(' / ')}` : ''}`).join('\n') + '\n');
        },
        { mustExist: true },
      );
    });
}

export function entityCommand(): Command {
  return withJson(withDb(new Command('entity')))
    .description('one entity: variants, mentions with offsets, stories, co-occurring entities')
    .argument('<id>', 'entity id (from `marsad entities`)')
    .action(async (id: string, opts: CommonOptions) => {
      await withStore(
        opts,
        async (store) => {
          const stories = (await store.listStories({})).filter((s) => s.entities.some((e) => e.id === id));
          if (!stories.length) throw new NotFoundError('entity', id, 'run `marsad entities` to see entity ids');
          const entity = stories[0].entities.find((e) => e.id === id)!;
          const variants = new Set<string>();
          const mentions: { articleId: string; text: string; start: number; end: number }[] = [];
          const co = new Map<string, { name: string; type: string; count: number }>();
          for (const s of stories) {
            const e = s.entities.find((x) => x.id === id)!;
            e.variants.forEach((v) => variants.add(v));
            const analyses = await store.getAnalyses<EntityAnalysis>(ENTITIES_STAGE, e.articleIds);
            for (const [articleId, an] of analyses) {
              for (const m of an.mentions) if (m.entityId === id) mentions.push({ articleId, text: m.text, start: m.start, end: m.end });
              for (const other of new Set(an.mentions.map((m) => m.entityId).filter((x): x is string => !!x && x !== id))) {
                const oe = s.entities.find((x) => x.id === other);
                if (!oe) continue;
                const c = co.get(other) ?? { name: oe.name, type: oe.type, count: 0 };
                c.count++;
                co.set(other, c);
              }
            }
          }
          const coList = [...co.entries()].sort((a, b) => b[1].count - a[1].count).map(([oid, c]) => ({ id: oid, ...c, articles: c.count }));
          const result = { id, name: entity.name, type: entity.type, variants: [...variants], stories: stories.map((s) => ({ id: s.id, title: s.title })), mentions, cooccurring: coList };
          if (opts.json) return printJson(result);
          const lines = [
            `${result.name}  (${result.type}, ${id})`,
            `variants: ${result.variants.join(' / ')}`,
            `stories: ${result.stories.map((s) => `${s.id} ${s.title}`).join('; ')}`,
            'mentions:',
            ...mentions.map((m) => `  ${m.articleId} [${m.start}-${m.end}] ${m.text}`),
            'co-occurring:',
            ...coList.slice(0, 15).map((c) => `  ${c.name} (${c.type}, ${c.articles} articles)`),
          ];
          return out(lines.join('\n') + '\n');
        },
        { mustExist: true },
      );
    });
}

/** For the lead's registry. */
export function registerEntities(program: Command, _ctx?: unknown): void {
  program.addCommand(entitiesCommand());
  program.addCommand(entityCommand());
}
