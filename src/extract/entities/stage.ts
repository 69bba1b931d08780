/**
 * The entity stage over a store: tags each article of a story (its cleaned text when the clean
 * stage has run, else the raw text) and resolves the story's mentions into entities. Per-article
 * records go to `putAnalyses('entities', …)` as EntityAnalysis; the story's StoryEntity list is
 * returned for the stories stage to store on the Story.
 */
import type { Article, CleanResult, EntityMention, StoryEntity } from '../../model.ts';
import type { Store } from '../../store/store.ts';
import { loadModel, type NerModel } from './modelFile.ts';
import { resolveEntities, type Merge } from './resolve.ts';
import { tagEntities } from './tagger.ts';

export const ENTITIES_STAGE = 'entities';

export interface EntityAnalysis {
  /** offsets index `textIsRaw ? article.raw : clean.text` */
  textIsRaw: boolean;
  mentions: EntityMention[];
  storyId: string | null;
  merges: Merge[];
}

async function textOf(store: Store, a: Article): Promise<{ text: string; raw: boolean }> {
  const c = await store.getAnalysis<CleanResult>('clean', a.id);
  if (c && !c.textIsRaw) return { text: c.text, raw: false };
  return { text: a.raw, raw: true };
}

/** Tags and resolves the articles of one story; stores per-article analyses; returns the story's entities. */
export async function runEntitiesForStory(store: Store, storyId: string, articleIds: string[], model: NerModel = loadModel()): Promise<StoryEntity[]> {
  const articles = await store.getArticles(articleIds);
  const texts = new Map<string, string>();
  const raw = new Map<string, boolean>();
  const by = new Map<string, EntityMention[]>();
  for (const a of articles) {
    const t = await textOf(store, a);
    texts.set(a.id, t.text);
    raw.set(a.id, t.raw);
    by.set(a.id, tagEntities(t.text, model));
  }
  const r = resolveEntities(by, { texts });
  await store.putAnalyses(
    ENTITIES_STAGE,
    articles.map((a) => ({
      articleId: a.id,
      data: { textIsRaw: raw.get(a.id)!, mentions: r.mentions.get(a.id) ?? [], storyId, merges: r.merges.filter((m) => r.entities.find((e) => e.id === m.entityId)?.articleIds.includes(a.id)) } satisfies EntityAnalysis,
    })),
  );
  return r.entities;
}
