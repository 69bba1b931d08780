import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConll, trainNer, tagWords } from '../../src/extract/entities/index.ts';
import { deserializeModel, serializeModel } from '../../src/extract/entities/modelFile.ts';
import { TAGS } from '../../src/extract/entities/tags.ts';

const CONLL = `قال O
الرئيس O
اللبناني O
جوزيف B-PERS
عون I-PERS
في O
بيروت B-LOC
. O

وأعلنت O
شركة B-ORG
أرامكو I-ORG
في O
الظهران B-LOC
. O

زار O
الوزير O
سمير B-PERS
مراد I-PERS
مدينة O
طرابلس B-LOC
. O
`;

test('training is deterministic for a seed and the model round-trips through its file format', () => {
  const data = parseConll(CONLL);
  assert.equal(data.length, 3);
  const a = trainNer(data, { bits: 12, epochs: 5, seed: 3, folds: 2 });
  const b = trainNer(data, { bits: 12, epochs: 5, seed: 3, folds: 2 });
  assert.deepEqual(Buffer.from(a.weights.emission.buffer), Buffer.from(b.weights.emission.buffer));
  const c = deserializeModel(serializeModel(a));
  assert.deepEqual(Array.from(c.weights.transition), Array.from(a.weights.transition));
  const tags = tagWords(c, data[0].words).map((t) => TAGS[t]);
  assert.deepEqual(tags, ['O', 'O', 'O', 'B-PER', 'I-PER', 'O', 'B-LOC', 'O']);
});
