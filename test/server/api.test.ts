/** The JSON API through fastify.inject: pages, filters, errors, headers, ingest, search. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type MarsadApp } from '../../src/server/app.ts';
import { fixtureStore, type Fixture } from './fixture.ts';

const TOKEN = 'test-token-ثابت';

describe('API', () => {
  let fx: Fixture;
  let m: MarsadApp;
  let pipelineRuns = 0;
  before(async () => {
    fx = await fixtureStore();
    m = await buildApp({ store: fx.store, token: TOKEN, maxBodyBytes: 64 * 1024, process: async () => void pipelineRuns++ });
  });
  after(async () => {
    await m.app.close();
    await fx.cleanup();
  });
  const get = (url: string, headers: Record<string, string> = {}) => m.app.inject({ method: 'GET', url, headers });
  const json = async (url: string) => {
    const r = await get(url);
    assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
    return r.json();
  };
  const assertError = (r: { statusCode: number; json: () => any; body: string }, status: number, code: string) => {
    assert.equal(r.statusCode, status, r.body);
    const body = r.json();
    assert.equal(body.error.code, code);
    assert.equal(typeof body.error.message, 'string');
    assert.ok('hint' in body.error);
    assert.doesNotMatch(r.body, /at .*\.ts:\d+|node_modules/, 'no stack trace');
  };

  test('stories: newest first, biggest first, pagination with offset and cursor', async () => {
    const newest = await json('/api/stories');
    assert.deepEqual(newest.items.map((s: any) => s.id), ['story-flood', 'story-book']);
    assert.equal(newest.total, 2);
    const biggest = await json('/api/stories?order=biggest');
    assert.equal(biggest.items[0].article_count, 3);
    const p1 = await json('/api/stories?limit=1');
    assert.equal(p1.items.length, 1);
    assert.ok(p1.next_cursor);
    const p2 = await json(`/api/stories?limit=1&cursor=${p1.next_cursor}`);
    assert.deepEqual(p2.items.map((s: any) => s.id), ['story-book']);
    assert.equal(p2.next_cursor, null);
    const off = await json('/api/stories?limit=1&offset=1');
    assert.deepEqual(off.items.map((s: any) => s.id), ['story-book']);
  });

  test('stories: filters by outlet, date and (normalised) text', async () => {
    const bySource = await json(`/api/stories?source=${encodeURIComponent('وكالة النخيل للأنباء')}`);
    assert.deepEqual(bySource.items.map((s: any) => s.id), ['story-flood']);
    const byDate = await json('/api/stories?until=2025-03-31');
    assert.deepEqual(byDate.items.map((s: any) => s.id), ['story-book']);
    const since = await json('/api/stories?since=2025-04-01');
    assert.deepEqual(since.items.map((s: any) => s.id), ['story-flood']);
    // text without hamza / with a clitic finds the story
    const text = await json(`/api/stories?q=${encodeURIComponent('والمعرض')}`);
    assert.deepEqual(text.items.map((s: any) => s.id), ['story-book']);
  });

  test('story page JSON: contract fields, articles with shared passages, quotes by speaker, coverage', async () => {
    const v = await json('/api/stories/story-flood');
    for (const k of ['id', 'title', 'headline', 'article_ids', 'sources', 'first_reported_by', 'date_start', 'date_end', 'events', 'entities', 'timeline', 'facts', 'conflicts', 'summary']) assert.ok(k in v.story, k);
    assert.equal(v.articles.length, 3);
    const a1 = v.articles.find((a: any) => a.id === 'a-flood-1');
    assert.equal(a1.is_first, true);
    assert.equal(a1.shared.length, 1);
    const text = a1.paragraphs.map((p: any) => p.text).join('\n');
    assert.ok(!text.includes('اقرأ أيضاً'), 'body is the cleaned text');
    const p = a1.paragraphs.find((x: any) => x.start <= a1.shared[0].start && a1.shared[0].end <= x.end);
    assert.match(p.text.slice(a1.shared[0].start - p.start, a1.shared[0].end - p.start), /^وقال المتحدث باسم الدفاع المدني/);
    assert.equal(v.quotes_by_speaker[0].speaker_entity_id, 'per:khatib');
    assert.equal(v.quotes_by_speaker[0].quotes.length, 2);
    assert.equal(v.coverage.length, 3);
    assert.deepEqual(v.missing, []);
    // the second article's URL was javascript: — not passed on as a link
    assert.equal(v.articles.find((a: any) => a.id === 'a-flood-2').url, null);
  });

  test('article JSON: raw, cleaned text, removed spans with classes, analyses', async () => {
    const v = await json('/api/articles/a-flood-2');
    assert.equal(v.article.id, 'a-flood-2');
    assert.equal(v.raw.split('\n')[0], 'كتب: مراسل الرابية');
    assert.deepEqual(v.article.removed.map((r: any) => r.class), ['byline', 'comment_prompt']);
    for (const r of v.article.removed) assert.equal(v.text.slice(r.start, r.end), r.text);
    assert.ok(v.article.entities.length > 0);
    assert.equal(v.article.quotes[0].speaker_entity_id, 'per:khatib');
    assert.equal(v.reuse[0].other_id, 'a-flood-1');
    assert.equal(v.reuse[0].other_source, 'وكالة النخيل للأنباء');
    assert.equal(v.story.id, 'story-flood');
    const list = await json(`/api/articles?source=${encodeURIComponent('قناة الأفق')}`);
    assert.deepEqual(list.items.map((a: any) => a.id).sort(), ['a-book-2', 'a-flood-3']);
  });

  test('entity JSON: variants, stories, quotes', async () => {
    const e = await json('/api/entities/per:khatib');
    assert.equal(e.name, 'سامر الخطيب');
    assert.equal(e.type, 'PER');
    assert.ok(e.variants.some((v: any) => v.text === 'الخطيب'));
    assert.deepEqual(e.stories.map((s: any) => s.id), ['story-flood']);
    assert.equal(e.quotes.length, 2);
    // known only from mentions (no story lists it)
    const p = await json('/api/entities/per:putin');
    assert.equal(p.name, 'بوتين');
  });

  test('404s are structured', async () => {
    assertError(await get('/api/stories/nope'), 404, 'not_found');
    assertError(await get('/api/articles/nope'), 404, 'not_found');
    assertError(await get('/api/entities/nope'), 404, 'not_found');
    assertError(await get('/api/nothing-here'), 404, 'not_found');
    assertError(await get('/no/such/page'), 404, 'not_found');
  });

  test('bad parameters are 400 with a hint', async () => {
    assertError(await get('/api/stories?limit=0'), 400, 'bad_request');
    assertError(await get('/api/stories?limit=1000'), 400, 'bad_request');
    assertError(await get('/api/stories?order=random'), 400, 'bad_request');
    assertError(await get('/api/stories?since=yesterday'), 400, 'bad_request');
    assertError(await get('/api/stories?cursor=garbage'), 400, 'bad_request');
    assertError(await get('/api/search'), 400, 'bad_request');
  });

  test('security headers on API, pages and errors', async () => {
    for (const url of ['/api/stories', '/', '/js/app.js', '/api/stories/nope']) {
      const r = await get(url);
      const csp = String(r.headers['content-security-policy']);
      for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) assert.ok(csp.includes(d), `${url}: ${d}`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(r.headers['referrer-policy'], 'no-referrer');
    }
    const page = await get('/');
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.doesNotMatch(page.body, /<script>(?!<)/, 'no inline script in index.html');
  });

  test('caching: ETag and 304 on API and static files', async () => {
    for (const url of ['/api/stories/story-flood', '/style.css', '/openapi.json']) {
      const r = await get(url);
      const etag = String(r.headers.etag);
      assert.match(etag, /^"/);
      assert.ok(r.headers['cache-control']);
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
    }
    assert.equal((await get('/style.css')).headers['cache-control'], 'public, max-age=300');
    assert.equal((await get('/')).headers['cache-control'], 'no-cache');
  });

  test('static files: only what web/ holds, no path traversal', async () => {
    assert.equal((await get('/js/app.js')).statusCode, 200);
    assert.equal((await get('/../package.json')).statusCode, 404);
    assert.equal((await get('/%2e%2e/package.json')).statusCode, 404);
    assert.equal((await get('/js/../../src/server/app.ts')).statusCode, 404);
  });

  test('OpenAPI document', async () => {
    const doc = await json('/openapi.json');
    assert.equal(doc.openapi.slice(0, 2), '3.');
    for (const p of ['/api/stories', '/api/stories/{id}', '/api/articles', '/api/articles/{id}', '/api/entities/{id}', '/api/search']) assert.ok(doc.paths[p], p);
    assert.ok(doc.paths['/api/articles'].post.security);
  });

  test('search: Arabic variants (clitics, hamza), filters, highlighted snippets', async () => {
    // بوتين finds وبوتين and لبوتين
    const r = await json(`/api/search?q=${encodeURIComponent('بوتين')}`);
    const ids = r.articles.items.map((a: any) => a.id).sort();
    assert.deepEqual(ids, ['a-book-1', 'a-flood-3']);
    const book = r.articles.items.find((a: any) => a.id === 'a-book-1');
    const marks = book.snippet.highlights.map((h: any) => book.snippet.text.slice(h.start, h.end));
    assert.ok(marks.includes('لبوتين'), `highlights: ${marks}`);
    // without hamza finds the hamza spelling, and the other way round
    const a = await json(`/api/search?q=${encodeURIComponent('اسرائيل')}&type=articles`);
    assert.deepEqual(a.articles.items.map((x: any) => x.id), ['a-alone']);
    const b = await json(`/api/search?q=${encodeURIComponent('الإسرائيليه')}&type=articles`);
    assert.deepEqual(b.articles.items.map((x: any) => x.id), ['a-alone']);
    // taa marbuta / haa, definite article
    const c = await json(`/api/search?q=${encodeURIComponent('محافظه المدينه')}&type=articles`);
    assert.equal(c.articles.items[0].id, 'a-flood-1');
    // filters
    const bySource = await json(`/api/search?q=${encodeURIComponent('السيول')}&source=${encodeURIComponent('قناة الأفق')}`);
    assert.deepEqual(bySource.articles.items.map((x: any) => x.id), ['a-flood-3']);
    const byDate = await json(`/api/search?q=${encodeURIComponent('السيول')}&since=2025-04-03`);
    assert.deepEqual(byDate.articles.items.map((x: any) => x.id), ['a-flood-3']);
    const byEntity = await json(`/api/search?q=${encodeURIComponent('بوتين')}&entity=loc:wadi-rim`);
    assert.deepEqual(byEntity.articles.items.map((x: any) => x.id), ['a-flood-3']);
    // stories are searched too
    const s = await json(`/api/search?q=${encodeURIComponent('سيول الريم')}&type=stories`);
    assert.equal(s.stories.items[0].id, 'story-flood');
    assert.ok(s.stories.items[0].title_highlights.length >= 1);
    // a word that appears nowhere
    const none = await json(`/api/search?q=${encodeURIComponent('زلزال')}`);
    assert.equal(none.articles.total, 0);
  });

  test('search ranks articles matching every term first', async () => {
    const r = await json(`/api/search?q=${encodeURIComponent('الخطيب السيول')}&type=articles`);
    const first = r.articles.items[0];
    assert.ok(['a-flood-1', 'a-flood-3', 'a-flood-2'].includes(first.id));
    assert.ok(r.articles.items.findIndex((x: any) => x.id === 'a-book-1') === -1);
  });

  test('POST /api/articles: 403 without a configured token, 401 without a header, 403 with a wrong one', async () => {
    const open = await buildApp({ store: fx.store, token: null, process: async () => undefined });
    assertError(await open.app.inject({ method: 'POST', url: '/api/articles', payload: { text: 'نص' } }), 403, 'ingest_disabled');
    await open.app.close();
    const none = await m.app.inject({ method: 'POST', url: '/api/articles', payload: { text: 'نص' } });
    assertError(none, 401, 'unauthorized');
    assert.match(String(none.headers['www-authenticate']), /Bearer/);
    assertError(await m.app.inject({ method: 'POST', url: '/api/articles', headers: { authorization: 'Bearer wrong' }, payload: { text: 'نص' } }), 403, 'forbidden');
    // other write methods do not exist
    assertError(await m.app.inject({ method: 'DELETE', url: '/api/stories/story-flood' }), 405, 'method_not_allowed');
  });

  test('POST /api/articles: object, array and JSON Lines; ids as in ingest; indexed for search', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const one = { id: 'x1', source: 'صحيفة الواحة', title: 'مهرجان التمور يفتتح في الواحة', published_at: '2025-05-01', text: 'افتتح مهرجان التمور السنوي في مدينة الواحة بمشاركة مئات المزارعين.' };
    const r1 = await m.app.inject({ method: 'POST', url: '/api/articles', headers: auth, payload: one });
    assert.equal(r1.statusCode, 201, r1.body);
    const id = r1.json().added[0].id;
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.equal(pipelineRuns, 1, 'the pipeline ran on the new article');
    // the same article again: nothing added
    const again = await m.app.inject({ method: 'POST', url: '/api/articles', headers: auth, payload: [one] });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json().existing, [id]);
    // JSON Lines with one bad line
    const lines = [JSON.stringify({ source: 'صحيفة الواحة', text: 'ارتفعت صادرات التمور هذا الموسم إلى مستوى قياسي بحسب غرفة التجارة.' }), '{"title": "بلا نص"}', 'not json'].join('\n');
    const r3 = await m.app.inject({ method: 'POST', url: '/api/articles', headers: { ...auth, 'content-type': 'application/x-ndjson' }, payload: lines });
    assert.equal(r3.statusCode, 201, r3.body);
    assert.equal(r3.json().added.length, 1);
    assert.equal(r3.json().failed.length, 2);
    assert.match(r3.json().failed[0].where, /#2$/);
    // searchable at once
    const s = await json(`/api/search?q=${encodeURIComponent('التمور')}&type=articles`);
    assert.equal(s.articles.total, 2);
    const art = await json(`/api/articles/${id}`);
    assert.equal(art.article.input_id, 'x1');
    assert.equal(art.article.published_at, '2025-05-01');
  });

  test('POST /api/articles: 413 over the size limit, 415 wrong type, 422 nothing valid, 400 bad JSON', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const big = { text: 'ن'.repeat(70 * 1024) };
    assertError(await m.app.inject({ method: 'POST', url: '/api/articles', headers: auth, payload: big }), 413, 'payload_too_large');
    assertError(await m.app.inject({ method: 'POST', url: '/api/articles', headers: { ...auth, 'content-type': 'application/xml' }, payload: '<a/>' }), 415, 'unsupported_media_type');
    assertError(await m.app.inject({ method: 'POST', url: '/api/articles', headers: auth, payload: { title: 'بلا نص' } }), 422, 'no_valid_records');
    assertError(await m.app.inject({ method: 'POST', url: '/api/articles', headers: { ...auth, 'content-type': 'application/json' }, payload: '[{"text": ' }), 400, 'invalid_json');
    assertError(await m.app.inject({ method: 'POST', url: '/api/articles', headers: { ...auth, 'content-type': 'application/json' }, payload: '' }), 400, 'empty_body');
  });
});
