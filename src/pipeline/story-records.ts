/**
 * Pipeline step: rebuild the record of each story that changed. Everything here needs the
 * story's articles together:
 * - publication dates of articles without metadata, inferred from their story mates, and the
 *   dates they mention re-resolved against them;
 * - entity mentions resolved into canonical entities (spelling variants, short names, roles),
 *   written as each article's 'entities' record; quotes re-linked to those entities;
 * - the timeline, facts, conflicts, cited summary and headline of the story.
 */
import type { Article, CleanResult, EntityMention, Quote, Story } from '../model.ts';
import type { Store } from '../store/store.ts';
import { CLEAN_STAGE } from '../clean/stage.ts';
import { resolveEntities } from '../extract/entities/index.ts';
import { buildTimeline, inferFromStory } from '../extract/time/index.ts';
import { splitSentences } from '../text/index.ts';
import { buildStoryRecord, type ArticleMeta, type SnapshotStory } from '../stories/index.ts';
import { compareStory } from '../report/build.ts';
import type { StoryArticle } from '../compare/index.ts';
import { articleView, bodyText, type ArticleView } from './article-view.ts';
import { DATES_STAGE, NER_STAGE, QUOTES_STAGE, datesOf, quotesOf, type DatesRecord, type NerRecord } from './extract-stage.ts';

export const ENTITIES_STAGE = 'entities';

interface Loaded {
  article: Article;
  view: ArticleView;
  dates: DatesRecord;
  mentions: EntityMention[];
}

async function loadStory(store: Store, ids: string[]): Promise<Loaded[]> {
  const [articles, cleans, ners, dates] = await Promise.all([
    store.getArticles(ids),
    store.getAnalyses<CleanResult>(CLEAN_STAGE, ids),
    store.getAnalyses<NerRecord>(NER_STAGE, ids),
    store.getAnalyses<DatesRecord>(DATES_STAGE, ids),
  ]);
  return articles.map((a) => {
    const view = articleView(a, cleans.get(a.id) ?? null);
    return {
      article: a,
      view,
      dates: dates.get(a.id) ?? { mentions: [], publishedAt: null, publishedAtInferred: true, evidence: '' },
      mentions: ners.get(a.id)?.mentions ?? [],
    };
  });
}

const metadataDate = (l: Loaded): string | null => l.article.publishedAt ?? l.view.clean.meta.publishedAt ?? null;

/** Infers missing publication dates from the story's other articles; returns the articles whose dates changed. */
function refineDates(story: Loaded[]): Set<string> {
  const changed = new Set<string>();
  if (story.every((l) => metadataDate(l))) return changed;
  const inferred = inferFromStory(story.map((l) => ({ id: l.article.id, text: bodyText(l.view), publishedAt: metadataDate(l) })));
  for (const l of story) {
    if (metadataDate(l)) continue;
    const p = inferred.get(l.article.id);
    if (!p || !p.value || p.value === l.dates.publishedAt) continue;
    l.dates = datesOf(l.view, null, p);
    changed.add(l.article.id);
  }
  return changed;
}

function storyArticle(l: Loaded, mentions: EntityMention[], quotes: Quote[]): StoryArticle {
  return {
    id: l.article.id,
    source: l.article.source,
    publishedAt: l.dates.publishedAt,
    title: l.view.title,
    text: l.view.text,
    paragraphs: l.view.paragraphs,
    entities: mentions,
    quotes,
    dates: l.dates.mentions,
  };
}

/**
 * Rebuilds and stores the records of the given stories (clusterer snapshots). `guard`, when
 * given, runs first inside each story's write transaction; false skips the write (a queue
 * worker uses it so that a stale rebuild never overwrites a newer one). Returns stories written.
 */
export async function rebuildStories(
  store: Store,
  stories: Iterable<SnapshotStory>,
  opts: { onProgress?: (n: number) => void; guard?: (story: SnapshotStory) => Promise<boolean> } = {},
): Promise<number> {
  let n = 0;
  for (const snap of stories) {
    const story = await loadStory(store, snap.articleIds);
    const changedDates = refineDates(story);

    const resolved = resolveEntities(
      new Map(story.map((l) => [l.article.id, l.mentions])),
      { texts: new Map(story.map((l) => [l.article.id, l.view.text])) },
    );
    const mentionsOf = (l: Loaded) => resolved.mentions.get(l.article.id) ?? [];
    const quotes = new Map(story.map((l) => [l.article.id, quotesOf(l.view, mentionsOf(l))]));

    const meta = new Map<string, ArticleMeta>(story.map((l) => [l.article.id, { id: l.article.id, title: l.view.title, source: l.article.source, publishedAt: l.dates.publishedAt }]));
    const base = buildStoryRecord(snap, meta);
    const articles = story.map((l) => storyArticle(l, mentionsOf(l), quotes.get(l.article.id) ?? []));
    const compared = compareStory(articles);
    const timeline = buildTimeline(
      story.map((l) => ({
        id: l.article.id,
        text: l.view.text,
        publishedAt: l.dates.publishedAt,
        sentences: l.view.paragraphs.flatMap((p) => splitSentences(l.view.text, p.start, p.end)),
      })),
    );
    const record: Story = {
      ...base,
      headline: compared.headline || base.headline,
      entities: resolved.entities,
      timeline,
      facts: compared.facts.map((f) => ({ text: f.text, articleIds: f.articleIds })),
      conflicts: compared.conflicts.map((c) => ({ type: c.type, about: c.about, sides: c.sides.map((s) => ({ text: s.text, articleIds: s.articleIds, speakerEntityId: s.speakerEntityId ?? null })) })),
      summary: compared.summary,
    };

    const wrote = await store.transaction(async () => {
      if (opts.guard && !(await opts.guard(snap))) return false;
      await store.putAnalyses(ENTITIES_STAGE, story.map((l) => ({ articleId: l.article.id, data: { mentions: mentionsOf(l), merges: resolved.merges.filter((m) => mentionsOf(l).some((x) => x.entityId === m.entityId)) } })));
      await store.putAnalyses(QUOTES_STAGE, story.map((l) => ({ articleId: l.article.id, data: quotes.get(l.article.id) ?? [] })));
      if (changedDates.size > 0) await store.putAnalyses(DATES_STAGE, story.filter((l) => changedDates.has(l.article.id)).map((l) => ({ articleId: l.article.id, data: l.dates })));
      await store.putStories([record]);
      return true;
    });
    if (!wrote) continue;
    n++; // not inside `onProgress?.(…)`: an absent callback would skip evaluating its argument
    opts.onProgress?.(n);
  }
  return n;
}
