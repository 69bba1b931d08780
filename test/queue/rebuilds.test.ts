/**
 * Work moved off the story lock: precomputed article terms (same assignments as computing
 * them in the clusterer, through a JSON round trip as stored), and story records rebuilt by
 * any worker from a versioned ledger (latest snapshot wins, one rebuild for many updates, a
 * merged story is never written back, a dead worker's claim comes back after its lease).
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { PostgresStore } from '../../src/store/postgres.ts';
import { createScratchDatabase, pgTestMode, type ScratchDatabase } from '../../src/store/pg/admin.ts';
import { StoryClusterer } from '../../src/stories/clusterer.ts';
import { articleTerms } from '../../src/stories/features.ts';
import { analyseArticles } from '../../src/pipeline/analyse.ts';
import { BoilerplateModel } from '../../src/clean/index.ts';
import type { StoryInputRecord } from '../../src/pipeline/analyse.ts';
import type { SnapshotStory } from '../../src/stories/index.ts';
import { decodeTerms, encodeTerms } from '../../src/queue/terms.ts';
import { markStories, pendingRebuilds, runRebuilds } from '../../src/queue/rebuilds.ts';
import { fixtureArticles } from './fixtures.ts';

const { articles } = fixtureArticles({ articles: 120, stories: 12 });
const inputs = analyseArticles(articles, new BoilerplateModel()).find((w) => w.stage === 'story-input')!.items.map((it) => it.data as StoryInputRecord);

describe('precomputed article terms', () => {
  it('survive a JSON round trip with Map order intact', () => {
    for (const input of inputs.slice(0, 20)) {
      const t = articleTerms(input);
      const back = decodeTerms(JSON.parse(JSON.stringify(encodeTerms(t))));
      assert.deepEqual([...back.tf], [...t.tf]);
      assert.deepEqual([...back.entityCounts], [...t.entityCounts]);
      assert.deepEqual([...back.titleTerms], [...t.titleTerms]);
      assert.deepEqual([...back.entities], [...t.entities]);
      assert.deepEqual(back.leadEntities, t.leadEntities);
    }
  });

  it('give the clusterer exactly the assignments it computes itself', () => {
    const plain = new StoryClusterer();
    const pre = new StoryClusterer();
    const sorted = [...inputs].sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
    let stories = 0;
    for (const input of sorted) {
      const a = plain.assign(input);
      const b = pre.assign(input, { terms: decodeTerms(JSON.parse(JSON.stringify(encodeTerms(articleTerms(input))))) });
      assert.deepEqual({ ...b, score: Number(b.score.toFixed(12)) }, { ...a, score: Number(a.score.toFixed(12)) });
      if (a.isNewStory) stories++;
    }
    assert.ok(stories > 1 && stories < sorted.length, `a real clustering (${stories} stories)`);
  });
});

const mode = await pgTestMode();
if (mode.mode !== 'run') {
  describe('story record ledger', () => {
    it(mode.mode === 'skip' ? 'skipped' : 'needs a reachable PostgreSQL server', (t) => (mode.mode === 'skip' ? t.skip(mode.reason) : assert.fail(mode.reason)));
  });
} else {
  describe('story record ledger', () => {
    const dbs: ScratchDatabase[] = [];
    after(async () => {
      for (const d of dbs) await d.drop();
    });
    const snap = (id: string, ids: string[]): SnapshotStory => ({ id, articleIds: ids, first: 0, last: 0, closed: false, events: [{ id: `${id}-e`, articleIds: ids, first: 0, last: 0, date: null } as SnapshotStory['events'][number]] });

    it('builds the latest snapshot once, never writes an older one, never writes back a merged story', async () => {
      const db = await createScratchDatabase();
      dbs.push(db);
      const store = await PostgresStore.open(db.url);
      const set = articles.slice(0, 6);
      await store.addArticles(set);
      const ids = set.map((a) => a.id);

      await store.transaction(() => markStories(store, [snap('s1', ids.slice(0, 2))], [], 5));
      assert.equal(await pendingRebuilds(store), 1);
      assert.equal(await runRebuilds(store, 'w1'), 1);
      assert.deepEqual((await store.getStory('s1'))!.articleIds.length, 2);

      // three updates before anyone rebuilds: one rebuild, from the latest
      await store.transaction(() => markStories(store, [snap('s1', ids.slice(0, 3))], [], 6));
      await store.transaction(() => markStories(store, [snap('s1', ids.slice(0, 4))], [], 8));
      // a late, older version (a stale sequencer) changes nothing
      await store.transaction(() => markStories(store, [snap('s1', ids.slice(0, 1))], [], 7));
      assert.equal(await runRebuilds(store, 'w1'), 1);
      assert.equal(await pendingRebuilds(store), 0);
      assert.equal((await store.getStory('s1'))!.articleIds.length, 4);
      assert.equal(((await store.getAnalysis('story', ids[3])) as { storyId: string }).storyId, 's1');

      // merged away: the pending rebuild of its last snapshot must not bring it back
      await store.transaction(() => markStories(store, [snap('s2', ids.slice(4, 6))], [], 9));
      await store.transaction(async () => {
        await markStories(store, [], ['s2'], 10);
        await store.deleteStories(['s2']);
      });
      assert.equal(await runRebuilds(store, 'w1'), 0);
      assert.equal(await store.getStory('s2'), null);
      assert.equal(await pendingRebuilds(store), 0);
      await store.close();
    });

    it("a dead worker's claim is taken over after its lease, not before", async () => {
      const db = await createScratchDatabase();
      dbs.push(db);
      const store = await PostgresStore.open(db.url);
      const set = articles.slice(0, 3);
      await store.addArticles(set);
      await store.transaction(() => markStories(store, [snap('s1', set.map((a) => a.id))], [], 3));
      await store.query(`UPDATE story_rebuilds SET locked_by = 'dead', locked_at = now()`);
      assert.equal(await runRebuilds(store, 'w2', { leaseMs: 60_000 }), 0);
      assert.equal(await store.getStory('s1'), null);
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(await runRebuilds(store, 'w2', { leaseMs: 10 }), 1);
      assert.equal((await store.getStory('s1'))!.articleIds.length, 3);
      await store.close();
    });
  });
}
