/**
 * Pipeline step: assign new articles to stories and events (online, in publication order,
 * with the clusterer's state kept in the store between runs), then rebuild the records of
 * every story those articles touched (src/pipeline/story-records.ts).
 */
import type { Article, CleanResult } from '../model.ts';
import type { Store } from '../store/store.ts';
import { CLEAN_STAGE } from '../clean/stage.ts';
import { StoryClusterer, STORY_STATE_KEY, type ClustererJSON, type StoryInput } from '../stories/index.ts';
import { articleView, bodyText } from './article-view.ts';
import { DATES_STAGE, NER_STAGE, type DatesRecord, type NerRecord } from './extract-stage.ts';

export const STORY_STAGE = 'story';

export interface StoryAssignmentRecord {
  storyId: string;
  eventId: string | null;
}

/** Epoch ms the clusterer orders and decays by: publication (metadata or inferred), else ingest time. */
function timeOf(a: Article, dates: DatesRecord | undefined): number {
  for (const d of [a.publishedAt, dates?.publishedAt, a.ingestedAt]) {
    const t = d ? Date.parse(d) : Number.NaN;
    if (!Number.isNaN(t)) return t;
  }
  return Date.now();
}

/**
 * The date of what the article reports, for grouping events: the first date its lead
 * paragraph mentions that is not after publication (a lead says "أمس"/"اليوم الأربعاء"),
 * else the publication day.
 */
export function reportedDate(view: { paragraphs: { start: number; end: number }[] }, dates: DatesRecord | undefined): string | undefined {
  const pub = dates?.publishedAt?.slice(0, 10);
  const lead = view.paragraphs[0];
  if (lead && dates) {
    const inLead = dates.mentions
      .filter((d) => d.start >= lead.start && d.start < lead.end && /^\d{4}-\d{2}-\d{2}$/.test(d.value) && (!pub || d.value <= pub))
      .sort((x, y) => x.start - y.start);
    if (inLead.length > 0) return inLead[0].value;
  }
  return pub ?? undefined;
}

export async function loadClusterer(store: Store): Promise<StoryClusterer> {
  const saved = await store.getState<ClustererJSON>(STORY_STATE_KEY);
  return saved ? StoryClusterer.fromJSON(saved) : new StoryClusterer();
}

/** Assigns pending articles; returns the ids of the stories that changed and of those merged away. */
export async function runStoryStage(store: Store, opts: { batch?: number; onProgress?: (n: number) => void } = {}): Promise<{ assigned: number; touched: Set<string>; removed: Set<string> }> {
  const pending = await store.articlesWithoutAnalysis(STORY_STAGE);
  const touched = new Set<string>();
  const removed = new Set<string>();
  if (pending.length === 0) return { assigned: 0, touched, removed };
  const clusterer = await loadClusterer(store);
  const batch = opts.batch ?? 500;
  const inputs: StoryInput[] = [];
  for (let i = 0; i < pending.length; i += batch) {
    const ids = pending.slice(i, i + batch);
    const [articles, cleans, ners, dates] = await Promise.all([
      store.getArticles(ids),
      store.getAnalyses<CleanResult>(CLEAN_STAGE, ids),
      store.getAnalyses<NerRecord>(NER_STAGE, ids),
      store.getAnalyses<DatesRecord>(DATES_STAGE, ids),
    ]);
    for (const a of articles) {
      const view = articleView(a, cleans.get(a.id) ?? null);
      const d = dates.get(a.id);
      inputs.push({
        id: a.id,
        time: timeOf(a, d),
        title: view.title,
        body: bodyText(view),
        source: a.source,
        entities: (ners.get(a.id)?.mentions ?? []).map((m) => m.text),
        eventDate: reportedDate(view, d),
      });
    }
  }
  inputs.sort((x, y) => x.time - y.time || x.id.localeCompare(y.id));
  let n = 0;
  for (const input of inputs) {
    const r = clusterer.assign(input);
    touched.add(r.storyId);
    for (const m of r.merged) {
      removed.add(m);
      touched.delete(m);
    }
    opts.onProgress?.(++n);
  }
  // Every article of a touched story gets its current story and event (merges and events move them).
  const items: { articleId: string; data: StoryAssignmentRecord }[] = [];
  for (const id of touched) {
    const s = clusterer.story(id);
    if (!s) continue;
    for (const e of s.events) for (const articleId of e.articleIds) items.push({ articleId, data: { storyId: s.id, eventId: e.id } });
  }
  await store.transaction(async () => {
    await store.putAnalyses(STORY_STAGE, items);
    await store.setState(STORY_STATE_KEY, clusterer.toJSON());
    if (removed.size > 0) await store.deleteStories([...removed]);
  });
  return { assigned: inputs.length, touched, removed };
}
