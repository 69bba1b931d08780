/**
 * Pipeline step: assign new articles to stories and events (online, in publication order,
 * with the clusterer's state kept in the store between runs), then rebuild the records of
 * every story those articles touched (src/pipeline/story-records.ts).
 */
import type { Store } from '../store/store.ts';
import { StoryClusterer, STORY_STATE_KEY, type ClustererJSON, type SnapshotStory, type StoryInput } from '../stories/index.ts';
import { STORY_INPUT_STAGE } from './analyse.ts';

export const STORY_STAGE = 'story';

export interface StoryAssignmentRecord {
  storyId: string;
  eventId: string | null;
}

export async function loadClusterer(store: Store): Promise<StoryClusterer> {
  const saved = await store.getState<ClustererJSON>(STORY_STATE_KEY);
  return saved ? StoryClusterer.fromJSON(saved) : new StoryClusterer();
}

/** The 'story' record of every article of the given stories (merges and events move articles). */
export function assignmentRecords(stories: SnapshotStory[]): { articleId: string; data: StoryAssignmentRecord }[] {
  const items: { articleId: string; data: StoryAssignmentRecord }[] = [];
  for (const s of stories) for (const e of s.events) for (const articleId of e.articleIds) items.push({ articleId, data: { storyId: s.id, eventId: e.id } });
  return items;
}

/**
 * Assigns every analysed article without a story, in publication order, from its story-input
 * record; returns the snapshots of the stories that changed and the ids of those merged away.
 */
export async function runStoryStage(store: Store, opts: { batch?: number; onProgress?: (n: number) => void } = {}): Promise<{ assigned: number; touched: SnapshotStory[]; removed: Set<string> }> {
  const pending = await store.articlesWithoutAnalysis(STORY_STAGE);
  const removed = new Set<string>();
  if (pending.length === 0) return { assigned: 0, touched: [], removed };
  const clusterer = await loadClusterer(store);
  const batch = opts.batch ?? 1000;
  const inputs: StoryInput[] = [];
  for (let i = 0; i < pending.length; i += batch) {
    const m = await store.getAnalyses<StoryInput>(STORY_INPUT_STAGE, pending.slice(i, i + batch));
    inputs.push(...m.values());
  }
  inputs.sort((x, y) => x.time - y.time || x.id.localeCompare(y.id));
  const touchedIds = new Set<string>();
  let n = 0;
  for (const input of inputs) {
    const r = clusterer.assign(input);
    touchedIds.add(r.storyId);
    for (const m of r.merged) {
      removed.add(m);
      touchedIds.delete(m);
    }
    opts.onProgress?.(++n);
  }
  const touched = [...touchedIds].map((id) => clusterer.story(id)).filter((s): s is SnapshotStory => !!s);
  await store.transaction(async () => {
    await store.putAnalyses(STORY_STAGE, assignmentRecords(touched));
    await store.setState(STORY_STATE_KEY, clusterer.toJSON());
    if (removed.size > 0) await store.deleteStories([...removed]);
  });
  return { assigned: inputs.length, touched, removed };
}
