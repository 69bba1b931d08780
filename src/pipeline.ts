/**
 * Runs every analysis stage over the articles that still need it and re-derives the stories
 * those articles touched. Incremental: each stage finds its own pending articles (those with
 * no record for it), so re-running with nothing new does nothing, and a run interrupted
 * between stages resumes where it stopped.
 */
import type { Store } from './store/store.ts';
import { makeProgress } from './cli/progress.ts';
import { runAnalyseStage, STORY_INPUT_STAGE } from './pipeline/analyse.ts';
import { runReuseStage } from './reuse/stage.ts';
import { SIG_STAGE } from './reuse/backend.ts';
import { runStoryStage, STORY_STAGE } from './pipeline/story-stage.ts';
import { rebuildStories } from './pipeline/story-records.ts';
import type { SnapshotStory } from './stories/index.ts';

export interface ProcessOptions {
  progress?: boolean;
}

export interface ProcessReport {
  analysed: number;
  indexed: number;
  assigned: number;
  storiesRebuilt: number;
}

/** Runs one stage with its own progress bar (shown only on a TTY, for runs longer than a second). */
async function step(store: Store, opts: ProcessOptions, stage: string, label: string, run: (onProgress: (n: number) => void) => Promise<number>): Promise<number> {
  const total = (await store.articlesWithoutAnalysis(stage)).length;
  if (total === 0) return 0;
  const bar = makeProgress(!!opts.progress, `${label.padEnd(10)} {bar} {value}/{total} articles`);
  try {
    return await run((n) => bar.update(n, total, {}));
  } finally {
    bar.stop();
  }
}

export async function processAll(store: Store, opts: ProcessOptions = {}): Promise<ProcessReport> {
  const analysed = await step(store, opts, STORY_INPUT_STAGE, 'analysing', (onProgress) => runAnalyseStage(store, { onProgress }));
  const indexed = await step(store, opts, SIG_STAGE, 'wire copy', (onProgress) => runReuseStage(store, { onProgress }));
  let touched: SnapshotStory[] = [];
  const assigned = await step(store, opts, STORY_STAGE, 'stories', async (onProgress) => {
    const r = await runStoryStage(store, { onProgress });
    touched = r.touched;
    return r.assigned;
  });
  const bar = makeProgress(!!opts.progress, `${'comparing'.padEnd(10)} {bar} {value}/{total} stories`);
  const storiesRebuilt = await rebuildStories(store, touched, { onProgress: (n) => bar.update(n, touched.length, {}) });
  bar.stop();
  return { analysed, indexed, assigned, storiesRebuilt };
}
