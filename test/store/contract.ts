/**
 * The Store contract as a reusable suite: every implementation (SQLite now, PostgreSQL later)
 * runs `storeContract(name, makeStore)`. `makeStore` returns a fresh, empty store.
 */
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Story } from '../../src/model.ts';
import type { Store } from '../../src/store/store.ts';

export interface StoreFactory {
  (): Promise<{ store: Store; reopen?: () => Promise<Store>; cleanup: () => Promise<void> }>;
}

export function article(n: number, over: Partial<Article> = {}): Article {
  return {
    id: `a${String(n).padStart(15, '0')}`,
    inputId: null,
    url: `https://ofuq.example/news/${n}`,
    source: n % 2 ? 'الأفق' : 'مدار',
    origin: `ofuq/${n}.txt`,
    format: 'txt',
    publishedAt: `2023-09-${String(10 + (n % 10)).padStart(2, '0')}T08:00:00+03:00`,
    title: `أعلنت وزارة الصحة حصيلة جديدة رقم ${n}`,
    lang: 'ar',
    raw: `الرياض: أعلنت وزارة الصحة اليوم الأحد حصيلة جديدة.\nوقال المتحدث باسم الوزارة إن الفرق الطبية تعمل منذ الصباح (${n}).`,
    rawKind: 'text',
    encoding: 'utf-8',
    ingestedAt: '2023-09-20T10:00:00.000Z',
    ...over,
  };
}

export function story(id: string, over: Partial<Story> = {}): Story {
  return {
    id,
    title: 'فيضانات في مدينة ساحلية',
    headline: 'فيضانات تضرب مدينة ساحلية وتخلف عشرات الضحايا',
    articleIds: ['a1', 'a2'],
    sources: ['الأفق', 'مدار'],
    firstReportedBy: 'a1',
    dateStart: '2023-09-10',
    dateEnd: '2023-09-12',
    events: [],
    entities: [],
    timeline: [],
    facts: [],
    conflicts: [],
    summary: [],
    ...over,
  };
}

export function storeContract(name: string, makeStore: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let reopen: (() => Promise<Store>) | undefined;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, reopen, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    it('adds a batch, reports existing ids on re-add and keeps every field', async () => {
      const a = article(1, { inputId: 'x-1', title: null, publishedAt: null });
      const r1 = await store.addArticles([a, article(2)]);
      assert.deepEqual(r1, { added: [a.id, article(2).id], existing: [] });
      const r2 = await store.addArticles([article(2), article(3)]);
      assert.deepEqual(r2, { added: [article(3).id], existing: [article(2).id] });
      assert.deepEqual(await store.getArticle(a.id), a);
      assert.equal(await store.countArticles(), 3);
      assert.equal(await store.getArticle('nope'), null);
    });

    it('treats a duplicate inside one batch as existing', async () => {
      const r = await store.addArticles([article(1), article(1)]);
      assert.deepEqual(r, { added: [article(1).id], existing: [article(1).id] });
    });

    it('hasArticles / getArticles keep the order asked and skip unknown ids', async () => {
      await store.addArticles([1, 2, 3].map((n) => article(n)));
      const has = await store.hasArticles([article(3).id, 'zzz', article(1).id]);
      assert.deepEqual([...has].sort(), [article(1).id, article(3).id].sort());
      const got = await store.getArticles([article(3).id, 'zzz', article(1).id]);
      assert.deepEqual(got.map((a) => a.id), [article(3).id, article(1).id]);
    });

    it('lists with source/date/title filters, limit and offset, in ingest order', async () => {
      await store.addArticles([1, 2, 3, 4, 5, 6].map((n) => article(n)));
      assert.deepEqual((await store.listArticles({ source: 'الأفق' })).map((a) => a.id), [1, 3, 5].map((n) => article(n).id));
      // published 2023-09-11 … 2023-09-16 for n = 1…6; until is inclusive of the whole day
      assert.deepEqual((await store.listArticles({ since: '2023-09-12', until: '2023-09-14' })).map((a) => a.id), [2, 3, 4].map((n) => article(n).id));
      assert.deepEqual((await store.listArticles({ text: 'رقم 5' })).map((a) => a.id), [article(5).id]);
      assert.deepEqual((await store.listArticles({ text: '%' })).length, 0, 'LIKE wildcards are literal');
      assert.deepEqual((await store.listArticles({ limit: 2, offset: 1 })).map((a) => a.id), [2, 3].map((n) => article(n).id));
    });

    it('iterates every article in order, also with writes between items', async () => {
      const n = 450; // more than one page
      await store.addArticles(Array.from({ length: n }, (_, i) => article(i + 1)));
      const seen: string[] = [];
      for await (const a of store.iterateArticles()) {
        seen.push(a.id);
        if (seen.length % 100 === 0) await store.putAnalyses('clean', [{ articleId: a.id, data: { ok: true } }]);
      }
      assert.equal(seen.length, n);
      assert.equal(seen[0], article(1).id);
      assert.equal(seen[n - 1], article(n).id);
      const some: string[] = [];
      for await (const a of store.iterateArticles({ source: 'مدار', limit: 3, offset: 1 })) some.push(a.id);
      assert.deepEqual(some, [4, 6, 8].map((k) => article(k).id));
    });

    it('stores analyses per stage, replaces them, and says what is left to do', async () => {
      await store.addArticles([1, 2, 3].map((n) => article(n)));
      await store.putAnalyses('entities', [
        { articleId: article(1).id, data: [{ type: 'PER', text: 'سلمان', start: 0, end: 5 }] },
        { articleId: article(2).id, data: [] },
      ]);
      await store.putAnalyses('entities', [{ articleId: article(2).id, data: [{ type: 'LOC', text: 'الرياض', start: 0, end: 6 }] }]);
      assert.deepEqual(await store.getAnalysis('entities', article(2).id), [{ type: 'LOC', text: 'الرياض', start: 0, end: 6 }]);
      assert.equal(await store.getAnalysis('quotes', article(2).id), null);
      const m = await store.getAnalyses<unknown[]>('entities', [article(1).id, article(3).id]);
      assert.deepEqual([...m.keys()], [article(1).id]);
      assert.deepEqual(await store.articlesWithoutAnalysis('entities'), [article(3).id]);
      assert.deepEqual(await store.articlesWithoutAnalysis('clean', 2), [article(1).id, article(2).id]);
    });

    it('postings: add is idempotent, lookup by keys, remove by ref', async () => {
      await store.addPostings('lsh', [
        { key: 'b1:aa', ref: 'x' },
        { key: 'b1:aa', ref: 'y' },
        { key: 'b2:bb', ref: 'x' },
      ]);
      await store.addPostings('lsh', [{ key: 'b1:aa', ref: 'x' }]);
      await store.addPostings('terms', [{ key: 'b1:aa', ref: 'x' }]);
      const got = await store.lookupPostings('lsh', ['b1:aa', 'b2:bb', 'none']);
      assert.deepEqual(got.map((p) => `${p.key}>${p.ref}`).sort(), ['b1:aa>x', 'b1:aa>y', 'b2:bb>x']);
      await store.removePostings('lsh', 'x');
      assert.deepEqual((await store.lookupPostings('lsh', ['b1:aa', 'b2:bb'])).map((p) => p.ref), ['y']);
      assert.equal((await store.lookupPostings('terms', ['b1:aa'])).length, 1, 'other indexes untouched');
    });

    it('deleteArticle removes the article, its analyses and its postings everywhere', async () => {
      const a = article(1);
      await store.addArticles([a, article(2)]);
      await store.putAnalyses('clean', [{ articleId: a.id, data: { x: 1 } }]);
      await store.addPostings('lsh', [{ key: 'k', ref: a.id }, { key: 'k', ref: article(2).id }]);
      await store.addPostings('terms', [{ key: 't', ref: a.id }]);
      assert.equal(await store.deleteArticle(a.id), true);
      assert.equal(await store.deleteArticle(a.id), false);
      assert.equal(await store.getArticle(a.id), null);
      assert.equal(await store.getAnalysis('clean', a.id), null);
      assert.deepEqual((await store.lookupPostings('lsh', ['k'])).map((p) => p.ref), [article(2).id]);
      assert.deepEqual(await store.lookupPostings('terms', ['t']), []);
    });

    it('stories: put/replace, get, filter, order, delete, count', async () => {
      await store.putStories([
        story('s1'),
        story('s2', { articleIds: ['a1', 'a2', 'a3', 'a4'], dateStart: '2023-09-01', dateEnd: '2023-09-02', sources: ['الأفق'], title: 'زلزال' }),
        story('s3', { articleIds: ['a5'], dateStart: '2023-09-20', dateEnd: '2023-09-21', sources: ['مدار'] }),
      ]);
      assert.equal(await store.countStories(), 3);
      assert.deepEqual(await store.getStory('s2'), story('s2', { articleIds: ['a1', 'a2', 'a3', 'a4'], dateStart: '2023-09-01', dateEnd: '2023-09-02', sources: ['الأفق'], title: 'زلزال' }));
      assert.deepEqual((await store.listStories({ order: 'newest' })).map((s) => s.id), ['s3', 's1', 's2']);
      assert.deepEqual((await store.listStories({ order: 'biggest' })).map((s) => s.id), ['s2', 's1', 's3']);
      assert.deepEqual((await store.listStories({ source: 'مدار' })).map((s) => s.id).sort(), ['s1', 's3']);
      assert.deepEqual((await store.listStories({ since: '2023-09-05', until: '2023-09-15' })).map((s) => s.id), ['s1']);
      assert.deepEqual((await store.listStories({ text: 'زلزال' })).map((s) => s.id), ['s2']);
      await store.putStories([story('s1', { title: 'عنوان جديد' })]);
      assert.equal((await store.getStory('s1'))?.title, 'عنوان جديد');
      await store.deleteStories(['s1', 's3']);
      assert.deepEqual((await store.listStories()).map((s) => s.id), ['s2']);
      assert.equal(await store.getStory('s1'), null);
    });

    it('state: get/set JSON values', async () => {
      assert.equal(await store.getState('model'), null);
      await store.setState('model', { v: 2, weights: [0.5, 1] });
      await store.setState('model', { v: 3, weights: [1] });
      assert.deepEqual(await store.getState('model'), { v: 3, weights: [1] });
    });

    it('transaction commits all writes, or none when the function throws', async () => {
      await store.transaction(async () => {
        await store.addArticles([article(1)]);
        await store.setState('k', 1);
      });
      await assert.rejects(
        store.transaction(async () => {
          await store.addArticles([article(2)]);
          await store.putAnalyses('clean', [{ articleId: article(1).id, data: 1 }]);
          await store.setState('k', 2);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await store.countArticles(), 1);
      assert.equal(await store.getState('k'), 1);
      assert.equal(await store.getAnalysis('clean', article(1).id), null);
      // nested: inner failure caught by the caller rolls back only the inner part
      await store.transaction(async () => {
        await store.setState('outer', true);
        await store.transaction(async () => {
          await store.setState('inner', true);
          throw new Error('inner');
        }).catch(() => undefined);
      });
      assert.equal(await store.getState('outer'), true);
      assert.equal(await store.getState('inner'), null);
    });

    it('stats counts articles by source and format, analyses and postings', async () => {
      await store.addArticles([1, 2, 3].map((n) => article(n)));
      await store.putAnalyses('clean', [{ articleId: article(1).id, data: {} }]);
      await store.addPostings('lsh', [{ key: 'k', ref: 'r' }]);
      const s = await store.stats();
      assert.equal(s.articles, 3);
      assert.deepEqual(s.bySource, [{ source: 'الأفق', count: 2 }, { source: 'مدار', count: 1 }]);
      assert.deepEqual(s.byFormat, [{ format: 'txt', count: 3 }]);
      assert.deepEqual(s.analyses, [{ stage: 'clean', count: 1 }]);
      assert.deepEqual(s.postings, [{ index: 'lsh', count: 1 }]);
      assert.equal(s.publishedFrom, article(1).publishedAt);
    });

    it('keeps everything across close and reopen', async (t) => {
      if (!reopen) return t.skip('factory has no reopen');
      await store.addArticles([article(1)]);
      await store.putAnalyses('clean', [{ articleId: article(1).id, data: { a: 1 } }]);
      await store.close();
      store = await reopen();
      assert.deepEqual(await store.getArticle(article(1).id), article(1));
      assert.deepEqual(await store.getAnalysis('clean', article(1).id), { a: 1 });
    });
  });
}
