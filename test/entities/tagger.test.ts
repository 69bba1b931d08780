import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel, tagEntities } from '../../src/extract/entities/index.ts';

const model = loadModel();
const found = (text: string) => tagEntities(text, model).map((m) => `${m.type}:${m.text}`);

test('model loads with its gazetteer and clusters', () => {
  assert.equal(model.meta.tags.length, 9);
  assert.ok(model.gazetteer.size > 1000);
  assert.ok(model.clusters !== null);
});

test('person after a title, city, organisation', () => {
  const text = 'وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن منظمة الصحة العالمية ستعقد اجتماعا طارئا.';
  const ms = found(text);
  assert.ok(ms.includes('PER:إيمانويل ماكرون'), ms.join(' | '));
  assert.ok(ms.includes('LOC:باريس'), ms.join(' | '));
  assert.ok(ms.some((m) => m.startsWith('ORG:منظمة الصحة العالمية')), ms.join(' | '));
});

test('offsets index the given text; a glued conjunction is left out when the bare name occurs', () => {
  const text = 'استقبل الرئيس الفرنسي إيمانويل ماكرون الوفد في باريس. وقال ماكرون إن فرنسا تدعم الاتفاق، واتفق ماكرون وشولتس على ذلك. وزار شولتس برلين.';
  const ms = tagEntities(text, model);
  for (const m of ms) assert.equal(text.slice(m.start, m.end), m.text);
  assert.ok(ms.length >= 4, ms.map((m) => m.text).join(' | '));
  assert.ok(!ms.some((m) => m.text === 'وشولتس' || m.text.includes('ماكرون وشولتس')), ms.map((m) => m.text).join(' | '));
});

test('agency names are one ORG span (pattern rule)', () => {
  const ms = found('وذكرت وكالة الأنباء السعودية الرسمية أن الوفد وصل، بحسب وكالة رويترز للأنباء.');
  assert.ok(ms.includes('ORG:وكالة الأنباء السعودية'), ms.join(' | '));
});
