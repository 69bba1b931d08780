/**
 * Headline choice: a title that states one side of a conflict (the meeting "in Sousse" when outlets
 * disagree on Sousse vs Monastir) loses to a title whose facts outlets share. Story written for
 * these tests (fictional).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestHeadline, carriesConflict } from '../../src/summary/index.ts';
import { findConflicts } from '../../src/compare/index.ts';
import { article } from '../compare/story.ts';

const STORY = [
  article('t1', 'وكالة الساحل', '2025-04-14T10:00:00+01:00', 'رئيس الحكومة الليبية يلتقي نظيره التونسي في سوسة ويتفقان على إعادة فتح معبر راس جدير', [
    'التقى رئيس الحكومة الليبية اليوم الاثنين في مدينة سوسة نظيره التونسي، وبحث الجانبان ملفات الطاقة والحدود والتبادل التجاري.',
    'وقال الناطق باسم الحكومة التونسية إن البلدين اتفقا على إعادة فتح معبر راس جدير أمام حركة البضائع.',
  ]),
  article('t2', 'صحيفة المنار', '2025-04-14T16:00:00+01:00', 'تونس وليبيا تتفقان على إعادة فتح معبر راس جدير أمام البضائع', [
    'التقى رئيس الحكومة الليبية، الاثنين، في مدينة المنستير بنظيره التونسي، وتناولت المحادثات ملفات الطاقة والحدود والتبادل التجاري.',
    'واتفق البلدان على إعادة فتح معبر راس جدير أمام حركة البضائع ابتداء من الأسبوع المقبل.',
  ]),
  article('t3', 'موقع الخبر', '2025-04-14T18:00:00+01:00', null, [
    'اتفقت تونس وليبيا على إعادة فتح معبر راس جدير أمام حركة البضائع، في ختام محادثات بين رئيسي حكومتي البلدين.',
  ]),
];

test('headline: a title taking one side of a place conflict is avoided', () => {
  const conflicts = findConflicts(STORY);
  const place = conflicts.find((c) => c.type === 'place');
  assert.ok(place, JSON.stringify(conflicts.map((c) => [c.type, c.sides.map((s) => s.value)])));
  assert.ok(carriesConflict(STORY[0]!.title!, place));
  assert.ok(!carriesConflict(STORY[1]!.title!, place));
  assert.equal(bestHeadline(STORY, conflicts), STORY[1]!.title);
  assert.equal(bestHeadline(STORY), STORY[1]!.title);
});

test('headline: without conflicts the title closest to the story wins, whatever its place', () => {
  const calm = [STORY[0]!, { ...STORY[1]!, title: 'وزير ليبي يزور معرض الصناعات التقليدية' }, STORY[2]!];
  assert.equal(bestHeadline(calm, []), STORY[0]!.title);
});
