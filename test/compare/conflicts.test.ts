import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignFacts, findConflicts, coverageMatrix, readNumbers, valuesAgree, readDates, datesAgree, sameName, type DetailedConflict } from '../../src/compare/index.ts';
import { tokenize } from '../../src/text/index.ts';
import { STORY } from './fixture.ts';

const here = dirname(fileURLToPath(import.meta.url));
const conflicts = findConflicts(STORY, alignFacts(STORY));
const has = (c: DetailedConflict, re: RegExp): boolean => c.sides.some((s) => re.test(s.value) || s.sentences.some((x) => re.test(x.text)));

test('planted place conflict: the meeting in Beni Hassan vs Rabat', () => {
  const c = conflicts.find((x) => x.type === 'place');
  assert.ok(c, JSON.stringify(conflicts.map((x) => x.about)));
  const values = c.sides.map((s) => s.value).join(' ');
  assert.match(values, /بني حسان/);
  assert.match(values, /الرباط/);
  assert.deepEqual(new Set(c.sides.flatMap((s) => s.articleIds)), new Set(['a1', 'a2']));
});

test('planted number conflict: evacuated families the same day (340 vs 520)', () => {
  const c = conflicts.find((x) => x.type === 'number' && has(x, /340/) && has(x, /520/));
  assert.ok(c, JSON.stringify(conflicts.map((x) => [x.type, x.sides.map((s) => s.value)])));
});

test('planted denial: the ministry denies refusing aid that Reuters reported', () => {
  const c = conflicts.find((x) => x.type === 'claim');
  assert.ok(c);
  const deny = c.sides.find((s) => s.value === 'ينفي')!;
  const affirm = c.sides.find((s) => s.value === 'يؤكد')!;
  assert.deepEqual(deny.articleIds, ['a4']);
  assert.deepEqual(affirm.articleIds, ['a3']);
});

test('near-misses are not conflicts: rising toll, rounded toll, region vs town, weekday vs date', () => {
  for (const c of conflicts) {
    assert.ok(!(c.type === 'number' && has(c, /قتيل|حتفهم|بحياة/)), `toll reported as conflict: ${JSON.stringify(c.sides.map((s) => s.value))}`);
    assert.ok(!(c.type === 'place' && has(c, /أمزميز/) && c.sides.some((s) => /الحوز/.test(s.value))), 'region vs town reported');
    assert.ok(c.type !== 'date', `date conflict reported: ${JSON.stringify(c.sides.map((s) => s.value))}`);
  }
  assert.equal(conflicts.length, 3);
});

test('every side cites the articles whose sentences it quotes', () => {
  for (const c of conflicts)
    for (const s of c.sides) {
      for (const ref of s.sentences) {
        const a = STORY.find((x) => x.id === ref.articleId)!;
        assert.equal(a.text.slice(ref.start, ref.end), ref.text);
        assert.ok(s.articleIds.includes(ref.articleId));
      }
    }
});

test('golden: conflicts of the fixture story', () => {
  const path = join(here, 'golden', 'conflicts.json');
  const got = conflicts.map((c) => ({ type: c.type, sides: c.sides.map((s) => ({ value: s.value, articleIds: s.articleIds })) }));
  if (!existsSync(path) || process.env.UPDATE_GOLDEN === '1') writeFileSync(path, `${JSON.stringify(got, null, 2)}\n`);
  assert.deepEqual(got, JSON.parse(readFileSync(path, 'utf8')));
});

test('facts: the same statement from several outlets is one fact; coverage matrix marks them', () => {
  const facts = alignFacts(STORY);
  const flood = facts.find((f) => f.articleIds.includes('a1') && f.articleIds.includes('a2') && /غمرت/.test(f.text));
  assert.ok(flood, 'the flooded-villages statement should be shared by a1 and a2');
  const m = coverageMatrix(STORY, facts, { minArticles: 2 });
  assert.equal(m.outlets.length, 4);
  for (const [i, f] of m.facts.entries()) assert.equal(m.cells[i]!.filter(Boolean).length, new Set(f.articleIds).size);
});

test('numbers: words, scales, approximation and bounds', () => {
  const n = (s: string) => readNumbers(tokenize(s));
  assert.equal(n('حضر المباراة 31 ألفاً و400 متفرج')[0]!.value, 31400);
  assert.equal(n('على بعد نحو ثمانية آلاف كيلومتر')[0]!.value, 8000);
  assert.equal(n('على بعد نحو ثمانية آلاف كيلومتر')[0]!.exactness, 'approx');
  const [a] = n('أودى بحياة نحو 300 شخص'), [b] = n('قتل 312 شخصاً'), [c] = n('قتل 241 شخصاً'), [d] = n('قتل 214 شخصاً');
  assert.ok(valuesAgree(a!, b!));
  assert.ok(!valuesAgree(c!, d!));
  const [e] = n('تابعها أكثر من 45 ألف متفرج'), [f] = n('تابعها 31400 متفرج');
  assert.ok(!valuesAgree(e!, f!));
  assert.equal(n('ارتفع إلى 15.3 بالمئة في فبراير')[0]!.unit, '%');
  assert.equal(n('ارتفع إلى 15.3 بالمئة في فبراير')[0]!.period, 2);
});

test('dates: weekday vs date agreement, relative days from the publication date', () => {
  const pub = Date.UTC(2025, 2, 25);
  const [x] = readDates(tokenize('مساء أمس الاثنين'), pub);
  const [y] = readDates(tokenize('مساء الاثنين 24 آذار'), pub);
  const [z] = readDates(tokenize('مساء الثلاثاء'), pub);
  assert.deepEqual(x!.days, ['2025-03-24']);
  assert.ok(datesAgree(x!, y!));
  assert.ok(!datesAgree(y!, z!));
});

test('names: spelling variants are one name', () => {
  assert.ok(sameName('فوستوتشني', 'فوستوشني'));
  assert.ok(sameName('جوزيف', 'جوزف'));
  assert.ok(!sameName('العقبه', 'عمان'));
});
