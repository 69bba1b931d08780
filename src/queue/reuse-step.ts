/**
 * Wire-copy indexing for queue workers, off the story sequencer's lock.
 *
 * The reuse index needs its own order only ("who published first" among what it has seen),
 * not the clusterer's, so it runs under its own advisory lock with its own cursor over the
 * job order: the run of finished jobs (done, or parked = skipped) after the cursor, stopping
 * at the first unfinished one — the same rule as the story sequencer. Any worker may advance
 * it (a worker that finds the lock taken moves on), so it overlaps the story step instead of
 * lengthening it. Only analysed articles are indexed, from their cleaned text (running
 * `runReuseStage` inside the story step indexed every *stored* article, most of them still
 * uncleaned, from raw text).
 */
import type { PostgresStore } from '../store/postgres.ts';
import { ReuseIndex } from '../reuse/reuse-index.ts';
import { storeTextSource } from '../reuse/store-text.ts';
import { committedPrefix } from './queue.ts';

const LOCK_REUSE = 0x4d415253_22;
const CURSOR_KEY = 'queue/reuse-cursor';

const time = (p: string | number | null | undefined): number => (p == null ? Number.POSITIVE_INFINITY : typeof p === 'number' ? p : Date.parse(p) || Number.POSITIVE_INFINITY);

/** Indexes finished jobs after the reuse cursor (one page); returns articles indexed, or null if another worker holds the lock. */
export async function advanceReuse(store: PostgresStore, opts: { page?: number } = {}): Promise<{ indexed: number; more: boolean } | null> {
  return store.transaction(async () => {
    const ok = (await store.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [LOCK_REUSE])).rows[0].ok as boolean;
    if (!ok) return null;
    const cursor = (await store.getState<number>(CURSOR_KEY)) ?? 0;
    const limit = opts.page ?? 500;
    const { ids, after, full } = await committedPrefix(store, cursor, limit);
    if (after === cursor) return { indexed: 0, more: false };
    const textOf = storeTextSource(store);
    const docs = await textOf(ids);
    // publication order within the page, as runReuseStage does
    docs.sort((a, b) => time(a.publishedAt) - time(b.publishedAt));
    if (docs.length) await ReuseIndex.overStore(store, textOf).addBatch(docs);
    await store.setState(CURSOR_KEY, after);
    return { indexed: docs.length, more: full };
  });
}

/** Finished jobs the reuse cursor has not passed yet. */
export async function reuseBacklog(store: PostgresStore): Promise<number> {
  const cursor = (await store.getState<number>(CURSOR_KEY)) ?? 0;
  return Number((await store.query(`SELECT COUNT(*)::int AS n FROM jobs WHERE state IN ('done', 'parked') AND id > $1`, [cursor])).rows[0].n);
}
