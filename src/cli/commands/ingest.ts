/** `marsad ingest PATH…` — files, folders (recursive), feed URLs, `-` for JSON Lines on stdin. */
import { Command } from 'commander';
import { ingest, type IngestOptions } from '../../ingest/ingest.ts';
import { DEFAULT_MAX_FILE_SIZE, type IngestRunReport } from '../../ingest/types.ts';
import { formatBytes, parseSize } from '../../ingest/size.ts';
import { ExitCode, UsageError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { intOption, withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { makeProgress, progressEnabled } from '../progress.ts';
import { out, printJson } from '../output.ts';

export interface IngestCliOptions extends CommonOptions {
  maxFileSize: number;
  batchSize: number;
  source?: string;
  progress?: boolean;
}

export function addIngestOptions(cmd: Command): Command {
  return withJson(withDb(cmd))
    .option('--max-file-size <size>', `refuse files (and single JSON lines / WARC records) larger than this, e.g. 200MB`, (v: string) => {
      const n = parseSize(v);
      if (n === null || n <= 0) throw new UsageError(`--max-file-size must be a size like 64MB or 500k, got "${v}"`, 'sizes take an optional k, M or G suffix');
      return n;
    }, DEFAULT_MAX_FILE_SIZE)
    .option('--batch-size <n>', 'articles per transaction', intOption('--batch-size', 1), 200)
    .option('--source <name>', 'set this source (outlet) on every article, overriding metadata and folders')
    .option('--no-progress', 'no progress bar (it only shows on a terminal anyway)');
}

/** runs ingest with a progress bar; shared by `ingest` and `run` */
export async function runIngest(store: Store, paths: string[], opts: IngestCliOptions): Promise<IngestRunReport> {
  const bar = makeProgress(progressEnabled(opts.progress), ' ingest {bar} {value}/{total} inputs | {added} new | {present} present | {failed} failed | {current}');
  const o: IngestOptions = {
    maxFileSize: opts.maxFileSize,
    batchSize: opts.batchSize,
    source: opts.source ?? null,
    onProgress: (p) => bar.update(p.inputsDone, p.inputsTotal, { added: p.added, present: p.alreadyPresent, failed: p.failed, current: (p.current ?? '').slice(-40) }),
  };
  try {
    return await ingest(store, paths, o);
  } finally {
    bar.stop();
  }
}

export function ingestSummary(r: IngestRunReport, location: string): string {
  const lines: string[] = [];
  if (r.added === 0 && r.alreadyPresent > 0 && r.failed.length === 0) lines.push(`nothing new: all ${r.alreadyPresent} articles were already in ${location}`);
  else lines.push(`ingested ${r.added} new article${r.added === 1 ? '' : 's'}, ${r.alreadyPresent} already present, ${r.failed.length} failed (${location})`);
  if (r.skipped.length) lines.push(`skipped ${r.skipped.length} file${r.skipped.length === 1 ? '' : 's'} of other types`);
  for (const f of r.failed) lines.push(`  failed: ${f.where}: ${f.reason}`);
  return `${lines.join('\n')}\n`;
}

export function reportJson(r: IngestRunReport, location: string): unknown {
  return { db: location, added: r.added, already_present: r.alreadyPresent, failed: r.failed, skipped: r.skipped, added_ids: r.addedIds };
}

export function ingestCommand(): Command {
  return addIngestOptions(
    new Command('ingest')
      .description('store articles from files, folders, feed URLs or stdin (-) — re-ingesting adds nothing')
      .argument('<paths...>', '.txt (+ NAME.meta.json), .html, .jsonl[.gz], RSS/Atom .xml/.rss/.atom, .warc[.gz], a folder, an http(s) feed URL, or - for JSON Lines on stdin')
      .addHelpText(
        'after',
        `
Source (outlet) of a file without metadata: the first folder under the ingested root
(corpus/<outlet>/…), mapped through an optional sources.json {"slug": "Name"} in the root.
Exit codes: 0 all stored, 3 some items failed (the good ones are stored), 1 error, 2 usage.
Default --max-file-size: ${formatBytes(DEFAULT_MAX_FILE_SIZE)}.
`,
      ),
  ).action(async (paths: string[], opts: IngestCliOptions) => {
    await withStore(opts, async (store) => {
      const report = await runIngest(store, paths, opts);
      if (opts.json) await printJson(reportJson(report, store.location));
      else await out(ingestSummary(report, store.location));
      if (report.failed.length) process.exitCode = ExitCode.partial;
    });
  });
}
