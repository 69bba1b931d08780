/**
 * Runs every analysis stage over the articles that still need it, in publication order, and
 * re-derives the stories those articles touched. Incremental: an article is cleaned, indexed
 * and assigned once; re-running with nothing new does nothing.
 */
import type { Article } from './model.ts';
import type { Store } from './store/store.ts';
import { makeProgress } from './cli/progress.ts';
import { CLEAN_STAGE } from './pipeline/article-view.ts';
import { runCleanStage } from './pipeline/clean-stage.ts';

export interface ProcessOptions {
  progress?: boolean;
  /** articles per batch (one transaction per stage and batch) */
  batchSize?: number;
}

export interface ProcessReport {
  processed: number;
}

/** Publication order (articles without a date keep ingest order, after dated ones of the same run). */
function byTime(a: Article, b: Article): number {
  const ta = a.publishedAt ? Date.parse(a.publishedAt) : Number.NaN;
  const tb = b.publishedAt ? Date.parse(b.publishedAt) : Number.NaN;
  if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) === Number.isNaN(tb) ? 0 : Number.isNaN(ta) ? 1 : -1;
  return ta - tb;
}

export async function processAll(store: Store, opts: ProcessOptions = {}): Promise<ProcessReport> {
  const batchSize = opts.batchSize ?? 500;
  const pending = await store.articlesWithoutAnalysis(CLEAN_STAGE);
  const bar = makeProgress(!!opts.progress, 'analysing {bar} {value}/{total} articles');
  let done = 0;
  for (let i = 0; i < pending.length; i += batchSize) {
    const batch = (await store.getArticles(pending.slice(i, i + batchSize))).sort(byTime);
    await runCleanStage(store, batch);
    done += batch.length;
    bar.update(done, pending.length, {});
  }
  bar.stop();
  return { processed: pending.length };
}
