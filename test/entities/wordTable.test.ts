import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchKey } from '../../src/extract/entities/arabic.ts';
import { buildWordTable, NO_WIDE, PROFILE_DIMS, WordTable } from '../../src/extract/entities/wordTable.ts';
import { deserializeModel, serializeModel } from '../../src/extract/entities/modelFile.ts';
import { parseConll, trainNer } from '../../src/extract/entities/index.ts';
import { InputError } from '../../src/errors.ts';

// a small synthetic stream: invented person names after titles, invented towns after place nouns
const PEOPLE = ['زاهر', 'قيدار', 'مهيار', 'نوفل', 'ضرغام'];
const TOWNS = ['سرمدا', 'كفرنبل', 'تلمنس', 'حزانو', 'معرتا'];
const FILLER = 'وقال إن الاجتماع ناقش الأوضاع الاقتصادية في المنطقة وأكد ضرورة التعاون بين الجانبين'.split(' ');
function corpus(): string[][] {
  const docs: string[][] = [];
  for (let d = 0; d < 120; d++) {
    const p = PEOPLE[d % PEOPLE.length];
    const t = TOWNS[(d * 3) % TOWNS.length];
    const words = ['وصل', 'الرئيس', p, 'إلى', 'مدينة', t, ...FILLER, 'وزار', 'الوزير', p, 'بلدة', t, ...FILLER.slice(d % 5)];
    docs.push(words.map(matchKey));
  }
  return docs;
}

test('word table: names after titles get a person-title profile, towns a place-noun profile', () => {
  const data = buildWordTable(corpus(), { minCount: 3, contexts: 50, dims: 16, trainWords: 200 });
  const wt = new WordTable(data);
  const pert = PROFILE_DIMS.indexOf('pert');
  const loct = PROFILE_DIMS.indexOf('loct');
  const person = wt.of(matchKey(PEOPLE[0]));
  const town = wt.of(matchKey(TOWNS[0]));
  assert.ok(person.profile[pert] >= 4, JSON.stringify(person));
  assert.equal(person.profile[loct], 0);
  assert.ok(town.profile[loct] >= 4, JSON.stringify(town));
  assert.equal(town.profile[pert], 0);
  // cluster path: coarse ids are prefixes of the fine id
  assert.equal(person.c64, person.c1024 >> 4);
  assert.equal(person.c256, person.c1024 >> 2);
  assert.deepEqual(wt.of('كلمةغيرموجودة'), NO_WIDE);
  // seeded: the same text gives the same table
  assert.deepEqual(buildWordTable(corpus(), { minCount: 3, contexts: 50, dims: 16, trainWords: 200 }), data);
});

test('a model trained with other feature templates is refused, not silently misread', () => {
  const m = trainNer(parseConll('زار O\nالوزير O\nسمير B-PERS\nطرابلس B-LOC\n'), { bits: 10, epochs: 1, folds: 2 });
  assert.doesNotThrow(() => deserializeModel(serializeModel(m)));
  const old = { ...m, meta: { ...m.meta, features: 1 } };
  assert.throws(() => deserializeModel(serializeModel(old)), InputError);
});
