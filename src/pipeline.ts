/**
 * Runs every analysis stage over the articles that still need it and re-derives the stories
 * those articles touched. Incremental: each stage finds its own pending articles (those with
 * no record for it), so re-running with nothing new does nothing, and a run interrupted
 * between stages resumes where it stopped.
 */
import type { Store } from './store/store.ts';
import { makeProgress } from './cli/progress.ts';
import { runCleanStage } from './clean/stage.ts';

export interface ProcessOptions {
  progress?: boolean;
}

export interface ProcessReport {
  cleaned: number;
}

export async function processAll(store: Store, opts: ProcessOptions = {}): Promise<ProcessReport> {
  const total = (await store.articlesWithoutAnalysis('clean')).length;
  const bar = makeProgress(!!opts.progress, 'cleaning  {bar} {value}/{total} articles');
  const cleaned = await runCleanStage(store, { onProgress: (n) => bar.update(n, total, {}) });
  bar.stop();
  return { cleaned };
}
