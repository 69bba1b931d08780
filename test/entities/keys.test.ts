import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchKey, splitProclitics, normWord } from '../../src/extract/entities/arabic.ts';

test('word keys: names starting with و/ف keep their first letter, glued clitics are stripped', () => {
  // names whose first letter looks like a conjunction (the letter rules used to cut فرنسا → رنسا)
  assert.equal(matchKey('فرنسا'), 'فرنسا');
  assert.equal(matchKey('واشنطن'), 'واشنطن');
  assert.equal(matchKey('فلسطين'), 'فلسطين');
  // the same names with a real conjunction or preposition get the same key
  assert.equal(matchKey('وفلسطين'), matchKey('فلسطين'));
  assert.equal(matchKey('ولندن'), 'لندن');
  assert.equal(matchKey('بدارفور'), 'دارفور');
  assert.equal(matchKey('للرئيس'), matchKey('الرئيس'));
  assert.equal(splitProclitics(normWord('وبوتين')).proclitics, 'و');
  assert.equal(splitProclitics(normWord('فرنسا')).proclitics, '');
});
