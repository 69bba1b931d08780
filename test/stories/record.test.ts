import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStoryRecords, clusterBatch, representativeTitle, type ArticleMeta } from '../../src/stories/index.ts';
import { FIXTURES } from './fixtures.ts';

const meta = new Map<string, ArticleMeta>(FIXTURES.map((a) => [a.id, { id: a.id, title: a.title, source: a.source, publishedAt: new Date(a.time).toISOString() }]));

test('story records carry the contract fields: title, span, outlets, first reported by, events', () => {
  const c = clusterBatch(FIXTURES);
  const stories = buildStoryRecords(c.snapshot(), meta);
  const flood = stories.find((s) => s.articleIds.includes('flood-1'))!;
  assert.deepEqual(flood.articleIds, ['flood-1', 'flood-2', 'flood-3']);
  assert.equal(flood.firstReportedBy, 'flood-1');
  assert.equal(flood.dateStart, '2024-08-05');
  assert.equal(flood.dateEnd, '2024-08-06');
  assert.deepEqual(flood.sources, ['شبكة رصيف', 'صحيفة الضفاف', 'وكالة الساحل'].sort());
  assert.ok(flood.title.length > 0 && flood.title === flood.headline);
  assert.ok(flood.events.length >= 1);
  assert.deepEqual(flood.events.flatMap((e) => e.articleIds).sort(), flood.articleIds);
  for (const e of flood.events) assert.match(e.date ?? '', /^\d{4}-\d{2}-\d{2}$/);
  for (const k of ['entities', 'timeline', 'facts', 'conflicts', 'summary'] as const) assert.deepEqual(flood[k], []);
});

test('representative title: the headline sharing most terms with the others', () => {
  const t = representativeTitle([
    { id: 'a', title: 'الأمم المتحدة ترسل مساعدات', source: null, publishedAt: null },
    { id: 'b', title: 'سيول كسلا: فيضان القاش يغرق الأحياء', source: null, publishedAt: null },
    { id: 'c', title: 'فيضان القاش يشرد الآلاف في كسلا', source: null, publishedAt: null },
    { id: 'd', title: 'كسلا بعد فيضان القاش', source: null, publishedAt: null },
  ]);
  assert.notEqual(t, 'الأمم المتحدة ترسل مساعدات');
});

test('no dates: first reported by is the first article seen, span is null', () => {
  const c = clusterBatch(FIXTURES.filter((a) => a.id.startsWith('bank-')));
  const [s] = buildStoryRecords(c.snapshot(), new Map());
  assert.equal(s.firstReportedBy, 'bank-1');
  assert.equal(s.dateStart, null);
  assert.equal(s.title, '');
});
