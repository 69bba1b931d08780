import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  normalize,
  normalizeWithMap,
  rawSpan,
  tokenize,
  wordTokens,
  splitClitics,
  baseOffset,
  matchForm,
  stem,
  splitSentences,
} from '../../src/text/index.ts';
import { compareStemmers } from './stem-compare.ts';

const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- arbitraries
const PIECES = [
  'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ي', 'ة', 'ه', 'ؤ', 'ئ', 'ء', 'و', 'ب', 'ل', 'ف', 'ك', 'ال', 'بوتين', 'الرئيس',
  '\u064E', '\u0650', '\u0651', '\u0652', '\u0670', 'ـ', '٢', '٠', '۳', '3', '.', ',', '/', ':', '٫', '٬', '،', '؛', '؟', '!',
  '…', '...', '«', '»', '“', '”', '„', '"', '(', ')', '–', '—', ' ', '  ', '\n', '\r\n', '\t', '\u00A0', '\u200B', '\u200C',
  '\u200D', '\u200E', '\u200F', '\u202E', '\u2067', '\uFEFF', 'ﻻ', 'ﷲ', 'ﺑ', 'abc', 'G20', 'é', 'e\u0301', '😀', '𝐀',
  '\uD800', '\uDC00', 'د.', 'ق.م', '8.5', '2023.9.13', '13/9/2023', '8,000',
];
const arabicish = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const anyText = fc.oneof(arabicish, anyUnits, fc.string({ unit: 'binary', maxLength: 40 }));

// ---------------------------------------------------------------- normalize
test('normalize folds letters, marks, digits, quotes, dashes and invisible controls', () => {
  assert.equal(normalize('أإآٱ'), 'اااا');
  assert.equal(normalize('مستشفى'), 'مستشفي');
  assert.equal(normalize('مؤتمر رئيس'), 'موتمر رييس');
  assert.equal(normalize('مدرسة'), 'مدرسة', 'ة is kept by normalize');
  assert.equal(normalize('وَقَالَ الرَّئِيسُ'), 'وقال الرييس');
  assert.equal(normalize('جـــديد'), 'جديد');
  assert.equal(normalize('٢٠٢٣ ۱۴۰۲ ٣٫٥٪'), '2023 1402 3.5%');
  assert.equal(normalize('«قال» “نعم” „لا"'), '"قال" "نعم" "لا"');
  assert.equal(normalize('2020–2023 — نعم'), '2020-2023 - نعم');
  assert.equal(normalize('ب\u200Cو\u200Dت\u200Fين\u202E'), 'بوتين');
  assert.equal(normalize('a\u00A0b\u2009c'), 'a b c');
  assert.equal(normalize('ﻻ ﺑﻴﺮﻭﺕ'), 'لا بيروت', 'presentation forms via NFKC');
  assert.equal(normalize('ﷲ'), 'الله');
});

test('normalize is idempotent (property)', () => {
  fc.assert(fc.property(anyText, (s) => normalize(normalize(s)) === normalize(s)), { numRuns: 2000 });
});

test('normalize is idempotent on every BMP code unit', () => {
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    const n = normalize(s);
    if (normalize(n) !== n) assert.fail(`U+${c.toString(16)} → ${JSON.stringify(n)} is not a fixed point`);
  }
});

test('normalizeWithMap gives normalize() text and a monotone map into raw (property)', () => {
  fc.assert(
    fc.property(anyText, (raw) => {
      const m = normalizeWithMap(raw);
      assert.equal(m.text, normalize(raw));
      assert.equal(m.starts.length, m.text.length);
      for (let i = 0; i < m.text.length; i++) {
        assert.ok(m.starts[i] >= 0 && m.starts[i] < m.ends[i] && m.ends[i] <= raw.length);
        if (i > 0) assert.ok(m.starts[i] >= m.starts[i - 1]);
      }
    }),
    { numRuns: 1000 },
  );
});

test('normalizeWithMap maps a match back to the raw span, marks included', () => {
  const raw = 'وَصَلَ الرَّئِيسُ «بُوتِين» إلى ﺑﻴﺮﻭﺕ.';
  const m = normalizeWithMap(raw);
  const i = m.text.indexOf('بوتين');
  const span = rawSpan(m, i, i + 'بوتين'.length);
  assert.equal(raw.slice(span.start, span.end), 'بُوتِين');
  const j = m.text.indexOf('بيروت');
  const s2 = rawSpan(m, j, j + 5);
  assert.equal(raw.slice(s2.start, s2.end), 'ﺑﻴﺮﻭﺕ');
});

// ---------------------------------------------------------------- tokenize
test('tokenize keeps numbers, dates and decimals whole and classifies kinds', () => {
  const toks = tokenize('في 2023.9.13 و13/9/2023 دفع 8,000 دولار بنسبة 1.5% عند 10:30 لـG20 وCOVID-19.');
  const pairs = toks.map((t) => `${t.kind}:${t.text}`);
  for (const want of ['number:2023.9.13', 'number:13/9/2023', 'number:8,000', 'number:1.5', 'number:10:30', 'latin:G20', 'latin:COVID', 'number:19', 'punct:%', 'punct:.']) {
    assert.ok(pairs.includes(want), `${want} in ${pairs.join(' ')}`);
  }
  assert.deepEqual(
    toks.filter((t) => t.kind === 'word').map((t) => t.text),
    ['في', 'و', 'دفع', 'دولار', 'بنسبة', 'عند', 'لـ', 'و'],
  );
});

test('tokens keep tashkeel, tatweel and ZWNJ inside the word; norm is the matching form', () => {
  const toks = tokenize('قَالَ الـرئيس\u200Cالأول ٣٫٥');
  assert.deepEqual(
    toks.map((t) => [t.text, t.norm, t.kind]),
    [
      ['قَالَ', 'قال', 'word'],
      ['الـرئيس\u200Cالأول', 'الرييسالاول', 'word'],
      ['٣٫٥', '3.5', 'number'],
    ],
  );
});

test('tokenize honours from/to and never splits a surrogate pair', () => {
  const raw = 'قال 😀 بوتين';
  const toks = tokenize(raw, 4, raw.length);
  assert.deepEqual(toks.map((t) => t.text), ['😀', 'بوتين']);
  assert.equal(toks[0].start, 4);
  assert.deepEqual(wordTokens(raw).map((t) => t.text), ['قال', 'بوتين']);
});

test('token offsets index raw; tokens are ordered and disjoint (property)', () => {
  fc.assert(
    fc.property(anyText, fc.nat(50), fc.nat(50), (raw, a, b) => {
      const from = Math.min(a, b);
      const to = Math.max(a, b);
      let last = Math.min(from, raw.length);
      for (const t of tokenize(raw, from, to)) {
        assert.equal(raw.slice(t.start, t.end), t.text);
        assert.ok(t.start >= last && t.end > t.start && t.end <= Math.min(to, raw.length));
        assert.equal(t.norm, normalize(t.text));
        last = t.end;
      }
    }),
    { numRuns: 2000 },
  );
});

test('golden tokens', () => {
  const cases = JSON.parse(readFileSync(join(here, 'golden', 'tokens.json'), 'utf8')) as { input: string; tokens: [string, string, number, number][] }[];
  for (const c of cases) {
    assert.deepEqual(tokenize(c.input).map((t) => [t.kind, t.text, t.start, t.end]), c.tokens, c.input);
  }
});

// ---------------------------------------------------------------- clitics
test('splitClitics: the issue examples', () => {
  const cases: [string, string, string][] = [
    ['وبوتين', 'و', 'بوتين'],
    ['لبوتين', 'ل', 'بوتين'],
    ['ببوتين', 'ب', 'بوتين'],
    ['والرئيس', 'وال', 'رييس'],
    ['للرئيس', 'لل', 'رييس'],
    ['للبنان', 'ل', 'لبنان'],
    ['وإلى', 'و', 'الي'],
  ];
  for (const [w, p, b] of cases) assert.deepEqual(splitClitics(w), { proclitics: p, base: b }, w);
  for (const w of ['بوتين', 'لندن', 'فلاديمير', 'كوريا', 'بغداد', 'فرنسا', 'واشنطن', 'باريس', 'كابول', 'لبنان', 'بيروت', 'فلسطين', 'والي']) {
    assert.deepEqual(splitClitics(w), { proclitics: '', base: normalize(w) }, w);
  }
});

test('clitics gold list: ≥ 97 % exact on dev and test halves', () => {
  const rows = readFileSync(join(here, 'clitics-gold.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  assert.ok(rows.length >= 300, `gold has ${rows.length} rows`);
  const ok = [0, 0];
  const n = [0, 0];
  const errors: string[] = [];
  rows.forEach(([word, p, b], i) => {
    const got = splitClitics(word);
    n[i % 2]++;
    if (got.proclitics === normalize(p) && got.base === normalize(b)) ok[i % 2]++;
    else errors.push(`${word}: ${got.proclitics}+${got.base} (want ${p}+${b})`);
  });
  const total = (ok[0] + ok[1]) / (n[0] + n[1]);
  assert.ok(total >= 0.97, `accuracy ${total.toFixed(3)}; errors: ${errors.join('; ')}`);
  assert.ok(ok[1] / n[1] >= 0.97, `test-half accuracy ${(ok[1] / n[1]).toFixed(3)}`);
});

test('baseOffset points into the raw word', () => {
  const w = 'وَبِالرَّئِيس';
  const k = baseOffset(w);
  assert.equal(normalize(w.slice(k)), 'رييس');
});

test('matchForm: one key for clitic, hamza, ة/ه and tashkeel variants', () => {
  assert.equal(matchForm('وبالقاهرة'), matchForm('القاهره'));
  assert.equal(matchForm('لبوتين'), matchForm('بُوتين'));
  assert.equal(matchForm('والرئيس'), 'رييس');
  assert.equal(matchForm('ومدرسة'), 'مدرسه');
  assert.equal(matchForm('فلاديمير بوتين'), 'فلاديمير بوتين');
  assert.equal(matchForm('CNN'), 'cnn');
  assert.notEqual(matchForm('لبنان'), matchForm('بنان'));
});

// ---------------------------------------------------------------- stem
test('stem conflates inflected and cliticised forms but keeps names apart', () => {
  assert.equal(stem('الحكومات'), stem('حكومة'));
  assert.equal(stem('والمعلمون'), stem('المعلمين'));
  assert.equal(stem('بفرنسا'), stem('فرنسا'));
  assert.notEqual(stem('لبنان'), stem('بنان'));
  assert.notEqual(stem('بوتين'), stem('وتين'));
});

test('stem(): at least as good as light10 and snowball on the stem gold list', () => {
  const [snow, l10, mine] = compareStemmers();
  assert.ok(mine.f1 >= l10.f1 && mine.f1 >= snow.f1, JSON.stringify({ snow, l10, mine }));
  assert.ok(mine.f1 >= 0.8, `F1 ${mine.f1}`);
});

// ---------------------------------------------------------------- sentences
test('sentences: abbreviations, decimals, dates, quotes, Arabic punctuation', () => {
  const t = (raw: string) => splitSentences(raw).map((s) => s.text);
  assert.deepEqual(t('التقى د. أحمد بالوزير. ثم غادر.'), ['التقى د. أحمد بالوزير.', 'ثم غادر.']);
  assert.deepEqual(t('بلغ النمو 8.5 في المئة في 2023.9.13 وفق التقرير.'), ['بلغ النمو 8.5 في المئة في 2023.9.13 وفق التقرير.']);
  assert.deepEqual(t('بُني المعبد عام 300 ق.م تقريباً. وهو قائم.'), ['بُني المعبد عام 300 ق.م تقريباً.', 'وهو قائم.']);
  assert.deepEqual(t('هل انتهى؟ نعم! لكن، على ما يبدو؛ ليس تماماً.'), ['هل انتهى؟', 'نعم!', 'لكن، على ما يبدو؛ ليس تماماً.']);
  assert.deepEqual(t('قال: «سنرد. قريباً». وانتهى.'), ['قال: «سنرد. قريباً».', 'وانتهى.']);
  assert.deepEqual(t('عنوان\nالنص الأول.'), ['عنوان', 'النص الأول.']);
  assert.deepEqual(t('انتهى الاجتماع.وبدأ المؤتمر.'), ['انتهى الاجتماع.', 'وبدأ المؤتمر.']);
});

test('golden sentences', () => {
  const cases = JSON.parse(readFileSync(join(here, 'golden', 'sentences.json'), 'utf8')) as { input: string; sentences: string[] }[];
  for (const c of cases) assert.deepEqual(splitSentences(c.input).map((s) => s.text), c.sentences, c.input);
});

test('sentences index raw, are ordered, and cover every non-space character (property)', () => {
  const isSpace = (ch: string) => /^[\s\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u061C\u180E\uFE00-\uFE0F]$/u.test(ch);
  fc.assert(
    fc.property(anyText, (raw) => {
      const sents = splitSentences(raw);
      const covered = new Uint8Array(raw.length);
      let last = 0;
      for (const s of sents) {
        assert.equal(raw.slice(s.start, s.end), s.text);
        assert.ok(s.start >= last && s.end > s.start);
        last = s.end;
        covered.fill(1, s.start, s.end);
      }
      for (let i = 0; i < raw.length; i++) if (!covered[i]) assert.ok(isSpace(raw[i]), `uncovered ${JSON.stringify(raw[i])} at ${i} in ${JSON.stringify(raw)}`);
    }),
    { numRuns: 2000 },
  );
});
