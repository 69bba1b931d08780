/**
 * Pipeline step: assign new articles to stories and events (online, in publication order,
 * with the clusterer's state kept in the store between runs), then rebuild the records of
 * every story those articles touched (src/pipeline/story-records.ts).
 */
import type { Store } from '../store/store.ts';
import { StoryClusterer, STORY_STATE_KEY, type ClustererJSON, type SnapshotStory, type StoryInput } from '../stories/index.ts';
import { STORY_INPUT_STAGE, type StoryInputRecord } from './analyse.ts';

export const STORY_STAGE = 'story';

export interface StoryAssignmentRecord {
  storyId: string;
  eventId: string | null;
}

const CLOCK_KEY = 'stories/clock';

/**
 * The stream's clock: the latest publication time assigned so far. Undated articles are
 * assigned at this time (see StoryInputRecord.timeUnknown), in arrival order after the dated
 * articles of the same run, so an undated article is never pushed years away from its story
 * by its ingest date.
 */
export class StreamClock {
  constructor(public now: number | null = null) {}
  place(input: StoryInputRecord): StoryInput {
    if (!input.timeUnknown) {
      this.now = this.now === null ? input.time : Math.max(this.now, input.time);
      return input;
    }
    return { ...input, time: this.now ?? input.time };
  }
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
  const inputs: StoryInputRecord[] = [];
  for (let i = 0; i < pending.length; i += batch) {
    const m = await store.getAnalyses<StoryInputRecord>(STORY_INPUT_STAGE, pending.slice(i, i + batch));
    inputs.push(...m.values());
  }
  // dated articles in publication order, then undated ones in arrival (ingest) order
  inputs.sort((x, y) => Number(!!x.timeUnknown) - Number(!!y.timeUnknown) || x.time - y.time || x.id.localeCompare(y.id));
  const clock = new StreamClock(await store.getState<number>(CLOCK_KEY));
  const touchedIds = new Set<string>();
  let n = 0;
  for (const input of inputs) {
    const r = clusterer.assign(clock.place(input));
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
    if (clock.now !== null) await store.setState(CLOCK_KEY, clock.now);
    if (removed.size > 0) await store.deleteStories([...removed]);
  });
  return { assigned: inputs.length, touched, removed };
}
