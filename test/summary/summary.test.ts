import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { alignFacts, type StoryArticle } from '../../src/compare/index.ts';
import { summarize, bestHeadline, baselineSummary, rouge } from '../../src/summary/index.ts';
import { wordTokens } from '../../src/text/index.ts';
import { STORY } from '../compare/fixture.ts';

test('summary: length budget, no duplicate facts, time order, citations', () => {
  const facts = alignFacts(STORY);
  const s = summarize(STORY, facts, { maxSentences: 4 });
  assert.equal(s.length, 4);
  assert.equal(new Set(s.map((x) => x.fact)).size, 4);
  const first = (fi: number): number => facts[fi]!.firstSeen ?? 0;
  for (let i = 1; i < s.length; i++) assert.ok(first(s[i - 1]!.fact) <= first(s[i]!.fact));
  const w = summarize(STORY, facts, { maxWords: 40 });
  assert.ok(w.reduce((a, x) => a + wordTokens(x.text).length, 0) <= 40 || w.length === 1);
});

test('property: every summary sentence cites exactly the articles that carry its fact', () => {
  const facts = alignFacts(STORY);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.subarray(STORY, { minLength: 1 }), (n, subset) => {
      const arts = subset as StoryArticle[];
      const fs = alignFacts(arts);
      for (const s of summarize(arts, fs, { maxSentences: n })) {
        const fact = fs[s.fact]!;
        assert.deepEqual(new Set(s.articleIds), new Set(fact.articleIds));
        for (const id of s.articleIds) {
          const ref = fact.sentences.find((r) => r.articleId === id);
          assert.ok(ref, `article ${id} carries a sentence of the fact`);
          const a = arts.find((x) => x.id === id)!;
          assert.equal(a.text.slice(ref.start, ref.end), ref.text);
        }
      }
    }),
    { numRuns: 40 },
  );
  void facts;
});

test('headline: a title of the story, 5–16 words preferred', () => {
  const h = bestHeadline(STORY);
  assert.ok(STORY.some((a) => a.title === h));
  assert.ok(wordTokens(h).length >= 3);
});

test('baseline and ROUGE: identical text scores 1, hamza-folded', () => {
  const r = rouge('بدأ الأمر في الأعظم', ['بدا الامر في الاعظم']);
  assert.equal(r.rouge1.f, 1);
  assert.equal(r.rouge2.f, 1);
  assert.equal(r.rougeL.f, 1);
  assert.ok(rouge('كلمة أخرى تماما', ['بدا الامر']).rouge1.f === 0);
  assert.ok(baselineSummary(STORY, { maxSentences: 3 }).length === 3);
});
