import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consistentSpans, isNameLike } from '../../src/extract/entities/consistency.ts';
import { matchKey } from '../../src/extract/entities/arabic.ts';

// "خلال سلفادور ... . والتقى سلفادور الوزير . وقال إن بسلفادور ..." (keys)
const words = 'خلال سلفادور مارتينيز الى العاصمه . والتقى سلفادور مارتينيز الوزير . وقال ان سلفادور خلال'.split(' ');
const keys = words.map((w) => (w === '.' ? '\u0000.' : matchKey(w)));

test('an untagged repeat of a tagged name gets its type; the longest known sequence wins', () => {
  const added = consistentSpans(keys, [{ start: 1, end: 3, type: 'PER' }], () => true);
  assert.deepEqual(added, [{ start: 7, end: 9, type: 'PER' }]);
  const both = consistentSpans(keys, [{ start: 1, end: 3, type: 'PER' }, { start: 7, end: 8, type: 'PER' }], () => true);
  // سلفادور alone was tagged once: its untagged repeat (token 13) follows; tokens 7–8 are covered already
  assert.deepEqual(both, [{ start: 13, end: 14, type: 'PER' }]);
});

test('majority type; one-word keys need the name-like guard', () => {
  const spans = [
    { start: 1, end: 2, type: 'PER' as const },
    { start: 7, end: 8, type: 'PER' as const },
    { start: 0, end: 1, type: 'ORG' as const },
  ];
  assert.deepEqual(consistentSpans(keys, spans, () => true), [
    { start: 13, end: 14, type: 'PER' },
    { start: 14, end: 15, type: 'ORG' },
  ]);
  // خلال is a very common word in news: never propagated by the default guard
  assert.equal(isNameLike(matchKey('خلال')), false);
  assert.deepEqual(consistentSpans(keys, spans, isNameLike), [{ start: 13, end: 14, type: 'PER' }]);
});
