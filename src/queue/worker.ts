/**
 * A queue worker: claim a batch → per-article stages → mark done with the results (one
 * transaction) → advance the story sequencer. Run as many as you like, in as many processes
 * as you like, against one PostgreSQL database.
 *
 * The story sequencer assigns stories in job order: under pg_advisory_xact_lock it takes the
 * run of jobs after its cursor that are finished (done, or parked = skipped), stops at the
 * first unfinished one, assigns the done ones and moves the cursor — all in one transaction.
 * Every worker advances it after each batch, so the last worker to finish a gap carries the
 * cursor over it. Job order, not completion order, decides the stories: 1 worker and 4
 * workers produce the same ones.
 */
import type { PostgresStore } from '../store/postgres.ts';
import pg from 'pg';
import { LOCK_STORIES, LOCK_STORY_LEADER } from '../store/pg/migrations.ts';
import { JobQueue, committedPrefix, newWorkerId, type Job, type QueueOptions } from './queue.ts';
import { pipelineStages, type AnalysisWrite, type WorkerStages } from './stages.ts';
import type { History } from './story-step.ts';

export interface WorkerOptions extends QueueOptions {
  stages?: WorkerStages;
  /** jobs claimed at once (default 25) */
  batchSize?: number;
  /** drain the queue (including jobs that become claimable later: retries, expired leases) and return */
  once?: boolean;
  /** sleep when there is nothing to claim (default 1 s, capped by the next retry/lease expiry) */
  idleMs?: number;
  workerId?: string;
  signal?: AbortSignal;
  /** story assignments per sequencer transaction (default 500) */
  storyBatch?: number;
  onEvent?: (e: WorkerEvent) => void;
}

export type WorkerEvent =
  | { type: 'batch'; jobs: number; completed: number; ms: number }
  | { type: 'failed'; articleId: string; attempts: number; state: 'failed' | 'parked'; error: string }
  | { type: 'stories'; assigned: number; cursor: number; ms: number }
  | { type: 'idle'; ms: number };

export interface WorkerReport {
  workerId: string;
  batches: number;
  claimed: number;
  completed: number;
  failed: number;
  parked: number;
  storiesAssigned: number;
  /** wall time split, to see where a worker spends it */
  ms: { total: number; claim: number; analyse: number; complete: number; stories: number; storyLockWait: number; background: number; reuse: number; records: number; idle: number };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** process-local mutex: loops of one process share one StoryStep copy */
class Mutex {
  private tail = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const r = this.tail.then(fn);
    this.tail = r.then(
      () => undefined,
      () => undefined,
    );
    return r;
  }
}
const storyMutexes = new WeakMap<WorkerStages, Mutex>();

async function storyBacklog(store: PostgresStore): Promise<number> {
  return Number(
    (await store.query(`SELECT COUNT(*)::int AS n FROM jobs WHERE state IN ('done', 'parked') AND id > (SELECT job_id FROM queue_cursor WHERE name = 'stories')`)).rows[0].n,
  );
}

export function jobHistory(store: PostgresStore): History {
  return async (from, to) =>
    (await store.query<{ article_id: string }>(`SELECT article_id FROM jobs WHERE id > $1 AND id <= $2 AND state = 'done' ORDER BY id`, [from, to])).rows.map((r) => r.article_id);
}

/**
 * Advances the story sequencer as far as finished jobs allow. Returns articles assigned.
 * Safe to call from any number of workers at once.
 */
export async function advanceStories(store: PostgresStore, stages: WorkerStages, opts: { storyBatch?: number; timing?: WorkerReport['ms'] } = {}): Promise<number> {
  let mutex = storyMutexes.get(stages);
  if (!mutex) storyMutexes.set(stages, (mutex = new Mutex()));
  const history = jobHistory(store);
  const limit = opts.storyBatch ?? 500;
  return mutex.run(async () => {
    let total = 0;
    for (;;) {
      if (stages.prepare) {
        const cursor = Number((await store.query('SELECT job_id FROM queue_cursor WHERE name = $1', ['stories'])).rows[0].job_id);
        await stages.prepare(store, cursor, history);
      }
      let step: { n: number; more: boolean };
      try {
        step = await store.transaction(async () => {
          const t0 = performance.now();
          await store.query('SELECT pg_advisory_xact_lock($1)', [LOCK_STORIES]);
          const t1 = performance.now();
          if (opts.timing) opts.timing.storyLockWait += t1 - t0;
          const cursor = Number((await store.query('SELECT job_id FROM queue_cursor WHERE name = $1', ['stories'])).rows[0].job_id);
          const { ids, after, full } = await committedPrefix(store, cursor, limit);
          if (after === cursor) return { n: 0, more: false };
          if (ids.length) await stages.assignStories(store, { articleIds: ids, cursorBefore: cursor, cursorAfter: after, history });
          await store.query('UPDATE queue_cursor SET job_id = $1 WHERE name = $2', [after, 'stories']);
          if (opts.timing) opts.timing.stories += performance.now() - t1;
          // the whole page was finished: more may follow
          return { n: ids.length, more: full };
        });
      } catch (e) {
        stages.reset?.(); // the in-memory copy may now be ahead of what committed
        throw e;
      }
      total += step.n;
      if (!step.more) return total;
    }
  });
}

/**
 * One worker at a time runs the story step: the holder of a session-level advisory lock. The
 * others only do per-article work, so the clusterer's state is built (and its cost paid) once,
 * not replayed in every process. When the leader exits or dies, its session ends, the lock is
 * free, and the next worker to ask takes over (replaying the committed history once).
 */
export class StoryLeadership {
  private client: pg.PoolClient | null = null;
  constructor(private readonly store: PostgresStore) {}
  get isLeader(): boolean {
    return this.client !== null;
  }
  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const c = await this.store.pool.connect();
    try {
      const ok = (await c.query('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_STORY_LEADER])).rows[0].ok as boolean;
      if (ok) {
        this.client = c;
        return true;
      }
    } catch (e) {
      c.release();
      throw e;
    }
    c.release();
    return false;
  }
  async release(): Promise<void> {
    if (!this.client) return;
    const c = this.client;
    this.client = null;
    try {
      await c.query('SELECT pg_advisory_unlock($1)', [LOCK_STORY_LEADER]);
      c.release();
    } catch {
      c.release(true);
    }
  }
}

export async function runWorker(store: PostgresStore, opts: WorkerOptions = {}): Promise<WorkerReport> {
  const queue = new JobQueue(store, opts);
  const stages = opts.stages ?? pipelineStages();
  const workerId = opts.workerId ?? newWorkerId();
  const batchSize = Math.max(1, opts.batchSize ?? 25);
  const idleMs = opts.idleMs ?? 1000;
  const started = performance.now();
  const report: WorkerReport = {
    workerId,
    batches: 0,
    claimed: 0,
    completed: 0,
    failed: 0,
    parked: 0,
    storiesAssigned: 0,
    ms: { total: 0, claim: 0, analyse: 0, complete: 0, stories: 0, storyLockWait: 0, background: 0, reuse: 0, records: 0, idle: 0 },
  };
  const emit = (e: WorkerEvent) => opts.onEvent?.(e);

  const writeAll = (writes: AnalysisWrite[]) => async (ids: string[]) => {
    const keep = new Set(ids);
    for (const w of writes) await store.putAnalyses(w.stage, w.items.filter((it) => keep.has(it.articleId)));
  };

  const failJob = async (job: Job, e: unknown) => {
    const state = await queue.fail(workerId, job, e);
    if (state === 'parked') report.parked++;
    else report.failed++;
    emit({ type: 'failed', articleId: job.articleId, attempts: job.attempts, state, error: (e as Error)?.message ?? String(e) });
  };

  const runBatch = async (jobs: Job[]) => {
    const t0 = performance.now();
    const articles = await store.getArticles(jobs.map((j) => j.articleId));
    const present = new Set(articles.map((a) => a.id));
    for (const j of jobs) if (!present.has(j.articleId)) await failJob(j, new Error(`article ${j.articleId} is not in the store (deleted?)`));
    const live = jobs.filter((j) => present.has(j.articleId));
    if (live.length === 0) return;
    const heartbeat = setInterval(() => void queue.heartbeat(workerId, live.map((j) => j.id)).catch(() => undefined), Math.max(50, queue.leaseMs / 3));
    try {
      try {
        const writes = await stages.analyse(store, articles);
        const t1 = performance.now();
        report.ms.analyse += t1 - t0;
        report.completed += (await queue.complete(workerId, live, writeAll(writes))).length;
        report.ms.complete += performance.now() - t1;
      } catch (batchError) {
        if (live.length === 1) return await failJob(live[0], batchError);
        // isolate the poison: one article at a time, so one bad article does not hold back the batch
        for (const j of live) {
          const a = articles.find((x) => x.id === j.articleId)!;
          try {
            const writes = await stages.analyse(store, [a]);
            report.completed += (await queue.complete(workerId, [j], writeAll(writes))).length;
          } catch (e) {
            await failJob(j, e);
          }
        }
      }
    } finally {
      clearInterval(heartbeat);
      emit({ type: 'batch', jobs: jobs.length, completed: report.completed, ms: performance.now() - t0 });
    }
  };

  const leadership = new StoryLeadership(store);
  const advance = async () => {
    if (!(await leadership.tryAcquire())) return;
    const t0 = performance.now();
    const n = await advanceStories(store, stages, { storyBatch: opts.storyBatch, timing: report.ms });
    report.storiesAssigned += n;
    if (n) emit({ type: 'stories', assigned: n, cursor: 0, ms: performance.now() - t0 });
  };

  // wire-copy indexing and story records: off the story lock, any worker (bounded per call)
  const background = async (drain: boolean): Promise<number> => {
    if (!stages.background) return 0;
    const t0 = performance.now();
    const n = await stages.background(store, workerId, { leaseMs: queue.leaseMs, drain, timing: report.ms });
    report.ms.background += performance.now() - t0;
    return n;
  };

  try {
    while (!opts.signal?.aborted) {
      const t0 = performance.now();
      const jobs = await queue.claim(workerId, batchSize);
      report.ms.claim += performance.now() - t0;
      if (jobs.length) {
        report.batches++;
        report.claimed += jobs.length;
        await runBatch(jobs);
        await advance();
        await background(false);
        continue;
      }
      await advance();
      if ((await background(true)) > 0) continue;
      const next = await queue.nextClaimableInMs();
      // --once: leave when nothing is pending and the story step is not left to us: either we
      // are not the leader (the leader finishes it) or, as leader, we carried it to the end;
      // and no background work is outstanding (a dead worker's claims come back after the lease)
      if (
        next === null &&
        opts.once &&
        (!leadership.isLeader || (await storyBacklog(store)) === 0) &&
        !(stages.backgroundPending && (await stages.backgroundPending(store)))
      )
        break;
      const wait = Math.max(10, Math.min(idleMs, next ?? idleMs));
      emit({ type: 'idle', ms: wait });
      const ti = performance.now();
      await sleep(wait, opts.signal);
      report.ms.idle += performance.now() - ti;
    }
  } finally {
    await leadership.release();
  }
  report.ms.total = performance.now() - started;
  return report;
}
