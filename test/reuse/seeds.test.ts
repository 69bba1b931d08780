// The five shared seed articles (read at run time, never copied): the two that republish the same
// agency copy are linked with several passages; no other pair is called a copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sharedData } from '../../evals/report.ts';
import { ReuseIndex } from '../../src/reuse/index.ts';

const seedsDir = resolve(sharedData, '..', 'seeds');
const present = existsSync(seedsDir);

test('seeds: 000 ↔ 004 share ≥ 3 passages and are a copy; no other pair is a copy', { skip: present ? false : `skipped: ${seedsDir} not present` }, async () => {
  const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
  const index = ReuseIndex.inMemory();
  const copies = new Map<string, number>();
  const texts = new Map<string, string>();
  for (const f of files) {
    const id = f.slice(0, 3);
    const text = readFileSync(join(seedsDir, f), 'utf8');
    texts.set(id, text);
    for (const l of await index.add({ id, text })) {
      copies.set([id, l.otherId].sort().join('~'), l.passages.length);
      // offsets point into both seeds
      for (const p of l.passages) {
        assert.equal(text.slice(p.start, p.end), p.text);
        assert.ok(p.otherEnd <= texts.get(l.otherId)!.length && p.otherStart < p.otherEnd);
      }
    }
  }
  assert.deepEqual([...copies.keys()], ['000~004']);
  assert.ok(copies.get('000~004')! >= 3, `${copies.get('000~004')} passages`);
});
