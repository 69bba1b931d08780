import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeContract, article } from './contract.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { openStore } from '../../src/store/open.ts';
import { StoreError } from '../../src/errors.ts';
import { LATEST_VERSION } from '../../src/store/migrations.ts';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'marsad-store-'));
}

storeContract('sqlite', async () => {
  const dir = tempDir();
  const path = join(dir, 'test.db');
  return {
    store: new SqliteStore(path),
    reopen: async () => new SqliteStore(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SQLite specifics', () => {
  it('records applied migrations and uses WAL', async () => {
    const dir = tempDir();
    const path = join(dir, 'm.db');
    const s = new SqliteStore(path);
    assert.equal(s.schemaVersion(), LATEST_VERSION);
    await s.close();
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const rows = db.prepare('SELECT version FROM migrations').all() as { version: number }[];
    assert.deepEqual(rows.map((r) => r.version), Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
    db.close();
    // reopening applies nothing new
    const again = new SqliteStore(path);
    assert.equal(again.schemaVersion(), LATEST_VERSION);
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a database from a newer Marsad', async () => {
    const dir = tempDir();
    const path = join(dir, 'new.db');
    await new SqliteStore(path).close();
    const db = new Database(path);
    db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST_VERSION + 1, 'future', 'x');
    db.close();
    assert.throws(() => new SqliteStore(path), (e: unknown) => e instanceof StoreError && /newer/.test(e.message));
    rmSync(dir, { recursive: true, force: true });
  });

  it('names a file that is not a database', () => {
    const dir = tempDir();
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'هذه ليست قاعدة بيانات، بل ملاحظات مكتوبة باليد '.repeat(200));
    assert.throws(() => new SqliteStore(path), (e: unknown) => e instanceof StoreError && /not a Marsad SQLite database/.test(e.message) && !!e.hint);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a failing batch writes nothing (articles are whole or absent)', async () => {
    const dir = tempDir();
    const s = new SqliteStore(join(dir, 'b.db'));
    const bad = { ...article(2), raw: null as unknown as string }; // violates NOT NULL mid-batch
    await assert.rejects(s.addArticles([article(1), bad, article(3)]));
    assert.equal(await s.countArticles(), 0);
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('openStore', () => {
  it('gives a clear StoreError, with a hint and without the password, when a PostgreSQL URL cannot be opened', async () => {
    await assert.rejects(
      openStore('postgres://marsad:secret@127.0.0.1:5432/marsad_no_such_db'),
      (e: unknown) => e instanceof StoreError && /cannot open the PostgreSQL database/.test(e.message) && !e.message.includes('secret') && !!e.hint,
    );
  });

  it('opens a SQLite path, and refuses to invent one for read commands', async () => {
    const dir = tempDir();
    const s = await openStore(join(dir, 'x.db'));
    assert.equal(s.kind, 'sqlite');
    await s.close();
    await assert.rejects(openStore(join(dir, 'missing.db'), { mustExist: true }), (e: unknown) => e instanceof StoreError && /no database/.test(e.message));
    await assert.rejects(openStore(join(dir, 'no-such-folder', 'x.db')), StoreError);
    rmSync(dir, { recursive: true, force: true });
  });
});
