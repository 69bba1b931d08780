/**
 * What a worker runs: per-article stages (in parallel across workers) and one serialized story
 * step (one worker at a time, under a PostgreSQL advisory lock, in queue order).
 *
 * `pipelineStages` calls the pipeline's per-article functions directly (clean with the shared
 * boilerplate model, entity tagging over the cleaned body) and keeps the story clustering in
 * StoryStep. `processAllStages` is the fallback the lead can switch to: no per-article work,
 * and `processAll(store)` under the lock (correct, but serial).
 */
import type { Article, CleanResult } from '../model.ts';
import type { Store } from '../store/store.ts';
import { BOILERPLATE_STATE_KEY, CLEAN_STAGE, cleanStored, loadBoilerplateModel, modelText } from '../clean/stage.ts';
import type { BoilerplateModel } from '../clean/boilerplate.ts';
import { NER_STAGE, tagBody, type NerRecord } from '../pipeline/extract-stage.ts';
import { articleView, bodyText } from '../pipeline/article-view.ts';
import { processAll } from '../pipeline.ts';
import { matchForm } from '../text/index.ts';
import { LOCK_MODELS } from '../store/pg/migrations.ts';
import { STORY_INPUT_STAGE, StoryStep, storyInputOf, type StoryBatch } from './story-step.ts';
import type { ClusterParams } from '../stories/clusterer.ts';

export interface AnalysisWrite {
  stage: string;
  items: { articleId: string; data: unknown }[];
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
}

/** A transaction-scoped advisory lock on PostgreSQL; nothing on SQLite (one writer anyway). */
export async function lockFor(store: Store, key: number): Promise<void> {
  const q = (store as { query?: (sql: string, p: unknown[]) => Promise<unknown> }).query;
  if (store.kind === 'postgres' && q) await q.call(store, 'SELECT pg_advisory_xact_lock($1)', [key]);
}

/**
 * Counts the batch into the per-source boilerplate model and saves it, under a lock so that
 * concurrent workers do not lose each other's counts (read-modify-write). Adding is idempotent
 * per article (the model skips exact duplicates), so a redone batch changes nothing.
 */
export async function updateBoilerplate(store: Store, articles: Article[]): Promise<BoilerplateModel> {
  return store.transaction(async () => {
    await lockFor(store, LOCK_MODELS);
    const model = await loadBoilerplateModel(store);
    let changed = false;
    for (const a of articles) changed = model.add(a.source, modelText(a)) || changed;
    if (changed) await store.setState(BOILERPLATE_STATE_KEY, model.toJSON());
    return model;
  });
}

/** the name-like terms the clusterer's entity bonus uses: matching forms of tagged mentions */
function entityKeys(ner: NerRecord): string[] {
  return [...new Set(ner.mentions.map((m) => m.text.split(/\s+/).map(matchForm).join(' ')).filter((k) => k.length > 1))];
}

export function pipelineStages(params: Partial<ClusterParams> = {}): WorkerStages {
  const step = new StoryStep(params);
  return {
    name: 'pipeline',
    async analyse(store, articles) {
      const model = await updateBoilerplate(store, articles);
      const clean: AnalysisWrite = { stage: CLEAN_STAGE, items: [] };
      const ner: AnalysisWrite = { stage: NER_STAGE, items: [] };
      const inputs: AnalysisWrite = { stage: STORY_INPUT_STAGE, items: [] };
      for (const a of articles) {
        const c: CleanResult = cleanStored(a, model);
        const view = articleView(a, c);
        const n: NerRecord = { mentions: tagBody(view) };
        clean.items.push({ articleId: a.id, data: c });
        ner.items.push({ articleId: a.id, data: n });
        inputs.items.push({ articleId: a.id, data: storyInputOf(a, view.title, bodyText(view), entityKeys(n)) });
      }
      return [clean, ner, inputs];
    },
    prepare: (store, cursor, history) => step.prepare(store, cursor, history),
    async assignStories(store, batch) {
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
