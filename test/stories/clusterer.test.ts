import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoryClusterer, clusterBatch, type StoryInput, type ClustererJSON } from '../../src/stories/index.ts';
import { FIXTURES, DAY, HOUR, withEntities } from './fixtures.ts';

const storyOf = (c: StoryClusterer) => (id: string) => c.storyOfArticle(id)!;

test('two stories form and the topic-sharing decoys stay apart', () => {
  const c = clusterBatch(FIXTURES);
  const s = storyOf(c);
  assert.equal(s('flood-2'), s('flood-1'));
  assert.equal(s('flood-3'), s('flood-1'));
  assert.equal(s('bank-2'), s('bank-1'));
  assert.equal(s('bank-3'), s('bank-1'));
  assert.notEqual(s('flood-1'), s('bank-1'));
  // another flood elsewhere: same topic, not the same story
  assert.notEqual(s('decoy-flood'), s('flood-1'));
  assert.notEqual(s('decoy-flood'), s('bank-1'));
});

test('another country\'s rate decision the next day stays apart when entities are given', () => {
  // bag-of-words says "central bank, interest, inflation"; the names say Turkey, not Egypt
  const c = clusterBatch(FIXTURES.map(withEntities));
  assert.notEqual(c.storyOfArticle('decoy-bank'), c.storyOfArticle('bank-1'));
  assert.equal(c.storyOfArticle('bank-3'), c.storyOfArticle('bank-1'));
  assert.equal(c.storyOfArticle('flood-3'), c.storyOfArticle('flood-1'));
  // without entities (or with the penalty off) the decoy joins: the signal is what keeps it apart
  const off = clusterBatch(FIXTURES.map(withEntities), { entityPenalty: 0 });
  assert.equal(off.storyOfArticle('decoy-bank'), off.storyOfArticle('bank-1'));
});

test('state round-trips through JSON and the restored clusterer continues exactly like the original', () => {
  const whole = clusterBatch(FIXTURES);
  const first = new StoryClusterer();
  for (const a of FIXTURES.slice(0, 4)) first.assign(a);
  const restored = StoryClusterer.fromJSON(JSON.parse(JSON.stringify(first.toJSON())) as ClustererJSON);
  assert.deepEqual(restored.snapshot(), first.snapshot());
  for (const a of FIXTURES.slice(4)) restored.assign(a);
  assert.deepEqual(restored.snapshot(), whole.snapshot());
  assert.deepEqual(restored.toJSON(), whole.toJSON());
});

test('streaming in arrival order equals batch re-clustering (batch sorts by time, then id)', () => {
  const streamed = new StoryClusterer();
  for (const a of FIXTURES) streamed.assign(a);
  const shuffled = [...FIXTURES].reverse();
  assert.deepEqual(clusterBatch(shuffled).snapshot(), streamed.snapshot());
});

test('an article seen before is not assigned twice', () => {
  const c = clusterBatch(FIXTURES);
  const again = c.assign(FIXTURES[0]);
  assert.equal(again.storyId, c.storyOfArticle(FIXTURES[0].id));
  assert.equal(c.snapshot().flatMap((s) => s.articleIds).length, FIXTURES.length);
});

test('merge rule: two stories whose centroids converge merge into the bigger one', () => {
  const floods = FIXTURES.filter((a) => a.id.startsWith('flood-'));
  // a join threshold no article reaches: every article starts its own story, only merges can group them
  const c = new StoryClusterer({ threshold: 5, mergeThreshold: 0.3 });
  const merged = floods.map((a) => c.assign(a)).flatMap((r) => r.merged);
  assert.ok(merged.length >= 1, 'at least one merge');
  assert.equal(c.storyOfArticle('flood-2'), c.storyOfArticle('flood-1'));
  assert.equal(c.snapshot().length, c.storyCount);
  // with a merge bar no pair of these reaches, nothing merges
  const strict = new StoryClusterer({ threshold: 5, mergeThreshold: 0.99 });
  assert.deepEqual(floods.flatMap((a) => strict.assign(a).merged), []);
  assert.equal(strict.storyCount, 3);
});

test('close rule: a story idle for closeAfterDays leaves the index; a later similar article starts a new story', () => {
  const [a, b] = FIXTURES.filter((x) => x.id.startsWith('flood-'));
  const c = new StoryClusterer({ closeAfterDays: 3 });
  c.assign(a);
  const late: StoryInput = { ...b, id: 'flood-late', time: a.time + 4 * DAY };
  const r = c.assign(late);
  assert.equal(r.isNewStory, true);
  const old = c.snapshot().find((s) => s.articleIds.includes(a.id))!;
  assert.equal(old.closed, true);
  assert.equal(c.openStoryCount, 1);
  // within the window the same article joins
  const d = new StoryClusterer({ closeAfterDays: 3 });
  d.assign(a);
  assert.equal(d.assign({ ...late, time: a.time + 2 * DAY }).isNewStory, false);
});

test('retrieval cost is bounded by the posting lists, not by the number of stories', () => {
  // 3,000 distinct stories that all share one frequent term: candidates stay capped by maxPostings
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  const word = (n: number) => { let s = ''; do { s += letters[n % letters.length]; n = Math.floor(n / letters.length); } while (n > 0); return `${s}ق${s}`; };
  const c = new StoryClusterer({ maxPostings: 100, priorDocs: 0 });
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < 3000; i++) {
    c.assign({ id: `x${i}`, time: t0 + i * 1000, source: null, title: `${word(i * 7 + 1)} ${word(i * 7 + 2)} الميناء`, body: `${word(i * 7 + 3)} ${word(i * 7 + 4)} ${word(i * 7 + 5)} الميناء` });
  }
  assert.ok(c.openStoryCount > 2500, `${c.openStoryCount} stories`);
  const r = c.assign({ id: 'probe', time: t0 + 3001 * 1000, source: null, title: 'الميناء', body: 'الميناء' });
  assert.ok(r.candidates <= 100, `${r.candidates} candidates scored`);
  // an article sharing no indexed term scores no story at all
  const lone = c.assign({ id: 'lone', time: t0 + 3002 * 1000, source: null, title: 'زلزال', body: 'زلزال بقوة' });
  assert.equal(lone.candidates, 0);
  assert.equal(lone.isNewStory, true);
});

test('entities, when given, raise the score of a story that shares them', () => {
  const [a, b] = FIXTURES.filter((x) => x.id.startsWith('bank-'));
  const plain = new StoryClusterer();
  plain.assign(a);
  const s0 = plain.assign(b).score;
  const withEntities = new StoryClusterer();
  withEntities.assign({ ...a, entities: ['org:central-bank-egypt', 'مصر'] });
  const s1 = withEntities.assign({ ...b, entities: ['org:central-bank-egypt', 'لمصر'] }).score;
  assert.ok(s1 > s0, `${s1} > ${s0}`);
});

test('time decay: the same follow-up scores lower two weeks later', () => {
  const [a, b] = FIXTURES.filter((x) => x.id.startsWith('flood-'));
  const soon = new StoryClusterer();
  soon.assign(a);
  const later = new StoryClusterer();
  later.assign(a);
  assert.ok(later.assign({ ...b, time: a.time + 14 * DAY }).score < soon.assign({ ...b, time: a.time + 2 * HOUR }).score);
});
