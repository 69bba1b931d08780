/**
 * kill -9 in the middle of a 10k-article ingest: the database must open, hold only whole
 * articles (each exactly as in the input), and a re-run must complete it with no duplicates.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnMarsad, marsad, tempDir } from './helpers.ts';
import { writeJsonlCorpus } from './corpus.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { articleId } from '../../src/ingest/identity.ts';

const N = 10_000;

function countArticles(db: string): number {
  try {
    const c = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (c.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      c.close();
    }
  } catch {
    return 0; // not created / not migrated yet
  }
}

it('kill -9 during a 10k-article ingest leaves whole articles; re-running completes it', async () => {
  const tmp = tempDir('marsad-crash-');
  const corpus = join(tmp, 'stream.jsonl');
  const items = writeJsonlCorpus(corpus, N);
  const db = join(tmp, 'm.db');

  const child = spawnMarsad(['ingest', corpus, '--db', db, '--batch-size', '100']);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let seen = 0;
  // kill once some batches have committed
  for (let i = 0; i < 2000; i++) {
    await new Promise((r) => setTimeout(r, 20));
    seen = countArticles(db);
    if (seen >= 300) break;
  }
  child.kill('SIGKILL');
  const code = await exited;
  assert.equal(code, null, 'the child was killed, not finished');

  const store = new SqliteStore(db);
  assert.equal(store.integrityCheck(), 'ok');
  const stored = await store.listArticles();
  assert.ok(stored.length >= seen && stored.length < N, `killed mid-way: ${stored.length} of ${N} stored`);
  assert.equal(stored.length % 100, 0, 'only whole batches');
  for (const a of stored) {
    const line = Number(a.origin.split('#')[1]);
    const src = items[line - 1];
    assert.equal(a.raw, src.text, `article from line ${line} is whole`);
    assert.equal(a.title, src.title);
    assert.equal(a.id, articleId(src.source, src.text, 'text'));
  }
  await store.close();

  const again = await marsad(['ingest', corpus, '--db', db, '--json']);
  assert.equal(again.code, 0, again.stderr);
  const rep = JSON.parse(again.stdout);
  assert.equal(rep.added, N - stored.length);
  assert.equal(rep.already_present, stored.length);
  const final = new Database(db, { readonly: true });
  const { n, distinct } = final.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS "distinct" FROM articles').get() as { n: number; distinct: number };
  final.close();
  assert.equal(n, N);
  assert.equal(distinct, N);
  rmSync(tmp, { recursive: true, force: true });
});
