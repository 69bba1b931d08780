import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityMention, EntityType } from '../../src/model.ts';
import { resolveEntities } from '../../src/extract/entities/index.ts';
import { nameVariants, nameWords, skeleton } from '../../src/extract/entities/names.ts';

/** mentions located in a text by their surface form */
function mentions(text: string, items: [string, EntityType][]): EntityMention[] {
  let from = 0;
  return items.map(([t, type]) => {
    const start = text.indexOf(t, from);
    assert.ok(start >= 0, t);
    from = start + t.length;
    return { start, end: start + t.length, type, text: t, entityId: null };
  });
}

const same = (r: ReturnType<typeof resolveEntities>, a: string, b: string): boolean => {
  const ea = r.entities.find((e) => e.variants.includes(a));
  const eb = r.entities.find((e) => e.variants.includes(b));
  assert.ok(ea && eb, `${a} / ${b}`);
  return ea.id === eb.id;
};

test('skeleton absorbs transliteration variants, keeps distinct names apart', () => {
  assert.equal(skeleton('تشيرنوبيل'), skeleton('شيرنوبيل'));
  assert.ok(nameVariants(nameWords('غريغوري'), nameWords('جريجوري')));
  assert.ok(nameVariants(nameWords('تشانغ'), nameWords('شانغ')) || skeleton('تشانغ').length < 3);
  assert.ok(!nameVariants(nameWords('كوريا'), nameWords('سوريا')));
  assert.ok(!nameVariants(nameWords('السودان الشمالي'), nameWords('السودان الجنوبي')));
});

test('transliteration pairs, short names, permutations merge across articles; modifiers keep entities apart', () => {
  const a = 'وصل رئيس الوزراء الكرواتي ماركو كوفاتشيفيتش إلى عمان، وقالت وكالة الأنباء الأردنية الرسمية إن كوفاتشيفيتش التقى المسؤولين. وأعلنت وزارة الخارجية الأردنية ترحيبها، فيما تحفظت وزارة الخارجية الكرواتية.';
  const b = 'وقال كوفاشيفيتش في تصريح نقلته الوكالة الأردنية للأنباء إن زيارته إلى عمّان ناجحة، كما زار السودان الشمالي والسودان الجنوبي.';
  const r = resolveEntities(
    {
      a: mentions(a, [['ماركو كوفاتشيفيتش', 'PER'], ['عمان', 'LOC'], ['وكالة الأنباء الأردنية', 'ORG'], ['كوفاتشيفيتش', 'PER'], ['وزارة الخارجية الأردنية', 'ORG'], ['وزارة الخارجية الكرواتية', 'ORG']]),
      b: mentions(b, [['كوفاشيفيتش', 'PER'], ['الوكالة الأردنية للأنباء', 'ORG'], ['عمّان', 'LOC'], ['السودان الشمالي', 'LOC'], ['السودان الجنوبي', 'LOC']]),
    },
    { texts: { a, b } },
  );
  assert.ok(same(r, 'ماركو كوفاتشيفيتش', 'كوفاتشيفيتش'));
  assert.ok(same(r, 'ماركو كوفاتشيفيتش', 'كوفاشيفيتش'));
  assert.ok(same(r, 'وكالة الأنباء الأردنية', 'الوكالة الأردنية للأنباء'));
  assert.ok(same(r, 'عمان', 'عمّان'));
  assert.ok(!same(r, 'وزارة الخارجية الأردنية', 'وزارة الخارجية الكرواتية'));
  assert.ok(!same(r, 'السودان الشمالي', 'السودان الجنوبي'));
  const person = r.entities.find((e) => e.variants.includes('كوفاشيفيتش'))!;
  assert.equal(person.name, 'ماركو كوفاتشيفيتش');
  assert.deepEqual(person.articleIds, ['a', 'b']);
  // every merge is explained
  const rules = new Set(r.merges.map((m) => m.rule));
  for (const rule of ['short-name', 'transliteration', 'permutation'] as const) assert.ok(rules.has(rule), rule);
});

test('a role used bare becomes a mention of the person it named in the story', () => {
  const a = 'استقبل الرئيس التونسي قيس سعيّد الوفد في قرطاج.';
  const b = 'وأكد الرئيس التونسي خلال اللقاء أهمية التعاون.';
  const r = resolveEntities({ a: mentions(a, [['قيس سعيّد', 'PER'], ['قرطاج', 'LOC']]), b: [] }, { texts: { a, b } });
  const role = r.mentions.get('b')!.find((m) => m.text === 'الرئيس التونسي');
  const person = r.entities.find((e) => e.name === 'قيس سعيّد')!;
  assert.equal(role?.entityId, person.id);
  assert.ok(r.merges.some((m) => m.rule === 'role' && m.evidence.includes('قيس سعيّد')));
});

test('a short name shared by two people stays unresolved', () => {
  const a = 'التقى محمد العلي ومحمد الحسن في الرياض، وقال محمد إن اللقاء مثمر.';
  const r = resolveEntities({ a: mentions(a, [['محمد العلي', 'PER'], ['محمد الحسن', 'PER'], ['الرياض', 'LOC'], ['محمد', 'PER']]) });
  const short = r.entities.find((e) => e.variants.includes('محمد'))!;
  assert.deepEqual(short.variants, ['محمد']);
});

test('an extra distinguishing word blocks a merge (X vs X Watch)', () => {
  const a = 'نقلت KCNA عن المسؤول، بحسب موقع KCNA Watch.';
  const r = resolveEntities({ a: mentions(a, [['KCNA', 'ORG'], ['KCNA Watch', 'ORG']]) });
  assert.equal(r.entities.length, 2);
});
