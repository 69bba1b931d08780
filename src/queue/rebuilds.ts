/**
 * Story records rebuilt *outside* the serialized story step, by any worker.
 *
 * The sequencer (under its lock, in queue order) only decides membership: it records each
 * touched story's new snapshot here, with a version (the sequencer cursor after the batch,
 * monotonic across leaders), and marks stories merged away as gone. Rebuilding a story's
 * record (entities, timeline, comparison, summary — the expensive part) is then claimed by
 * any worker like a job: claims never overlap (FOR UPDATE SKIP LOCKED + a lease), and a story
 * touched by ten batches while nobody got to it is rebuilt once, from its latest snapshot
 * (the debounce comes for free).
 *
 * Last writer correct: the write transaction locks the story's ledger row and writes only if
 * its version is newer than the one already built and the story is not gone; the sequencer
 * updates the same row before deleting a merged story, so a stale rebuild can neither
 * overwrite a newer record nor resurrect a merged story. A worker killed mid-rebuild leaves
 * the row claimable again after the lease.
 */
import type { PostgresStore } from '../store/postgres.ts';
import type { SnapshotStory } from '../stories/index.ts';
import { rebuildStories } from '../pipeline/story-records.ts';
import { STORY_STAGE, assignmentRecords } from '../pipeline/story-stage.ts';

const ensured = new WeakMap<PostgresStore, Promise<void>>();
const LOCK_LEDGER = 0x4d415253_21;

/** The ledger table (created on first use; the lead may move this into the migrations). */
export function ensureRebuildLedger(store: PostgresStore): Promise<void> {
  let p = ensured.get(store);
  if (!p) {
    p = store.transaction(async () => {
      // concurrent CREATE TABLE IF NOT EXISTS can still collide on the catalog: serialise it
      await store.query('SELECT pg_advisory_xact_lock($1)', [LOCK_LEDGER]);
      await store.query(`CREATE TABLE IF NOT EXISTS story_rebuilds (
        story_id TEXT PRIMARY KEY,
        version BIGINT NOT NULL,
        snapshot JSONB,
        built BIGINT NOT NULL DEFAULT 0,
        locked_by TEXT,
        locked_at TIMESTAMPTZ,
        touched_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        dirty_since TIMESTAMPTZ NOT NULL DEFAULT now())`);
      await store.query('CREATE INDEX IF NOT EXISTS story_rebuilds_pending ON story_rebuilds (version) WHERE version > built');
    });
    p.catch(() => ensured.delete(store));
    ensured.set(store, p);
  }
  return p;
}

/**
 * In the sequencer's transaction: new snapshots for touched stories, gone for merged ones.
 * Must run before the merged stories' records are deleted (it takes their rows' locks first).
 */
export async function markStories(store: PostgresStore, touched: SnapshotStory[], gone: string[], version: number): Promise<void> {
  await ensureRebuildLedger(store);
  const rows = [...touched.map((s) => ({ id: s.id, snapshot: s as unknown })), ...gone.map((id) => ({ id, snapshot: null }))];
  if (rows.length === 0) return;
  await store.query(
    `INSERT INTO story_rebuilds (story_id, version, snapshot)
     SELECT x->>'id', $2, NULLIF(x->'snapshot', 'null'::jsonb) FROM jsonb_array_elements($1::jsonb) x
     ON CONFLICT (story_id) DO UPDATE SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, touched_at = now(),
       dirty_since = CASE WHEN story_rebuilds.version > story_rebuilds.built THEN story_rebuilds.dirty_since ELSE now() END
     WHERE story_rebuilds.version <= EXCLUDED.version`,
    [JSON.stringify(rows), version],
  );
}

/** Stories whose latest snapshot is not built yet (any worker may still build them). */
export async function pendingRebuilds(store: PostgresStore): Promise<number> {
  await ensureRebuildLedger(store);
  return Number((await store.query(`SELECT COUNT(*)::int AS n FROM story_rebuilds WHERE version > built`)).rows[0].n);
}

/**
 * Claims up to `limit` unbuilt stories and rebuilds them. Returns the stories written (stale
 * or gone ones are skipped, not counted).
 */
export interface RebuildOptions {
  limit?: number;
  leaseMs?: number;
  /**
   * Debounce: leave a story alone until it has been quiet this long (a story growing batch
   * after batch is rebuilt once it settles, not after every batch)…
   */
  settleMs?: number;
  /** …or until it has waited this long (records of a story that never settles still refresh) */
  maxStaleMs?: number;
}

export async function runRebuilds(store: PostgresStore, workerId: string, opts: RebuildOptions = {}): Promise<number> {
  await ensureRebuildLedger(store);
  const ms = (x: number) => `${x} milliseconds`;
  const claimed = (
    await store.query<{ story_id: string; version: string; snapshot: SnapshotStory | null }>(
      `UPDATE story_rebuilds SET locked_by = $1, locked_at = now()
       WHERE story_id IN (
         SELECT story_id FROM story_rebuilds
         WHERE version > built AND (locked_by IS NULL OR locked_at < now() - $3::interval)
           AND (touched_at <= now() - $4::interval OR dirty_since <= now() - $5::interval)
         ORDER BY version LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING story_id, version, snapshot`,
      [workerId, opts.limit ?? 10, ms(opts.leaseMs ?? 60_000), ms(opts.settleMs ?? 0), ms(opts.maxStaleMs ?? 0)],
    )
  ).rows;
  let written = 0;
  for (const c of claimed) {
    const version = Number(c.version);
    try {
      if (c.snapshot) {
        written += await rebuildStories(store, [c.snapshot], {
          // inside the story's write transaction: row lock, then the newer-than-built check
          guard: async () => {
            const r = (await store.query<{ built: string; gone: boolean }>(`SELECT built, snapshot IS NULL AS gone FROM story_rebuilds WHERE story_id = $1 FOR UPDATE`, [c.story_id])).rows[0];
            if (!r || r.gone || Number(r.built) >= version) return false;
            await store.query('UPDATE story_rebuilds SET built = $2 WHERE story_id = $1', [c.story_id, version]);
            await store.putAnalyses(STORY_STAGE, assignmentRecords([c.snapshot!]));
            return true;
          },
        });
      } else {
        await store.query('UPDATE story_rebuilds SET built = GREATEST(built, $2) WHERE story_id = $1 AND snapshot IS NULL', [c.story_id, version]);
      }
    } finally {
      await store.query('UPDATE story_rebuilds SET locked_by = NULL, locked_at = NULL WHERE story_id = $1 AND locked_by = $2', [c.story_id, workerId]);
    }
  }
  return written;
}
