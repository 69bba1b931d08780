/** `marsad run PATH…` — ingest, then run every analysis stage on what is new. */
import { Command } from 'commander';
import { ExitCode } from '../../errors.ts';
import { processAll } from '../../pipeline.ts';
import { withStore } from '../options.ts';
import { progressEnabled } from '../progress.ts';
import { out, printJson } from '../output.ts';
import { addIngestOptions, ingestSummary, reportJson, runIngest, type IngestCliOptions } from './ingest.ts';

export function runCommand(): Command {
  return addIngestOptions(
    new Command('run').description('ingest PATHs, then process everything that is not processed yet').argument('<paths...>', 'as for `marsad ingest`'),
  ).action(async (paths: string[], opts: IngestCliOptions) => {
    await withStore(opts, async (store) => {
      const report = await runIngest(store, paths, opts);
      if (!opts.json) await out(ingestSummary(report, store.location));
      await processAll(store, { progress: progressEnabled(opts.progress) });
      if (opts.json) await printJson({ ingest: reportJson(report, store.location), articles: await store.countArticles(), stories: await store.countStories() });
      if (report.failed.length) process.exitCode = ExitCode.partial;
    });
  });
}
