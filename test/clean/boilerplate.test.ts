/** BoilerplateModel: counts, duplicates, serialisation, and its effect on classification. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoilerplateModel, explainLines } from '../../src/clean/index.ts';

const FOOTER = 'زوروا موقعنا الجديد وتعرفوا على خدماتنا المتنوعة في كل المدن';
const article = (i: number): string =>
  [
    `أعلنت البلدية، اليوم، عن بدء أعمال صيانة الشارع رقم ${i} في الحي الشمالي، على أن تستمر أسبوعين.`,
    `وقال مسؤول في البلدية إن الأعمال ستنفذ ليلا لتخفيف الازدحام، وإن الطريق البديل رقم ${i + 100} سيبقى مفتوحا.`,
    FOOTER,
  ].join('\n');

test('boilerplate: counts distinct articles per source; exact duplicates once', () => {
  const m = new BoilerplateModel();
  assert.equal(m.add('a', article(1)), true);
  assert.equal(m.add('a', article(1)), false);
  m.add('a', article(2));
  m.add('b', article(3));
  assert.equal(m.docs('a'), 2);
  assert.equal(m.docs('b'), 1);
  assert.equal(m.hasArticle('a', article(2)), true);
  assert.equal(m.hasArticle('a', article(3)), false);
});

test('boilerplate: toJSON/fromJSON round trip keeps counts and keeps learning', () => {
  const m = new BoilerplateModel();
  for (let i = 0; i < 5; i++) m.add('a', article(i));
  const back = BoilerplateModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
  assert.deepEqual(back.toJSON(), m.toJSON());
  back.add('a', article(9));
  assert.equal(back.docs('a'), 6);
  assert.throws(() => BoilerplateModel.fromJSON({ nope: 1 }), /BoilerplateModel/);
});

test('boilerplate: a line recurring across the source becomes non-body; alone it is judged by shape', () => {
  const m = new BoilerplateModel();
  const raw = article(50);
  const alone = explainLines({ raw, rawKind: 'text', source: 'a' }).at(-1)!;
  for (let i = 0; i < 40; i++) m.add('a', article(i));
  const withModel = explainLines({ raw, rawKind: 'text', source: 'a' }, m).at(-1)!;
  assert.equal(withModel.recurrence, 40);
  assert.notEqual(withModel.class, 'body');
  assert.ok(withModel.score > alone.score, 'recurrence raises the non-body score');
  // the article's own sentences do not recur: still body
  for (const l of explainLines({ raw, rawKind: 'text', source: 'a' }, m).slice(0, 2)) assert.equal(l.class, 'body');
});
