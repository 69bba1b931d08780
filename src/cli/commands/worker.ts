/**
 * `marsad worker --db postgres://…` — process queued articles (see src/queue); `marsad enqueue`
 * — put articles into the queue (ingesting PATHs first when given). PostgreSQL only: on SQLite
 * `marsad run` does the same work in one process.
 */
import { spawn } from 'node:child_process';
import { Command, Option } from 'commander';
import { ExitCode, UsageError } from '../../errors.ts';
import { PostgresStore } from '../../store/postgres.ts';
import type { Store } from '../../store/store.ts';
import { JobQueue, type QueueStatus } from '../../queue/queue.ts';
import { runWorker, type WorkerReport } from '../../queue/worker.ts';
import { pipelineStages, processAllStages } from '../../queue/stages.ts';
import { intOption, withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';
import { addIngestOptions, ingestSummary, runIngest, type IngestCliOptions } from './ingest.ts';

function needPostgres(store: Store): PostgresStore {
  if (store instanceof PostgresStore) return store;
  throw new UsageError('the work queue needs PostgreSQL', 'pass --db postgres://user@host/db (on SQLite, `marsad run PATH` processes everything in one process)');
}

interface WorkerCliOptions extends CommonOptions {
  concurrency: number;
  once?: boolean;
  batchSize: number;
  lease: number;
  maxAttempts: number;
  status?: boolean;
  retryParked?: boolean;
  serial?: boolean;
}

function statusText(s: QueueStatus): string {
  const c = s.counts;
  const lines = [
    `jobs: ${c.queued} queued, ${c.running} running, ${c.done} done, ${c.failed} failed (${s.waitingRetry} waiting to retry), ${c.parked} parked`,
    `story step: cursor at job ${s.storyCursor}, ${s.storyBacklog} done article(s) waiting for story assignment`,
  ];
  if (s.expired) lines.push(`${s.expired} running job(s) past their lease (a worker died?): the next worker reclaims them`);
  if (s.oldestQueuedAt) lines.push(`oldest queued job: ${s.oldestQueuedAt}`);
  for (const p of s.parked) lines.push(`  parked: ${p.articleId} after ${p.attempts} attempt(s): ${p.lastError ?? ''}`);
  if (c.parked) lines.push('requeue parked jobs with `marsad worker --retry-parked` once the cause is fixed');
  return `${lines.join('\n')}\n`;
}

function reportText(r: WorkerReport): string {
  const m = r.ms;
  const pct = (x: number) => `${m.total > 0 ? Math.round((100 * x) / m.total) : 0}%`;
  return (
    `worker ${r.workerId}: ${r.completed} article(s) done in ${r.batches} batch(es), ${r.failed} failed (will retry), ${r.parked} parked, ${r.storiesAssigned} assigned to stories\n` +
    `  time: ${(m.total / 1000).toFixed(1)} s — analyse ${pct(m.analyse)}, commit ${pct(m.complete)}, stories ${pct(m.stories)}, waiting for the story lock ${pct(m.storyLockWait)}, claim ${pct(m.claim)}, idle ${pct(m.idle)}\n`
  );
}

/** N > 1: N worker processes (Node runs CPU-bound stages on one core per process) */
async function spawnWorkers(n: number): Promise<number> {
  const args = process.argv.slice(1).filter((a, i, all) => a !== '--concurrency' && all[i - 1] !== '--concurrency' && !a.startsWith('--concurrency='));
  const children = Array.from({ length: n }, () => spawn(process.execPath, [...process.execArgv, ...args, '--concurrency', '1'], { stdio: 'inherit' }));
  const stop = (sig: NodeJS.Signals) => children.forEach((c) => c.kill(sig));
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  const codes = await Promise.all(children.map((c) => new Promise<number>((r) => c.on('exit', (code) => r(code ?? 1)))));
  return codes.find((c) => c !== 0) ?? 0;
}

export function workerCommand(): Command {
  return withJson(withDb(new Command('worker')))
    .description('process queued articles from a PostgreSQL queue (run several, on several machines)')
    .option('--concurrency <n>', 'worker processes to start (one per core)', intOption('--concurrency', 1), 1)
    .option('--once', 'drain the queue (including retries and reclaimed jobs) and exit')
    .option('--batch-size <n>', 'jobs claimed at once', intOption('--batch-size', 1), 25)
    .option('--lease <seconds>', 'a claimed job not renewed for this long is reclaimed by another worker', intOption('--lease', 1), 60)
    .option('--max-attempts <n>', 'attempts before a failing article is parked', intOption('--max-attempts', 1), 5)
    .option('--status', 'print the queue status and exit')
    .option('--retry-parked', 'requeue parked jobs and exit')
    .addOption(new Option('--serial', 'run the whole pipeline (processAll) under the story lock instead of per-article stages in parallel').hideHelp())
    .addHelpText(
      'after',
      `
Start workers after \`marsad enqueue PATH… --db postgres://…\`. Stop a worker with Ctrl-C (it
finishes its batch); a killed worker's batch is reclaimed after --lease seconds.
Exit codes: 0 ok, 1 error, 2 usage, 3 some articles parked.
`,
    )
    .action(async (opts: WorkerCliOptions) => {
      if (opts.concurrency > 1 && !opts.status && !opts.retryParked) {
        process.exitCode = await spawnWorkers(opts.concurrency);
        return;
      }
      await withStore(
        opts,
        async (store) => {
          const pg = needPostgres(store);
          const queue = new JobQueue(pg, { leaseMs: opts.lease * 1000, maxAttempts: opts.maxAttempts });
          if (opts.status) {
            const s = await queue.status();
            if (opts.json) await printJson(s);
            else await out(statusText(s));
            return;
          }
          if (opts.retryParked) {
            const n = await queue.retryParked();
            if (opts.json) await printJson({ requeued: n });
            else await out(`requeued ${n} parked job(s)\n`);
            return;
          }
          const ac = new AbortController();
          const onSignal = () => ac.abort();
          process.once('SIGINT', onSignal);
          process.once('SIGTERM', onSignal);
          try {
            const report = await runWorker(pg, {
              stages: opts.serial ? processAllStages() : pipelineStages(),
              once: !!opts.once,
              batchSize: opts.batchSize,
              leaseMs: opts.lease * 1000,
              maxAttempts: opts.maxAttempts,
              signal: ac.signal,
            });
            if (opts.json) await printJson(report);
            else await out(reportText(report));
            if (report.parked) process.exitCode = ExitCode.partial;
          } finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
          }
        },
        { poolSize: 3 },
      );
    });
}

interface EnqueueCliOptions extends IngestCliOptions {
  all?: boolean;
}

export function enqueueCommand(): Command {
  return addIngestOptions(
    new Command('enqueue')
      .description('queue articles for `marsad worker`: ingest PATHs and queue what they hold, or queue every stored article not queued yet')
      .argument('[paths...]', 'as for `marsad ingest`; none: every stored article without a job'),
  ).action(async (paths: string[], opts: EnqueueCliOptions) => {
    await withStore(opts, async (store) => {
      const pg = needPostgres(store);
      const queue = new JobQueue(pg);
      let ingested: Awaited<ReturnType<typeof runIngest>> | null = null;
      let enqueued: number;
      if (paths.length) {
        ingested = await runIngest(pg, paths, opts);
        if (!opts.json) await out(ingestSummary(ingested, pg.location));
        enqueued = (await queue.enqueue(ingested.addedIds)).enqueued;
      } else {
        enqueued = await queue.enqueueAllStored();
      }
      // articles stored earlier (already present) but never queued are queued too
      if (paths.length) enqueued += await queue.enqueueAllStored();
      const s = await queue.status();
      if (opts.json) await printJson({ enqueued, ingested: ingested ? { added: ingested.added, already_present: ingested.alreadyPresent, failed: ingested.failed } : null, queue: s.counts });
      else await out(`queued ${enqueued} article(s); ${s.counts.queued} waiting in the queue\n`);
      if (ingested?.failed.length) process.exitCode = ExitCode.partial;
    });
  });
}
