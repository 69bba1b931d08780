/** Property: whatever lines an article is made of, removed spans and body paragraphs index the text exactly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cleanArticle, BoilerplateModel } from '../../src/clean/index.ts';

const LINES = [
  'ـ',
  '\u200f',
  'وقال المتحدث باسم الوزارة إن الفرق الميدانية تواصل عملها على مدار الساعة.',
  'أعلنت الشركة، الإثنين، عن خطة لتوسيع أعمالها في ثلاث دول خلال العام المقبل.',
  'عاجل',
  'اضغط هنا للاشتراك',
  'اقرأ أيضاً: ارتفاع أسعار الذهب',
  'قد يهمك أيضًا :',
  'أرسل تعليقك',
  '/>',
  '/>وأضاف أن النتائج ستعلن الأسبوع المقبل.',
  'الرياض - واس - أعلنت الهيئة العامة للإحصاء نتائج المسح السنوي للقوى العاملة في المملكة.',
  'موسكو - سامر الخطيب',
  '- تحديات',
  '* نقلاً عن صحيفة الوطن',
  '',
  '   ',
  '&nbsp;',
  '\r',
];

const lineArb = fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 40 }), fc.stringMatching(/^[\u0621-\u064a ،.:\-/>]{0,60}$/));

test('property: removed spans and paragraphs are exact, ordered slices of the text', () => {
  const model = new BoilerplateModel();
  fc.assert(
    fc.property(fc.array(lineArb, { maxLength: 25 }), fc.option(fc.constantFrom(...LINES)), (lines, title) => {
      const raw = lines.join('\n');
      model.add('src', raw);
      const r = cleanArticle({ raw, rawKind: 'text', source: 'src', title }, model);
      assert.equal(r.text, raw);
      assert.equal(r.textIsRaw, true);
      const spans = [...r.removed.map((s) => ({ ...s, kind: 'removed' })), ...r.paragraphs.map((p) => ({ ...p, kind: 'body' }))].sort((a, b) => a.start - b.start);
      let last = 0;
      for (const s of spans) {
        assert.ok(s.start >= last, 'spans do not overlap');
        assert.ok(s.end > s.start && s.end <= raw.length, 'span within the text');
        assert.equal(raw.slice(s.start, s.end), s.text);
        last = s.end;
      }
      // nothing but whitespace is left uncovered
      let covered = '';
      let pos = 0;
      for (const s of spans) {
        covered += raw.slice(pos, s.start).replace(/\s/g, '');
        pos = s.end;
      }
      covered += raw.slice(pos).replace(/\s/g, '');
      assert.equal(covered, '', 'every non-space character is in a paragraph or a removed span');
    }),
    { numRuns: 300 },
  );
});
