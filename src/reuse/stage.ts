/**
 * The reuse stage over a store: index every article the reuse index has not seen yet, in
 * publication order (so "who published first" is known when a copy is found), one
 * transaction per batch so an interrupted run never leaves half-indexed articles.
 */
import type { Store } from '../store/store.ts';
import { SIG_STAGE } from './backend.ts';
import { ReuseIndex } from './reuse-index.ts';
import { storeTextSource } from './store-text.ts';

const time = (p: string | number | null | undefined): number => (p == null ? Number.POSITIVE_INFINITY : typeof p === 'number' ? p : Date.parse(p) || Number.POSITIVE_INFINITY);

/** Indexes every stored article the reuse index has not seen yet; returns how many. */
export async function runReuseStage(store: Store, opts: { batch?: number; onProgress?: (n: number) => void } = {}): Promise<number> {
  const textOf = storeTextSource(store);
  const index = ReuseIndex.overStore(store, textOf);
  const batch = opts.batch ?? 500;
  let n = 0;
  for (;;) {
    const ids = await store.articlesWithoutAnalysis(SIG_STAGE, batch);
    if (ids.length === 0) return n;
    const docs = await textOf(ids);
    docs.sort((a, b) => time(a.publishedAt) - time(b.publishedAt));
    await store.transaction(async () => {
      await index.addBatch(docs);
    });
    n += docs.length;
    opts.onProgress?.(n);
    if (docs.length < ids.length) return n; // ids without a readable article: stop rather than loop
  }
}
