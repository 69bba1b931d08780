import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addToIndex,
  alignPassages,
  creditedAgency,
  findReuse,
  findReuseDetailed,
  groupNearDuplicates,
  keyTokens,
  matchForm,
  ReuseIndex,
  type ReuseDoc,
  type ReuseFinding,
  type ReuseStore,
} from '../../src/reuse/index.ts';
import type { Posting } from '../../src/store/store.ts';
import { hashString } from '../../src/reuse/hash.ts';
import { COPY_FULL, COPY_HALF, COPY_PARTIAL, REWRITE, TEXTS, TIMES, WIRE } from './fixtures.ts';

const keysOf = (s: string) => Array.from(keyTokens(s).keys);

async function buildIndex(): Promise<{ index: ReuseIndex; found: Map<string, ReuseFinding[]> }> {
  const index = ReuseIndex.inMemory();
  const found = new Map<string, ReuseFinding[]>();
  const order = Object.keys(TIMES).sort((a, b) => Date.parse(TIMES[a]) - Date.parse(TIMES[b]));
  for (const id of order) found.set(id, await addToIndex(index, { id, text: TEXTS[id], publishedAt: TIMES[id] }, { includeShared: true }));
  return { index, found };
}

function pairsOf(found: Map<string, ReuseFinding[]>, kinds: string[]): Set<string> {
  const out = new Set<string>();
  for (const [id, fs] of found) for (const f of fs) if (kinds.includes(f.kind)) out.add([id, f.otherId].sort().join('~'));
  return out;
}

test('wire copies are found as copies; the rewrite and unrelated articles are not', async () => {
  const { found } = await buildIndex();
  const copies = pairsOf(found, ['duplicate', 'near_duplicate', 'copy']);
  for (const c of ['full', 'partial', 'half']) assert.ok(copies.has(['wire', c].sort().join('~')), `wire ↔ ${c} is a copy`);
  for (const p of copies) {
    assert.ok(!p.includes('rewrite') && !p.includes('u1') && !p.includes('u2'), `unexpected copy pair ${p}`);
  }
});

test('the full copy is a near-duplicate; the partial copy covers a share of each side', async () => {
  const { found } = await buildIndex();
  const full = found.get('full')!.find((f) => f.otherId === 'wire')!;
  assert.equal(full.kind, 'near_duplicate');
  assert.ok(full.coverage! > 0.9, `coverage ${full.coverage}`);
  const partial = found.get('partial')!.find((f) => f.otherId === 'wire')!;
  assert.equal(partial.kind, 'copy');
  assert.ok(partial.passages.length >= 3, `${partial.passages.length} passages`);
  assert.ok(partial.coverage! > 0.3 && partial.coverage! < 0.7, `partial covers ${partial.coverage} of its own body`);
  assert.ok(partial.otherCoverage > 0.3 && partial.otherCoverage < 0.8, `wire covered ${partial.otherCoverage}`);
});

test('origin: the agency dispatch was first, and the credited agency is named', async () => {
  const { found } = await buildIndex();
  for (const c of ['full', 'partial', 'half']) {
    const l = found.get(c)!.find((f) => f.otherId === 'wire')!;
    assert.equal(l.firstPublished, 'other', `${c}: wire published first`);
    assert.equal(l.agency, 'أ ف ب');
  }
});

test('passages carry offsets into both texts and survive punctuation, quote, digit and spacing edits', () => {
  const ps = alignPassages(COPY_HALF, WIRE);
  assert.equal(ps.length, 3, 'one passage per paragraph');
  for (const p of ps) {
    assert.equal(COPY_HALF.slice(p.start, p.end), p.text);
    const other = WIRE.slice(p.otherStart, p.otherEnd);
    const a = keysOf(p.text);
    const b = new Set(keysOf(other));
    assert.ok(a.filter((k) => b.has(k)).length / a.length > 0.9, 'the two sides say the same words');
  }
  // the first passage runs to the year on both sides (٢٠١٩ vs 2019)
  assert.ok(ps[0].text.endsWith('٢٠١٩'));
  assert.ok(WIRE.slice(ps[0].otherStart, ps[0].otherEnd).endsWith('2019'));
});

test('a word added or dropped does not break a passage', () => {
  const ps = alignPassages(COPY_PARTIAL, WIRE);
  const rescue = ps.find((p) => p.text.includes('مفقودين'))!;
  assert.ok(rescue.text.startsWith('وقال المتحدث') && rescue.text.endsWith('المحاصرين'), rescue.text);
});

test('a rewrite of the same facts shares no passage', () => {
  assert.deepEqual(alignPassages(REWRITE, WIRE), []);
});

test('property: passage offsets index both texts, and each side holds the other’s words', () => {
  const vocab = 'الحكومة أعلنت الثلاثاء وزير الخارجية المدينة قال إن في من على إلى الأمطار الجيش السكان مؤتمر صحافي العاصمة الرئيس الولاية منظمة الصحة المياه الطريق المنازل عائلة شخصا مقتل فرق الإنقاذ'.split(' ');
  const word = fc.constantFrom(...vocab);
  const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max });
  const sep = fc.constantFrom(' ', ' ', ' ', '، ', '\n', ' «', '» ', ' - ');
  const join = (ws: string[], seps: string[]) => ws.map((w, i) => (i ? seps[i % seps.length] : '') + w).join('');
  fc.assert(
    fc.property(words(0, 30), words(12, 60), words(0, 30), words(0, 30), fc.array(sep, { minLength: 1, maxLength: 8 }), fc.array(sep, { minLength: 1, maxLength: 8 }), fc.nat(59), (pre, shared, post, pre2, s1, s2, drop) => {
      const edited = shared.filter((_, i) => i !== drop);
      const a = join([...pre, ...shared, ...post], s1);
      const b = join([...pre2, ...edited], s2);
      for (const p of alignPassages(a, b)) {
        assert.ok(p.start >= 0 && p.end <= a.length && p.start < p.end);
        assert.ok(p.otherStart >= 0 && p.otherEnd <= b.length && p.otherStart < p.otherEnd);
        assert.equal(a.slice(p.start, p.end), p.text);
        // both ends of each side are word boundaries
        assert.match(a.slice(p.start, p.start + 1) + a.slice(p.end - 1, p.end), /^[\u0621-\u064A]{2}$/u);
        assert.match(b.slice(p.otherStart, p.otherStart + 1) + b.slice(p.otherEnd - 1, p.otherEnd), /^[\u0621-\u064A]{2}$/u);
      }
    }),
    { numRuns: 200, seed: 7 },
  );
});

test('offsetBase and pieces map passages to raw offsets', async () => {
  const index = ReuseIndex.inMemory();
  await index.add({ id: 'wire', text: WIRE });
  const header = 'عنوان رئيسي\nسطر تمهيدي\n';
  const raw = header + COPY_HALF;
  const [l] = await findReuseDetailed(index, { id: 'x', text: COPY_HALF, offsetBase: header.length });
  for (const p of l.passages) assert.equal(raw.slice(p.start, p.end), p.text);
  // two raw paragraphs separated by residue, joined by "\n" in the cleaned body
  const p1 = COPY_HALF.split('\n')[0];
  const p2 = COPY_HALF.split('\n')[2];
  const raw2 = `${p1}\nإضغط هنا للاشتراك\n${p2}`;
  const text = `${p1}\n${p2}`;
  const doc: ReuseDoc = { id: 'y', text, pieces: [{ from: 0, rawStart: 0, rawEnd: p1.length }, { from: p1.length + 1, rawStart: raw2.length - p2.length, rawEnd: raw2.length }] };
  const [l2] = await findReuseDetailed(index, doc, { includeShared: true });
  assert.equal(l2.passages.length, 2);
  for (const p of l2.passages) assert.equal(raw2.slice(p.start, p.end), p.text);
});

test('exact duplicates and near-duplicates at document level; groups', async () => {
  const index = ReuseIndex.inMemory();
  await index.add({ id: 'a', text: WIRE });
  const dup = await index.add({ id: 'b', text: WIRE }, { docOnly: true });
  assert.equal(dup[0].kind, 'duplicate');
  assert.equal(dup[0].similarity, 1);
  const near = await index.add({ id: 'c', text: COPY_FULL }, { docOnly: true });
  assert.deepEqual(near.map((n) => n.kind).sort(), ['near_duplicate', 'near_duplicate']);
  const unrelated = await index.add({ id: 'd', text: TEXTS.u1 }, { docOnly: true });
  assert.deepEqual(unrelated, []);
  const groups = groupNearDuplicates([
    { a: 'b', b: 'a', similarity: 1 },
    ...near.map((n) => ({ a: 'c', b: n.otherId, similarity: n.similarity })),
    { a: 'd', b: 'e', similarity: 0.2 },
  ]);
  assert.deepEqual(groups.map((g) => g.ids), [['a', 'b', 'c']]);
});

test('remove(id) deletes the article from the index; re-adding works', async () => {
  const { index } = await buildIndex();
  assert.ok((await findReuse(index, COPY_PARTIAL)).some((l) => l.otherId === 'wire'));
  await index.remove('wire');
  assert.ok(!(await index.has('wire')));
  assert.ok(!(await findReuse(index, COPY_PARTIAL)).some((l) => l.otherId === 'wire'));
  await index.add({ id: 'wire', text: WIRE });
  assert.ok((await findReuse(index, COPY_PARTIAL)).some((l) => l.otherId === 'wire'));
});

test('findReuse by id re-queries the stored text and returns contract fields only', async () => {
  const { index } = await buildIndex();
  const links = await findReuse(index, 'partial');
  const l = links.find((x) => x.otherId === 'wire')!;
  assert.deepEqual(Object.keys(l).sort(), ['agency', 'coverage', 'firstPublished', 'otherId', 'passages', 'similarity']);
});

test('credited agency: datelines and credit lines, not citations in the body', () => {
  assert.equal(creditedAgency('الرياض (واس) - أعلنت وزارة الصحة اليوم ...'), 'واس');
  assert.equal(creditedAgency('نص الخبر هنا.\nالمصدر: رويترز'), 'رويترز');
  assert.equal(creditedAgency('باريس - أ ف ب: قال الرئيس ...'), 'أ ف ب');
  assert.equal(creditedAgency('قال مسؤول لوكالة رويترز إن المحادثات مستمرة.\nوأضاف أن الجولة المقبلة ستعقد الشهر المقبل.'), null);
  assert.equal(creditedAgency('وجه الدعوة في وقت مناسب (له).\nانتهى'), null);
  assert.equal(creditedAgency('القاهرة (وكالة أنباء الشرق الأوسط) - ...'), 'أ ش أ');
});

/** Just the Store methods the reuse index uses, in memory, to test the persistent backend. */
class FakeStore implements ReuseStore {
  postings = new Map<string, Posting[]>();
  analyses = new Map<string, unknown>();
  async addPostings(index: string, ps: Posting[]) {
    const l = this.postings.get(index) ?? [];
    l.push(...ps);
    this.postings.set(index, l);
  }
  async lookupPostings(index: string, keys: string[]) {
    const ks = new Set(keys);
    return (this.postings.get(index) ?? []).filter((p) => ks.has(p.key));
  }
  async removePostings(index: string, ref: string) {
    this.postings.set(index, (this.postings.get(index) ?? []).filter((p) => p.ref !== ref));
  }
  async putAnalyses(stage: string, items: { articleId: string; data: unknown }[]) {
    for (const i of items) this.analyses.set(`${stage}/${i.articleId}`, i.data);
  }
  async getAnalysis<T>(stage: string, id: string) {
    return (this.analyses.get(`${stage}/${id}`) ?? null) as T | null;
  }
  async getAnalyses<T>(stage: string, ids: string[]) {
    const m = new Map<string, T>();
    for (const id of ids) if (this.analyses.has(`${stage}/${id}`)) m.set(id, this.analyses.get(`${stage}/${id}`) as T);
    return m;
  }
}

test('Store-backed index: postings and signatures persist, links are written on both sides and removed', async () => {
  const store = new FakeStore();
  const docs = new Map<string, ReuseDoc>();
  const textOf = (ids: string[]) => ids.map((id) => docs.get(id)).filter((d): d is ReuseDoc => !!d);
  const index = ReuseIndex.overStore(store, textOf);
  for (const id of ['wire', 'partial', 'u1']) {
    docs.set(id, { id, text: TEXTS[id], publishedAt: TIMES[id] });
    await index.add(docs.get(id)!);
  }
  assert.ok((store.postings.get('reuse:band') ?? []).length > 0);
  assert.ok((store.postings.get('reuse:fp') ?? []).length > 0);
  // a fresh index over the same store sees what the first one stored
  const again = ReuseIndex.overStore(store, textOf);
  assert.ok(await again.has('partial'));
  const fromWire = (await store.getAnalysis<{ otherId: string; passages: { start: number; end: number; text: string }[] }[]>('reuse', 'wire'))!;
  const mirrored = fromWire.find((l) => l.otherId === 'partial')!;
  assert.ok(mirrored.passages.length >= 3);
  for (const p of mirrored.passages) assert.equal(WIRE.slice(p.start, p.end), p.text);
  await again.remove('partial');
  assert.deepEqual(await store.getAnalysis('reuse', 'wire'), []);
  assert.ok(!(store.postings.get('reuse:fp') ?? []).some((p) => p.ref === 'partial'));
  assert.ok(!(await again.has('partial')));
});

test('addBatch over a Store gives the same postings, signatures and links as adding one by one, within the batch too', async () => {
  const order = Object.keys(TIMES).sort((a, b) => Date.parse(TIMES[a]) - Date.parse(TIMES[b]));
  const docs = new Map(order.map((id) => [id, { id, text: TEXTS[id], publishedAt: TIMES[id] } as ReuseDoc]));
  const textOf = (ids: string[]) => ids.map((id) => docs.get(id)).filter((d): d is ReuseDoc => !!d);
  const one = new FakeStore();
  const oneIndex = ReuseIndex.overStore(one, textOf);
  for (const id of order) await oneIndex.add(docs.get(id)!);
  const batched = new FakeStore();
  // the wire and its copies land in the same batch: later articles must see earlier ones before the flush
  const found = await ReuseIndex.overStore(batched, textOf).addBatch(order.map((id) => docs.get(id)!));
  assert.ok(found.some((fs) => fs.length > 0), 'copies found inside one batch');
  const sorted = (ps: Posting[] | undefined) => [...(ps ?? [])].map((p) => `${p.key}/${p.ref}`).sort();
  for (const index of ['reuse:band', 'reuse:fp']) assert.deepEqual(sorted(batched.postings.get(index)), sorted(one.postings.get(index)), index);
  for (const id of order) {
    assert.deepEqual(await batched.getAnalysis('reuse', id), await one.getAnalysis('reuse', id), `links of ${id}`);
    assert.deepEqual(await batched.getAnalysis('reuse:sig', id), await one.getAnalysis('reuse:sig', id), `signature of ${id}`);
  }
  const wireLinks = (await batched.getAnalysis<{ otherId: string }[]>('reuse', 'wire'))!;
  assert.ok(['full', 'partial', 'half'].every((c) => wireLinks.some((l) => l.otherId === c)), 'the wire carries the mirrored links of its copies');
});

test('keyTokens: each token key is the hash of its matching form, from a cold or warm cache', () => {
  const words = fc.stringMatching(/^[\u0621-\u064A\u064B-\u0652\u0640]{1,8}$/);
  fc.assert(
    fc.property(fc.array(words, { minLength: 1, maxLength: 12 }), (ws) => {
      const text = ws.join(' ، ');
      const toks = keyTokens(text);
      for (let i = 0; i < toks.length; i++) assert.equal(toks.keys[i], hashString(matchForm(text.slice(toks.starts[i], toks.ends[i]))));
      assert.deepEqual(Array.from(keyTokens(text).keys), Array.from(toks.keys));
    }),
  );
});
