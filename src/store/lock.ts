/**
 * Cross-process locks for the few read-modify-write steps that workers share (the boilerplate
 * model, story assignment). PostgreSQL: a transaction-scoped advisory lock; SQLite: nothing
 * to do — one writer at a time is SQLite's own rule.
 */
import type { Store } from './store.ts';

export const LOCK_MIGRATE = 0x4d415253_01; // 'MARS' + 1
/** advisory lock keys (pg_advisory_lock's bigint space; any constant unique to Marsad) */
export const LOCK_STORIES = 0x4d415253_02;
export const LOCK_MODELS = 0x4d415253_03;
/** session-level: held by the one worker that runs the story step (the sequencer leader) */
export const LOCK_STORY_LEADER = 0x4d415253_04;

/** Takes `key` for the rest of the current transaction (call it inside `store.transaction`). */
export async function advisoryLock(store: Store, key: number): Promise<void> {
  const q = (store as { query?: (sql: string, p: unknown[]) => Promise<unknown> }).query;
  if (store.kind === 'postgres' && q) await q.call(store, 'SELECT pg_advisory_xact_lock($1)', [key]);
}
