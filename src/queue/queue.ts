/**
 * The work queue in PostgreSQL: one job per article (`jobs`, see src/store/pg/migrations.ts).
 *
 *   queued ──claim──▶ running ──complete──▶ done
 *                       │ error: attempts < max ──▶ failed (run_after = now + backoff) ──claim──▶ …
 *                       │ error: attempts ≥ max ──▶ parked (last_error kept; `retryParked` requeues)
 *                       └ lease expired (worker killed) ──▶ claimable again by anyone
 *
 * `claim` uses FOR UPDATE SKIP LOCKED, so concurrent workers never claim the same job and never
 * wait on each other. `complete` flips only the jobs this worker still holds and runs the
 * caller's writes in that same transaction, so a job's results are committed exactly once,
 * even when its lease expired and another worker redid the work.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { PostgresStore } from '../store/postgres.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'parked';

export interface Job {
  id: number;
  articleId: string;
  attempts: number;
}

export interface QueueOptions {
  /** a running job whose worker has not renewed it for this long is reclaimed (default 60 s) */
  leaseMs?: number;
  /** attempts before a job is parked (default 5) */
  maxAttempts?: number;
  /** retry delay = base · 2^(attempts−1), capped (defaults 2 s, 10 min) */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface QueueStatus {
  counts: Record<JobState, number>;
  /** failed jobs waiting for their retry time */
  waitingRetry: number;
  /** running jobs whose lease expired (their worker likely died) */
  expired: number;
  /** done jobs the story step has not reached yet */
  storyBacklog: number;
  storyCursor: number;
  oldestQueuedAt: string | null;
  parked: { articleId: string; attempts: number; lastError: string | null }[];
}

/**
 * The finished jobs just after `cursor`, in job order, up to the first one still pending: the
 * prefix a serialized step (stories, wire copy) may advance over. Parked jobs are skipped past
 * without their article. `after` is the new cursor (= `cursor` when nothing is finished yet);
 * `full`: the whole page was finished, so more may follow.
 */
export async function committedPrefix(store: PostgresStore, cursor: number, limit: number): Promise<{ ids: string[]; after: number; full: boolean }> {
  const rows = (await store.query<{ id: string; article_id: string; state: string }>(`SELECT id, article_id, state FROM jobs WHERE id > $1 ORDER BY id LIMIT $2`, [cursor, limit])).rows;
  const ids: string[] = [];
  let after = cursor;
  for (const r of rows) {
    if (r.state !== 'done' && r.state !== 'parked') break;
    if (r.state === 'done') ids.push(r.article_id);
    after = Number(r.id);
  }
  return { ids, after, full: rows.length === limit && after === Number(rows[rows.length - 1].id) };
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export class JobQueue {
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;

  constructor(
    readonly store: PostgresStore,
    opts: QueueOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.backoffBaseMs = opts.backoffBaseMs ?? 2_000;
    this.backoffMaxMs = opts.backoffMaxMs ?? 600_000;
  }

  /** Queues articles (in the order given); an article already queued (in any state) is left alone. */
  async enqueue(articleIds: string[]): Promise<{ enqueued: number; existing: number }> {
    if (articleIds.length === 0) return { enqueued: 0, existing: 0 };
    const unique = [...new Set(articleIds)];
    const res = await this.store.query(
      `INSERT INTO jobs (article_id) SELECT a FROM unnest($1::text[]) WITH ORDINALITY AS t(a, ord) ORDER BY ord ON CONFLICT (article_id) DO NOTHING`,
      [unique],
    );
    const n = res.rowCount ?? 0;
    return { enqueued: n, existing: articleIds.length - n };
  }

  /** Queues every stored article that has no job yet, in ingest order. */
  async enqueueAllStored(): Promise<number> {
    const res = await this.store.query(
      `INSERT INTO jobs (article_id) SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.article_id = a.id) ORDER BY a.seq ON CONFLICT (article_id) DO NOTHING`,
    );
    return res.rowCount ?? 0;
  }

  /**
   * Claims up to `n` jobs in id order: queued ones, failed ones whose retry time came, and
   * running ones whose lease expired. Jobs that exhausted their attempts by crashing workers
   * are parked instead of claimed again.
   */
  async claim(workerId: string, n: number): Promise<Job[]> {
    const lease = `${this.leaseMs} milliseconds`;
    await this.store.query(
      `UPDATE jobs SET state = 'parked', locked_by = NULL, locked_at = NULL,
         last_error = COALESCE(last_error || ' | ', '') || 'lease expired after attempt ' || attempts || ' (worker killed or stuck?)'
       WHERE state = 'running' AND locked_at < now() - $1::interval AND attempts >= $2`,
      [lease, this.maxAttempts],
    );
    const res = await this.store.query<{ id: string; article_id: string; attempts: number }>(
      `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $1, locked_at = now()
       WHERE id IN (
         SELECT id FROM jobs
         WHERE state IN ('queued', 'failed', 'running')
           AND (state <> 'running' OR locked_at < now() - $2::interval)
           AND (state <> 'failed' OR run_after <= now())
         ORDER BY id LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id, article_id, attempts`,
      [workerId, lease, n],
    );
    return res.rows.map((r) => ({ id: Number(r.id), articleId: r.article_id, attempts: r.attempts })).sort((a, b) => a.id - b.id);
  }

  /** Renews the lease of this worker's running jobs (call every lease/3 during long batches). */
  async heartbeat(workerId: string, jobIds: number[]): Promise<void> {
    if (jobIds.length) await this.store.query(`UPDATE jobs SET locked_at = now() WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND state = 'running'`, [jobIds, workerId]);
  }

  /**
   * Marks the jobs done and runs `write(articleIds)` for exactly the jobs this worker still
   * held, in one transaction. Returns the ids completed (a job reclaimed by another worker after
   * a lease expiry is left to that worker).
   */
  async complete(workerId: string, jobs: Job[], write: (articleIds: string[]) => Promise<void>): Promise<string[]> {
    if (jobs.length === 0) return [];
    return this.store.transaction(async () => {
      const res = await this.store.query<{ article_id: string }>(
        `UPDATE jobs SET state = 'done', done_at = now(), locked_by = NULL, locked_at = NULL, last_error = NULL
         WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND state = 'running' RETURNING article_id`,
        [jobs.map((j) => j.id), workerId],
      );
      const mine = new Set(res.rows.map((r) => r.article_id));
      const ids = jobs.map((j) => j.articleId).filter((a) => mine.has(a));
      if (ids.length) await write(ids);
      return ids;
    });
  }

  /** Records a failure: retry later with exponential backoff, or park after maxAttempts. */
  async fail(workerId: string, job: Job, error: unknown): Promise<'failed' | 'parked'> {
    const msg = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const park = job.attempts >= this.maxAttempts;
    const delay = backoffMs(job.attempts, this.backoffBaseMs, this.backoffMaxMs);
    await this.store.query(
      `UPDATE jobs SET state = $1, last_error = $2, locked_by = NULL, locked_at = NULL, run_after = now() + $3::interval
       WHERE id = $4 AND locked_by = $5 AND state = 'running'`,
      [park ? 'parked' : 'failed', msg.slice(0, 4000), `${delay} milliseconds`, job.id, workerId],
    );
    return park ? 'parked' : 'failed';
  }

  /**
   * Puts parked jobs back in the queue with fresh attempts (after fixing what broke them). They
   * get new ids at the tail: the story sequencer may already have passed their old place.
   */
  async retryParked(): Promise<number> {
    return this.store.transaction(async () => {
      const gone = await this.store.query<{ article_id: string }>(`DELETE FROM jobs WHERE state = 'parked' RETURNING id, article_id`);
      const ids = gone.rows.map((r) => r as { id?: string; article_id: string }).sort((a, b) => Number(a.id) - Number(b.id)).map((r) => r.article_id);
      return (await this.enqueue(ids)).enqueued;
    });
  }

  /** true while some job is not finished (queued, failed-to-retry or running) */
  async hasPending(): Promise<boolean> {
    const res = await this.store.query(`SELECT EXISTS (SELECT 1 FROM jobs WHERE state IN ('queued', 'failed', 'running')) AS p`);
    return res.rows[0].p as boolean;
  }

  /** ms until the next job becomes claimable (retry time or lease expiry); null when none pending */
  async nextClaimableInMs(): Promise<number | null> {
    const res = await this.store.query<{ ms: string | null }>(
      `SELECT EXTRACT(EPOCH FROM MIN(CASE WHEN state = 'running' THEN locked_at + $1::interval ELSE run_after END) - now()) * 1000 AS ms
       FROM jobs WHERE state IN ('queued', 'failed', 'running')`,
      [`${this.leaseMs} milliseconds`],
    );
    const ms = res.rows[0]?.ms;
    return ms === null || ms === undefined ? null : Math.max(0, Number(ms));
  }

  async status(parkedLimit = 20): Promise<QueueStatus> {
    const lease = `${this.leaseMs} milliseconds`;
    const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0, parked: 0 };
    for (const r of (await this.store.query<{ state: JobState; n: number }>(`SELECT state, COUNT(*)::int AS n FROM jobs GROUP BY state`)).rows) counts[r.state] = r.n;
    const one = (
      await this.store.query(
        `SELECT
           (SELECT COUNT(*)::int FROM jobs WHERE state = 'failed' AND run_after > now()) AS waiting,
           (SELECT COUNT(*)::int FROM jobs WHERE state = 'running' AND locked_at < now() - $1::interval) AS expired,
           (SELECT job_id FROM queue_cursor WHERE name = 'stories') AS cursor,
           (SELECT MIN(enqueued_at) FROM jobs WHERE state = 'queued') AS oldest`,
        [lease],
      )
    ).rows[0];
    const cursor = Number(one.cursor ?? 0);
    const backlog = Number((await this.store.query(`SELECT COUNT(*)::int AS n FROM jobs WHERE state = 'done' AND id > $1`, [cursor])).rows[0].n);
    const parked = (
      await this.store.query<{ article_id: string; attempts: number; last_error: string | null }>(`SELECT article_id, attempts, last_error FROM jobs WHERE state = 'parked' ORDER BY id LIMIT $1`, [parkedLimit])
    ).rows.map((r) => ({ articleId: r.article_id, attempts: r.attempts, lastError: r.last_error }));
    return {
      counts,
      waitingRetry: one.waiting as number,
      expired: one.expired as number,
      storyBacklog: backlog,
      storyCursor: cursor,
      oldestQueuedAt: one.oldest ? new Date(one.oldest as string).toISOString() : null,
      parked,
    };
  }
}
