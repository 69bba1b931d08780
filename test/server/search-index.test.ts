/**
 * The article index on its own: persisted segments, incremental indexing, re-indexing when the
 * clean record appears, deletions, segment merging, and the ranking rules.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, CleanResult } from '../../src/model.ts';
import { ArticleSearch, SEARCH_STAGE } from '../../src/server/search-index.ts';
import { MAX_SEGMENTS, MANIFEST_KEY, type Manifest } from '../../src/server/search-segments.ts';
import { queryTerms } from '../../src/server/terms.ts';
import { splitParagraphs } from '../../src/server/text.ts';
import { fixtureStore, type Fixture } from './fixture.ts';

const article = (id: string, text: string, extra: Partial<Article> = {}): Article => ({
  id,
  inputId: null,
  url: null,
  source: 'صحيفة الواحة',
  origin: 'test',
  format: 'jsonl',
  publishedAt: '2025-05-02T09:00:00Z',
  title: null,
  lang: 'ar',
  raw: text,
  rawKind: 'text',
  encoding: 'utf-8',
  ingestedAt: new Date(0).toISOString(),
  ...extra,
});

/** a clean record keeping only the given lines of the raw text */
function cleanKeeping(raw: string, keep: (line: string) => boolean): CleanResult {
  const paragraphs = splitParagraphs(raw).filter((p) => keep(p.text));
  return { title: null, kicker: null, byline: null, paragraphs, removed: [], text: raw, textIsRaw: true, meta: {} };
}

const ids = (s: ArticleSearch, q: string, filter = {}) => s.search(queryTerms(q), filter, { offset: 0, limit: 50 }).hits.map((h) => h.id);

describe('article index', () => {
  let fx: Fixture;
  before(async () => {
    fx = await fixtureStore();
  });
  after(async () => {
    await fx.cleanup();
  });

  test('Arabic variants: بوتين finds وبوتين / لبوتين; hamza and ة/ه forms match', async () => {
    const s = await ArticleSearch.open(fx.store);
    assert.deepEqual(ids(s, 'بوتين').sort(), ['a-book-1', 'a-flood-3']);
    assert.deepEqual(ids(s, 'اسرائيل'), ['a-alone']);
    assert.deepEqual(ids(s, 'الإسرائيليه'), ['a-alone']);
    assert.equal(ids(s, 'محافظه المدينه')[0], 'a-flood-1');
  });

  test('a second open loads the persisted segments and indexes nothing again', async () => {
    const s = await ArticleSearch.open(fx.store);
    assert.equal(s.timing.indexed, 0);
    assert.ok(s.timing.loadedSegments >= 1);
    assert.deepEqual(ids(s, 'بوتين').sort(), ['a-book-1', 'a-flood-3']);
  });

  test('incremental: new articles are indexed by refresh, persisted, and found after a restart', async () => {
    const s = await ArticleSearch.open(fx.store);
    const before = s.catalog.size;
    assert.deepEqual(ids(s, 'الزيتون'), []);
    await fx.store.addArticles([
      article('n-olive-1', 'بدأ موسم قطف الزيتون في قرى الجبل وسط توقعات بإنتاج وفير هذا العام.'),
      article('n-olive-2', 'وقال مزارعون إن أسعار زيت الزيتون ارتفعت بعد موسم جاف.', { source: 'قناة الأفق', publishedAt: '2025-05-04T10:00:00Z' }),
    ]);
    assert.equal(await s.refresh(), 2);
    assert.equal(s.catalog.size, before + 2);
    assert.deepEqual(ids(s, 'الزيتون').sort(), ['n-olive-1', 'n-olive-2']);
    assert.deepEqual(ids(s, 'زيتون', { source: 'قناة الأفق' }), ['n-olive-2']);
    assert.deepEqual(ids(s, 'زيتون', { until: '2025-05-03' }), ['n-olive-1']);
    assert.deepEqual(ids(s, 'زيتون', { since: '2025-05' }).sort(), ['n-olive-1', 'n-olive-2']);
    assert.equal((await fx.store.getAnalyses(SEARCH_STAGE, ['n-olive-1'])).size, 1, 'marked as indexed');
    assert.equal(await s.refresh(), 0, 'nothing new the second time');
    const again = await ArticleSearch.open(fx.store);
    assert.equal(again.timing.indexed, 0);
    assert.deepEqual(ids(again, 'الزيتون').sort(), ['n-olive-1', 'n-olive-2']);
    assert.equal(again.catalog.get('n-olive-2')?.source, 'قناة الأفق');
  });

  test('an article indexed on raw text is re-indexed on its cleaned text once the clean record appears', async () => {
    const raw = ['افتتحت البلدية حديقة عامة جديدة على ضفاف النهر.', 'اشترك في نشرتنا البريدية لتصلك آخر الأخبار'].join('\n');
    await fx.store.addArticles([article('n-park', raw)]);
    const s = await ArticleSearch.open(fx.store);
    assert.deepEqual(ids(s, 'نشرتنا البريدية'), ['n-park'], 'before cleaning the boilerplate is indexed');
    await fx.store.putAnalyses('clean', [{ articleId: 'n-park', data: cleanKeeping(raw, (l) => !l.startsWith('اشترك')) }]);
    assert.equal(await s.refresh(), 1);
    assert.deepEqual(ids(s, 'نشرتنا البريدية'), [], 'the removed line no longer matches');
    assert.deepEqual(ids(s, 'الحديقة'), ['n-park']);
    assert.equal(await s.refresh(), 0, 'indexed once per new record');
    const again = await ArticleSearch.open(fx.store);
    assert.deepEqual(ids(again, 'نشرتنا البريدية'), [], 'the cleaned version wins after a restart');
    assert.deepEqual(ids(again, 'الحديقة'), ['n-park']);
  });

  test('deleted articles are dropped at start', async () => {
    await fx.store.addArticles([article('n-gone', 'أغلقت السلطات معبر الرمال الحدودي مؤقتاً.')]);
    const s = await ArticleSearch.open(fx.store);
    assert.equal(s.timing.indexed, 1);
    assert.deepEqual(ids(s, 'معبر الرمال'), ['n-gone']);
    await fx.store.deleteArticle('n-gone');
    const again = await ArticleSearch.open(fx.store);
    assert.deepEqual(ids(again, 'معبر الرمال'), []);
    assert.equal(again.catalog.get('n-gone'), undefined);
  });

  test('many small ingests: segments are merged, later versions still win', async () => {
    const s = await ArticleSearch.open(fx.store);
    for (let i = 0; i < MAX_SEGMENTS + 8; i++) {
      const a = article(`n-fish-${i}`, `رست سفينة الصيد رقم ${i} في ميناء المرجان بعد رحلة طويلة.`);
      await fx.store.addArticles([a]);
      await s.index([a]);
    }
    // the same article again with another text: the later version replaces the first
    await s.index([article('n-fish-0', 'غادرت سفينة الأبحاث ميناء اللؤلؤ فجر اليوم.')]);
    const m = (await fx.store.getState<Manifest>(MANIFEST_KEY))!;
    assert.ok(m.segments.length <= MAX_SEGMENTS, `${m.segments.length} segments`);
    const again = await ArticleSearch.open(fx.store);
    const found = ids(again, 'المرجان');
    assert.equal(found.length, MAX_SEGMENTS + 7);
    assert.ok(!found.includes('n-fish-0'));
    assert.deepEqual(ids(again, 'اللؤلؤ'), ['n-fish-0']);
  });

  test('an interrupted full build resumes where it stopped', async () => {
    const m = (await fx.store.getState<Manifest>(MANIFEST_KEY))!;
    const total = (await ArticleSearch.open(fx.store)).catalog.size;
    // as if the build had written only its first segment when it stopped (older marks on every article)
    await fx.store.setState(MANIFEST_KEY, { ...m, building: true, segments: m.segments.slice(0, 1) });
    const s = await ArticleSearch.open(fx.store);
    assert.ok(s.timing.indexed > 0 && s.timing.indexed < total, `${s.timing.indexed} of ${total} indexed again`);
    assert.equal(s.catalog.size, total);
    assert.deepEqual(ids(s, 'بوتين').sort(), ['a-book-1', 'a-flood-3']);
    assert.equal((await fx.store.getState<Manifest>(MANIFEST_KEY))!.building, false);
  });

  test('ranking: all terms before some, title words weigh more, newest breaks ties; pages are exact', async () => {
    await fx.store.addArticles([
      article('r-one', 'ناقش مجلس الشورى قانون المياه الجديد.', { publishedAt: '2025-06-01T00:00:00Z' }),
      article('r-both', 'ناقش مجلس الشورى قانون المياه وقانون الطاقة المتجددة.', { publishedAt: '2025-06-01T00:00:00Z' }),
      article('r-title', 'ناقش المجلس مشروعات عدة في جلسته.', { title: 'قانون الطاقة المتجددة أمام المجلس', publishedAt: '2025-06-01T00:00:00Z' }),
      article('r-new', 'ناقش مجلس الشورى قانون المياه الجديد مرة أخرى.', { publishedAt: '2025-06-09T00:00:00Z' }),
    ]);
    const s = await ArticleSearch.open(fx.store);
    assert.equal(await s.refresh(), 0);
    const both = ids(s, 'الطاقة المياه');
    assert.equal(both[0], 'r-both', 'matches both terms');
    const energy = ids(s, 'الطاقة');
    assert.equal(energy[0], 'r-title', 'the title match first');
    const water = s.search(queryTerms('المياه'), {}, { offset: 0, limit: 50 });
    assert.equal(water.total, 3);
    const p2 = s.search(queryTerms('المياه'), {}, { offset: 1, limit: 1 });
    assert.equal(p2.total, 3);
    assert.deepEqual(p2.hits.map((h) => h.id), [water.hits[1].id]);
  });
});
