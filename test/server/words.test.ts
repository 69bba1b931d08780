/** The server's word scan yields exactly the toolkit's word tokens (so index, query and highlights agree). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { wordTokens } from '../../src/text/index.ts';
import { scanWords } from '../../src/server/words.ts';
import { termOf, termOfWord } from '../../src/server/terms.ts';
import { DRAFTS } from './fixture.ts';

const scanned = (text: string) => {
  const out: { start: number; end: number; kind: string }[] = [];
  scanWords(text, (start, end, kind) => out.push({ start, end, kind }));
  return out;
};
const toolkit = (text: string) => wordTokens(text).map((t) => ({ start: t.start, end: t.end, kind: t.kind }));

test('scanWords equals wordTokens on Arabic news text (clitics, tashkeel, tatweel, numbers, Latin)', () => {
  const texts = [
    ...DRAFTS.flatMap((d) => [d.title, ...d.lines.map((l) => l.text)]),
    'قالَ الرئيسُ الروسي فلاديمير بوتين إنّ قمة G20 ستُعقد في 13/9/2023 بمشاركة 8,000 مندوب — «وهذا مهمّ».',
    'ارتفعت الأسعار بنسبة 1.5% في الربع الثالث…؟! وقالت وكالة COVID19-Reuters: don\'t panic',
    'الـــرئيـــس\u200cالجديد 𝐀𝐁𝐂 ١٢٣٤ ۱۲ ‏(تحديث)‏',
  ];
  for (const t of texts) assert.deepEqual(scanned(t), toolkit(t), t);
});

test('scanWords equals wordTokens on arbitrary strings', () => {
  const pieces = ['و', 'ب', 'ال', 'بوتين', 'إسرائيل', 'ة', 'ـ', 'َ', 'ّ', '\u200c', '\u200d', '\u202e', ' ', '\n', '.', ',', '/', ':', '12', '٣', 'G', 'é', "'", '-', '…', '«', '»', '😀', '\ud800'];
  const arabicish = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(''));
  const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
  fc.assert(
    fc.property(fc.oneof(arabicish, anyUnits), (t) => {
      assert.deepEqual(scanned(t), toolkit(t));
    }),
    { numRuns: 2000 },
  );
});

test('termOfWord equals termOf on the toolkit tokens', () => {
  const text = 'وبوتين لبوتين الإسرائيلية محافظة المدينة في G20 عام 2024 The Reuters';
  for (const t of wordTokens(text)) assert.equal(termOfWord(t.text, t.kind as 'word'), termOf(t));
});
