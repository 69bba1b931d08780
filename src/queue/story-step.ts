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
import type { Store } from '../store/store.ts';
import { StoryClusterer, type ClusterParams } from '../stories/clusterer.ts';
import { STORY_INPUT_STAGE, type StoryInputRecord } from '../pipeline/analyse.ts';
import { StreamClock } from '../pipeline/story-stage.ts';
import type { SnapshotStory } from '../stories/index.ts';
import { decodeTerms, type WithTerms } from './terms.ts';

export { STORY_INPUT_STAGE } from '../pipeline/analyse.ts';

/** The compact record the story step replays from (written by the per-article stages). */
export type { StoryInputRecord } from '../pipeline/analyse.ts';

/** article ids of the done jobs with from < job id ≤ to, in job order */
export type History = (fromJob: number, toJob: number) => Promise<string[]>;

export interface StoryBatch {
  articleIds: string[];
  /** sequencer cursor before this batch (every done job ≤ it is already assigned) */
  cursorBefore: number;
  cursorAfter: number;
  history: History;
}

export class StoryStep {
  private clusterer: StoryClusterer | null = null;
  /** job id up to which this copy has applied assignments */
  private applied = 0;

  constructor(private readonly params: Partial<ClusterParams> = {}) {}

  /** forget everything (after a failed transaction: the copy may be ahead of the database) */
  reset(): void {
    this.clock = new StreamClock();
    this.clusterer = null;
    this.applied = 0;
    this.ahead.clear();
  }

  /** undated articles take the stream's current time, in queue order (as in processAll) */
  private clock = new StreamClock();

  private apply(input: StoryInputRecord & WithTerms) {
    // terms precomputed by the worker's analyse phase when present (same function, same weights)
    return this.clusterer!.assign(this.clock.place(input), input.terms ? { terms: decodeTerms(input.terms) } : {});
  }

  /** story-input records read ahead, outside the lock (a done job's record never changes) */
  private ahead = new Map<string, StoryInputRecord>();

  /** Reads the records of the next batch before the lock is taken (the lock then only assigns). */
  async readAhead(store: Store, ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.ahead.has(id));
    if (missing.length === 0) return;
    for (const [id, r] of await store.getAnalyses<StoryInputRecord>(STORY_INPUT_STAGE, missing)) this.ahead.set(id, r);
  }

  private async inputs(store: Store, ids: string[]): Promise<StoryInputRecord[]> {
    const m = new Map<string, StoryInputRecord>();
    const rest: string[] = [];
    for (const id of ids) {
      const r = this.ahead.get(id);
      if (r) m.set(id, r);
      else rest.push(id);
      this.ahead.delete(id);
    }
    if (rest.length) for (const [id, r] of await store.getAnalyses<StoryInputRecord>(STORY_INPUT_STAGE, rest)) m.set(id, r);
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

  /**
   * Assigns a batch (under the sequencer's lock). Writes nothing: returns the snapshots of the
   * stories it touched and the ids of those merged away, for the caller to publish (the story
   * records are rebuilt outside the lock, src/queue/rebuilds.ts).
   */
  async assign(store: Store, batch: StoryBatch): Promise<{ assigned: number; created: number; touched: SnapshotStory[]; gone: string[] }> {
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
    const stories = [...touched].map((id) => this.clusterer!.story(id)).filter((x) => x !== undefined);
    return { assigned: batch.articleIds.length, created, touched: stories, gone: [...gone] };
  }
}
