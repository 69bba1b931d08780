/**
 * What a worker runs: per-article stages (in parallel across workers) and one serialized story
 * step (one worker at a time, under a PostgreSQL advisory lock, in queue order).
 *
 * `pipelineStages` calls the pipeline's per-article functions directly (clean with the shared
 * boilerplate model, entity tagging over the cleaned body) and keeps the story clustering in
 * StoryStep. `processAllStages` is the fallback the lead can switch to: no per-article work,
 * and `processAll(store)` under the lock (correct, but serial).
 */
import type { Article } from '../model.ts';
import type { Store } from '../store/store.ts';
import type { PostgresStore } from '../store/postgres.ts';
import { analyseArticles, updateBoilerplate, STORY_INPUT_STAGE, type AnalysisWrite, type StoryInputRecord } from '../pipeline/analyse.ts';
import { processAll } from '../pipeline.ts';
import { StoryStep, type StoryBatch } from './story-step.ts';
import { DEFAULT_PARAMS, type ClusterParams } from '../stories/clusterer.ts';
import { termsFor, type WithTerms } from './terms.ts';
import { markStories, pendingRebuilds, runRebuilds } from './rebuilds.ts';
import { advanceReuse, reuseBacklog } from './reuse-step.ts';

export type { AnalysisWrite } from '../pipeline/analyse.ts';

export interface BackgroundOptions {
  leaseMs?: number;
  /** nothing else to do: rebuild even stories that are still changing */
  drain?: boolean;
  /** time split (ms), added to */
  timing?: { reuse: number; records: number };
}

export interface WorkerStages {
  readonly name: string;
  /**
   * Per-article work for a batch. Returns the records to write; the worker writes them in the
   * transaction that marks the jobs done (so they land exactly once). May read shared state.
   */
  analyse(store: Store, articles: Article[]): Promise<AnalysisWrite[]>;
  /** Committed-prefix catch-up, called before the lock is taken (optional). */
  prepare?(store: Store, cursor: number, history: StoryBatch['history']): Promise<void>;
  /** Serialized: assign the batch (analysed, in queue order) to stories; runs inside the lock's transaction. */
  assignStories(store: Store, batch: StoryBatch): Promise<void>;
  /** Drop in-memory state after a failed story transaction. */
  reset?(): void;
  /**
   * Work any worker may do outside the story lock (wire-copy indexing, story record
   * rebuilds), a bounded amount per call; returns units done (0: nothing was claimable).
   */
  background?(store: PostgresStore, workerId: string, opts: BackgroundOptions): Promise<number>;
  /** Whether background work is still outstanding (a `once` worker waits for it). */
  backgroundPending?(store: PostgresStore): Promise<boolean>;
}

export function pipelineStages(params: Partial<ClusterParams> = {}): WorkerStages {
  const step = new StoryStep(params);
  const weights = { ...DEFAULT_PARAMS.terms, ...params.terms };
  return {
    name: 'pipeline',
    // the same per-article code as processAll (src/pipeline/analyse.ts), plus the clusterer's
    // article terms, so the serialized step does not tokenise and stem the bodies itself
    async analyse(store, articles: Article[]) {
      const writes = analyseArticles(articles, await updateBoilerplate(store, articles));
      for (const w of writes) {
        if (w.stage !== STORY_INPUT_STAGE) continue;
        for (const it of w.items) {
          const input = it.data as StoryInputRecord & WithTerms;
          input.terms = termsFor(input, weights);
        }
      }
      return writes;
    },
    async prepare(store, cursor, history) {
      await step.prepare(store, cursor, history);
      // the finished run after the cursor: what the locked step will assign next
      const rows = (await (store as PostgresStore).query<{ article_id: string; state: string }>(`SELECT article_id, state FROM jobs WHERE id > $1 ORDER BY id LIMIT 500`, [cursor])).rows;
      const ids: string[] = [];
      for (const r of rows) {
        if (r.state !== 'done' && r.state !== 'parked') break;
        if (r.state === 'done') ids.push(r.article_id);
      }
      await step.readAhead(store, ids);
    },
    async assignStories(store, batch) {
      // membership only, under the lock; the records are rebuilt by any worker (rebuilds.ts)
      const r = await step.assign(store, batch);
      const pg = store as PostgresStore;
      await markStories(pg, r.touched, r.gone, batch.cursorAfter);
      if (r.gone.length) await store.deleteStories(r.gone);
    },
    reset: () => step.reset(),
    async background(store, workerId, opts) {
      let done = 0;
      const t0 = performance.now();
      const reuse = await advanceReuse(store);
      if (reuse) done += reuse.indexed;
      const t1 = performance.now();
      // while there are jobs, rebuild stories that have settled (2 s quiet, or 30 s waiting)
      done += await runRebuilds(store, workerId, { limit: 10, leaseMs: opts.leaseMs, settleMs: opts.drain ? 0 : 2000, maxStaleMs: opts.drain ? 0 : 30_000 });
      if (opts.timing) {
        opts.timing.reuse += t1 - t0;
        opts.timing.records += performance.now() - t1;
      }
      return done;
    },
    async backgroundPending(store) {
      return (await reuseBacklog(store)) > 0 || (await pendingRebuilds(store)) > 0;
    },
  };
}

/** Fallback: everything in `processAll` under the story lock (serial; correct because processAll is incremental). */
export function processAllStages(): WorkerStages {
  return {
    name: 'processAll',
    analyse: async () => [],
    async assignStories(store) {
      await processAll(store);
    },
  };
}
