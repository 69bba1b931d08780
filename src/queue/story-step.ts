/**
 * The serialized story step of the worker: online story clustering (src/stories/clusterer.ts)
 * in queue order, shared by every worker process.
 *
 * The clusterer is an in-memory, order-dependent state machine. Instead of serialising it to
 * the database after every batch, each worker keeps its own copy and *replays* the
 * assignments other workers committed (the done jobs up to the sequencer's cursor, in job
 * order) before assigning new ones. Same inputs in the same order give the same stories, so
 * every worker's copy agrees with what is stored, and the result equals a single worker's.
 * Replay of the committed prefix happens before taking the lock (`prepare`); only the short
 * tail and the new assignments run under it.
 */
import type { Article, Story, StoryEvent } from '../model.ts';
import type { Store } from '../store/store.ts';
import { StoryClusterer, type ClusterParams } from '../stories/clusterer.ts';
import type { StoryInput } from '../stories/features.ts';

export const STORY_INPUT_STAGE = 'story-input';

/** The compact record the story step replays from (written by the per-article stages). */
export type StoryInputRecord = StoryInput;

/** article ids of the done jobs with from < job id ≤ to, in job order */
export type History = (fromJob: number, toJob: number) => Promise<string[]>;

export interface StoryBatch {
  articleIds: string[];
  /** sequencer cursor before this batch (every done job ≤ it is already assigned) */
  cursorBefore: number;
  cursorAfter: number;
  history: History;
}

export function storyInputOf(a: Article, title: string | null, body: string, entities: string[]): StoryInputRecord {
  const t = Date.parse(a.publishedAt ?? '');
  return { id: a.id, time: Number.isFinite(t) ? t : Date.parse(a.ingestedAt), title, body, source: a.source, entities };
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class StoryStep {
  private clusterer: StoryClusterer | null = null;
  /** job id up to which this copy has applied assignments */
  private applied = 0;
  private readonly meta = new Map<string, { title: string | null; source: string | null; time: number }>();

  constructor(private readonly params: Partial<ClusterParams> = {}) {}

  /** forget everything (after a failed transaction: the copy may be ahead of the database) */
  reset(): void {
    this.clusterer = null;
    this.applied = 0;
    this.meta.clear();
  }

  private apply(input: StoryInputRecord) {
    this.meta.set(input.id, { title: input.title, source: input.source, time: input.time });
    return this.clusterer!.assign(input);
  }

  private async inputs(store: Store, ids: string[]): Promise<StoryInputRecord[]> {
    const m = await store.getAnalyses<StoryInputRecord>(STORY_INPUT_STAGE, ids);
    // an article without a record (deleted meanwhile) is skipped the same way by every worker
    return ids.map((id) => m.get(id)).filter((x): x is StoryInputRecord => !!x);
  }

  /** Replays committed assignments up to `cursor` (no lock needed: that prefix never changes). */
  async prepare(store: Store, cursor: number, history: History): Promise<void> {
    if (!this.clusterer || this.applied > cursor) {
      this.reset();
      this.clusterer = new StoryClusterer(this.params);
    }
    if (this.applied === cursor) return;
    const ids = await history(this.applied, cursor);
    for (let i = 0; i < ids.length; i += 1000) for (const input of await this.inputs(store, ids.slice(i, i + 1000))) this.apply(input);
    this.applied = cursor;
  }

  /** Assigns a batch (under the sequencer's lock) and writes the stories it touched. */
  async assign(store: Store, batch: StoryBatch): Promise<{ assigned: number; created: number; merged: number }> {
    await this.prepare(store, batch.cursorBefore, batch.history);
    const touched = new Set<string>();
    const gone = new Set<string>();
    let created = 0;
    for (const input of await this.inputs(store, batch.articleIds)) {
      const a = this.apply(input);
      touched.add(a.storyId);
      if (a.isNewStory) created++;
      for (const m of a.merged) gone.add(m);
    }
    this.applied = batch.cursorAfter;
    for (const g of gone) touched.delete(g);
    const stories = this.clusterer!
      .snapshot()
      .filter((s) => touched.has(s.id))
      .map((s) => this.toStory(s));
    if (gone.size) await store.deleteStories([...gone]);
    await store.putStories(stories);
    return { assigned: batch.articleIds.length, created, merged: gone.size };
  }

  /** A Story record with what the clusterer knows; later stages (entities, timeline, summary) fill the rest. */
  private toStory(s: ReturnType<StoryClusterer['snapshot']>[number]): Story {
    const members = s.articleIds.map((id) => ({ id, ...(this.meta.get(id) ?? { title: null, source: null, time: s.first }) }));
    const first = members.reduce((a, b) => (b.time < a.time ? b : a), members[0]);
    const title = first?.title ?? members.find((m) => m.title)?.title ?? '';
    const events: StoryEvent[] = s.events.map((e) => ({
      id: `${s.id}-${e.id}`,
      title: this.meta.get(e.articleIds[0])?.title ?? title,
      date: isoDate(e.first),
      articleIds: [...e.articleIds],
    }));
    return {
      id: s.id,
      title,
      headline: title,
      articleIds: [...s.articleIds],
      sources: [...new Set(members.map((m) => m.source).filter((x): x is string => !!x))].sort(),
      firstReportedBy: first?.id ?? null,
      dateStart: isoDate(s.first),
      dateEnd: isoDate(s.last),
      events,
      entities: [],
      timeline: [],
      facts: [],
      conflicts: [],
      summary: [],
    };
  }
}
