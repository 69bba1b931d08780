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
import { analyseArticles, updateBoilerplate, type AnalysisWrite } from '../pipeline/analyse.ts';
import { runReuseStage } from '../reuse/stage.ts';
import { processAll } from '../pipeline.ts';
import { StoryStep, type StoryBatch } from './story-step.ts';
import type { ClusterParams } from '../stories/clusterer.ts';

export type { AnalysisWrite } from '../pipeline/analyse.ts';

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
}

export function pipelineStages(params: Partial<ClusterParams> = {}): WorkerStages {
  const step = new StoryStep(params);
  return {
    name: 'pipeline',
    // the same per-article code as processAll (src/pipeline/analyse.ts)
    async analyse(store, articles: Article[]) {
      return analyseArticles(articles, await updateBoilerplate(store, articles));
    },
    prepare: (store, cursor, history) => step.prepare(store, cursor, history),
    async assignStories(store, batch) {
      // wire copy needs every earlier article indexed, so it runs in the serialized step too
      await runReuseStage(store);
      await step.assign(store, batch);
    },
    reset: () => step.reset(),
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
