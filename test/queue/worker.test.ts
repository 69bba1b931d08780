/**
 * The PostgreSQL work queue and workers: disjoint claims, retries with backoff, parking,
 * lease expiry, 1 vs 4 workers giving the same stories, and kill -9 of a worker mid-batch
 * losing nothing and committing nothing twice. Each test runs on a fresh database.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PostgresStore } from '../../src/store/postgres.ts';
import { createScratchDatabase, pgTestMode, type ScratchDatabase } from '../../src/store/pg/admin.ts';
import { JobQueue } from '../../src/queue/queue.ts';
import { advanceStories, runWorker } from '../../src/queue/worker.ts';
import { pipelineStages, type WorkerStages } from '../../src/queue/stages.ts';
import { STORY_INPUT_STAGE } from '../../src/queue/story-step.ts';
import type { Article } from '../../src/model.ts';
import { bcubedF1, fixtureArticles } from './fixtures.ts';

const mode = await pgTestMode();

/** article → story id over every stored story; fails on an article in two stories */
async function storyOf(store: PostgresStore): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const s of await store.listStories()) {
    for (const a of s.articleIds) {
      assert.ok(!m.has(a), `article ${a} is in two stories (${m.get(a)} and ${s.id})`);
      m.set(a, s.id);
    }
  }
  return m;
}

async function seeded(dbs: ScratchDatabase[], articles: Article[]): Promise<{ db: ScratchDatabase; store: PostgresStore; queue: JobQueue }> {
  const db = await createScratchDatabase();
  dbs.push(db);
  const store = await PostgresStore.open(db.url);
  await store.addArticles(articles);
  const queue = new JobQueue(store);
  await queue.enqueue(articles.map((a) => a.id));
  return { db, store, queue };
}

if (mode.mode !== 'run') {
  describe('PostgreSQL work queue', () => {
    it(mode.mode === 'skip' ? 'skipped' : 'needs a reachable PostgreSQL server', (t) => (mode.mode === 'skip' ? t.skip(mode.reason) : assert.fail(mode.reason)));
  });
} else {
  describe('PostgreSQL work queue', () => {
    const dbs: ScratchDatabase[] = [];
    after(async () => {
      for (const d of dbs) await d.drop();
    });
    const { articles } = fixtureArticles({ articles: 300, stories: 30 });
    const small = articles.slice(0, 40);

    it('enqueue is idempotent and concurrent claims never overlap', async () => {
      const { db, store, queue } = await seeded(dbs, small);
      assert.deepEqual(await queue.enqueue(small.slice(0, 5).map((a) => a.id)), { enqueued: 0, existing: 5 });
      const others = await Promise.all([1, 2, 3].map(() => PostgresStore.open(db.url)));
      const claims = await Promise.all([store, ...others].map((s, i) => new JobQueue(s).claim(`w${i}`, 7)));
      const all = claims.flat().map((j) => j.articleId);
      assert.equal(all.length, 28);
      assert.equal(new Set(all).size, 28, 'no job claimed twice');
      // claimed in job order: together they are exactly the first 28 jobs
      assert.deepEqual(new Set(all), new Set(small.slice(0, 28).map((a) => a.id)));
      const st = await queue.status();
      assert.deepEqual(st.counts, { queued: 12, running: 28, done: 0, failed: 0, parked: 0 });
      for (const s of [store, ...others]) await s.close();
    });

    it('retries a failing article with exponential backoff, parks it after maxAttempts, and the batch goes on', async () => {
      const { store, queue } = await seeded(dbs, small.slice(0, 10));
      const poison = small[3].id;
      const real = pipelineStages();
      const stages: WorkerStages = {
        ...real,
        async analyse(s, batch) {
          if (batch.some((a) => a.id === poison)) throw new Error('cannot parse this one');
          return real.analyse(s, batch);
        },
      };
      const q = new JobQueue(store, { maxAttempts: 3, backoffBaseMs: 40, leaseMs: 5000 });
      // one pass: everything but the poison is done; the poison waits for its retry
      const [first] = [await q.claim('w1', 10)];
      assert.equal(first.length, 10);
      await store.query(`UPDATE jobs SET state = 'queued', attempts = 0, locked_by = NULL WHERE state = 'running'`);
      const events: string[] = [];
      const rep = await runWorker(store, { stages, once: true, maxAttempts: 3, backoffBaseMs: 40, leaseMs: 5000, idleMs: 20, onEvent: (e) => e.type === 'failed' && events.push(`${e.state}@${e.attempts}`) });
      assert.deepEqual(events, ['failed@1', 'failed@2', 'parked@3']);
      assert.equal(rep.completed, 9);
      const st = await queue.status();
      assert.deepEqual(st.counts, { queued: 0, running: 0, done: 9, failed: 0, parked: 1 });
      assert.equal(st.parked[0].articleId, poison);
      assert.match(st.parked[0].lastError ?? '', /cannot parse this one/);
      // the story sequencer stepped over the parked job: all 9 done articles have a story
      assert.equal(st.storyBacklog, 0);
      assert.equal((await storyOf(store)).size, 9);
      assert.equal(await store.getAnalysis('clean', poison), null);
      // fixed: requeued at the tail, processed, and assigned a story
      assert.equal(await queue.retryParked(), 1);
      await runWorker(store, { once: true, idleMs: 20 });
      assert.equal((await storyOf(store)).size, 10);
      assert.deepEqual((await queue.status()).counts, { queued: 0, running: 0, done: 10, failed: 0, parked: 0 });
      await store.close();
    });

    it('reclaims the jobs of a worker whose lease expired; its late completion writes nothing', async () => {
      const { store } = await seeded(dbs, small.slice(0, 3));
      const slowQ = new JobQueue(store, { leaseMs: 60_000 });
      const fastQ = new JobQueue(store, { leaseMs: 30 });
      const stale = await slowQ.claim('stale', 3);
      assert.equal(stale.length, 3);
      assert.equal((await fastQ.claim('other', 3)).length, 0, 'not before the lease expires');
      await new Promise((r) => setTimeout(r, 80));
      const taken = await fastQ.claim('other', 3);
      assert.deepEqual(taken.map((j) => j.articleId), stale.map((j) => j.articleId));
      assert.ok(taken.every((j) => j.attempts === 2));
      let wrote = false;
      assert.deepEqual(await slowQ.complete('stale', stale, async () => void (wrote = true)), []);
      assert.equal(wrote, false);
      assert.equal((await fastQ.complete('other', taken, async () => undefined)).length, 3);
      await store.close();
    });

    it('4 concurrent workers produce the same stories as 1 worker: no duplicate, no missing article', async () => {
      const one = await seeded(dbs, articles);
      await runWorker(one.store, { once: true, idleMs: 20 });
      const ref = await storyOf(one.store);
      assert.equal(ref.size, articles.length);

      const four = await seeded(dbs, articles);
      const stores = [four.store, ...(await Promise.all([1, 2, 3].map(() => PostgresStore.open(four.db.url))))];
      // separate stores and stage objects: four workers as four processes would be (own pools, own story copies)
      const reports = await Promise.all(stores.map((s) => runWorker(s, { once: true, idleMs: 20, batchSize: 10 })));
      assert.ok(reports.filter((r) => r.completed > 0).length >= 2, `work was shared: ${reports.map((r) => r.completed).join('/')}`);
      assert.equal(reports.reduce((n, r) => n + r.completed, 0), articles.length, 'each article completed exactly once');
      const got = await storyOf(four.store);
      assert.equal(got.size, articles.length, 'every article in a story');
      const f = bcubedF1(ref, got);
      assert.ok(f >= 0.99, `B-cubed F1 against the single worker: ${f.toFixed(4)}`);
      assert.equal((await four.queue.status()).counts.done, articles.length);
      for (const s of [...stores, one.store]) await s.close();
    });

    it('kill -9 of a worker mid-batch loses nothing and commits nothing twice', async () => {
      const set = articles.slice(0, 120);
      const one = await seeded(dbs, set);
      await runWorker(one.store, { once: true, idleMs: 20 });
      const ref = await storyOf(one.store);

      const { db, store, queue } = await seeded(dbs, set);
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./worker-child.ts', import.meta.url)), db.url], { stdio: ['ignore', 'pipe', 'inherit'] });
      const held = await new Promise<string[]>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('child worker did not reach its second batch in 60 s')), 60_000);
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const e = JSON.parse(line) as { type: string; ids?: string[] };
          if (e.type === 'holding') {
            clearTimeout(t);
            resolve(e.ids!);
          }
        });
        child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const mid = await queue.status();
      assert.equal(mid.counts.running, held.length, 'the killed worker held a claimed batch');
      assert.ok(mid.counts.done >= 20, 'its first batch was committed');
      assert.equal(await store.getAnalysis('clean', held[0]), null, 'nothing of the killed batch was written');

      // a survivor with a short lease reclaims the dead worker's batch and drains the queue
      const rep = await runWorker(store, { once: true, idleMs: 20, leaseMs: 200 });
      assert.equal(rep.completed + mid.counts.done, set.length, 'every article completed exactly once');
      const end = await queue.status();
      assert.deepEqual(end.counts, { queued: 0, running: 0, done: set.length, failed: 0, parked: 0 });
      assert.equal(end.storyBacklog, 0);
      const got = await storyOf(store);
      assert.equal(got.size, set.length, 'no article lost, none in two stories');
      const inputs = await store.getAnalyses(STORY_INPUT_STAGE, set.map((a) => a.id));
      assert.equal(inputs.size, set.length);
      assert.ok(bcubedF1(ref, got) >= 0.99, `B-cubed F1 against an uninterrupted run: ${bcubedF1(ref, got).toFixed(4)}`);
      await advanceStories(store, pipelineStages()); // a fresh worker's copy replays to the same place and adds nothing
      assert.equal((await storyOf(store)).size, set.length);
      await one.store.close();
      await store.close();
    });
  });
}
