/**
 * Runs every analysis stage over the articles that still need it. Stub for now: the lead
 * owns this file and wires clean → extract → reuse → stories here.
 */
import type { Store } from './store/store.ts';

export async function processAll(_store: Store, _opts: { progress?: boolean } = {}): Promise<void> {
  // nothing yet
}
