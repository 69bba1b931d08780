/** BoilerplateModel: counts, duplicates, serialisation, and its effect on classification. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoilerplateModel, explainLines } from '../../src/clean/index.ts';
import { splitLines } from '../../src/clean/lines.ts';

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

test('boilerplate: lines seen once are forgotten after two generations; recurring ones are kept', () => {
  const m = new BoilerplateModel({ generation: 10 });
  const once = 'سطر يظهر مرة واحدة فقط في هذا المصدر ولا يعود';
  m.add('a', `${once}\n${FOOTER}`);
  const hash = (t: string): number => splitLines(t)[0]!.hash;
  assert.equal(m.count('a', hash(once)), 1);
  for (let i = 0; i < 25; i++) m.add('a', article(i));
  assert.equal(m.count('a', hash(once)), 0, 'a singleton older than two generations is dropped');
  assert.equal(m.count('a', hash(FOOTER)), 26);
  assert.ok(m.size().once <= 2 * 10 * 2 + 2, 'the seen-once tables hold at most two generations of lines');
});

test('boilerplate: the line table and the duplicate memory are capped', () => {
  const m = new BoilerplateModel({ maxLines: 40, maxSeen: 5 });
  for (let i = 0; i < 30; i++) for (let r = 0; r < 2; r++) m.add('a', article(i) + (r ? '\nتحديث' : ''));
  const s = m.size();
  assert.ok(s.kept <= 40, `kept ${s.kept} ≤ 40`);
  assert.equal(s.seen, 5);
  assert.ok(m.count('a', splitLines(FOOTER)[0]!.hash) >= 50, 'the most frequent line survives pruning');
  // an article older than the duplicate memory counts again (documented trade-off)
  assert.equal(m.add('a', article(0)), true);
  assert.equal(m.add('a', article(0)), false);
});

test('boilerplate: snapshot is compact and a version-1 snapshot still loads', () => {
  const m = new BoilerplateModel();
  for (let i = 0; i < 200; i++) m.add('a', article(i));
  const json = JSON.stringify(m.toJSON());
  assert.ok(json.length < 200 * 120, `snapshot ${json.length} chars`);
  const h = splitLines(FOOTER)[0]!.hash;
  const v1 = { version: 1, sources: { a: { docs: 7, lines: { [h.toString(36)]: 7, zz: 1 }, seen: ['x:1'] } } };
  const back = BoilerplateModel.fromJSON(v1);
  assert.equal(back.docs('a'), 7);
  assert.equal(back.count('a', h), 7);
});
