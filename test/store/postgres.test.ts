/**
 * The same Store contract as SQLite, against PostgreSQL: each test gets a fresh database
 * (CREATE DATABASE marsad_test_<random>, dropped afterwards). Unreachable server: the file
 * fails with a clear message (always in CI); MARSAD_SKIP_PG=1 skips it locally.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeContract, article } from './contract.ts';
import { PostgresStore, isSearchable, jsonb } from '../../src/store/postgres.ts';
import { openStore } from '../../src/store/open.ts';
import { StoreError } from '../../src/errors.ts';
import { PG_LATEST_VERSION } from '../../src/store/pg/migrations.ts';
import { createScratchDatabase, pgTestMode, TEST_PG_URL, withDatabase, type ScratchDatabase } from '../../src/store/pg/admin.ts';

const mode = await pgTestMode();

if (mode.mode === 'skip') {
  describe('PostgreSQL store', () => {
    it('skipped', (t) => t.skip(mode.reason));
  });
} else if (mode.mode === 'fail') {
  describe('PostgreSQL store', () => {
    it('needs a reachable PostgreSQL server', () => assert.fail(mode.reason));
  });
} else {
  storeContract('postgres', async () => {
    const db = await createScratchDatabase();
    return {
      store: await PostgresStore.open(db.url),
      reopen: async () => PostgresStore.open(db.url),
      cleanup: () => db.drop(),
    };
  });

  describe('PostgreSQL specifics', () => {
    const dbs: ScratchDatabase[] = [];
    const fresh = async () => {
      const db = await createScratchDatabase();
      dbs.push(db);
      return db;
    };
    after(async () => {
      for (const d of dbs) await d.drop();
    });

    it('records migrations once, also when several stores open the database at once', async () => {
      const db = await fresh();
      const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open(db.url)));
      for (const s of stores) assert.equal(s.schemaVersion(), PG_LATEST_VERSION);
      const rows = await stores[0].query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(rows.rows.map((r) => r.version), Array.from({ length: PG_LATEST_VERSION }, (_, i) => i + 1));
      for (const s of stores) await s.close();
    });

    it('refuses a database from a newer Marsad, and an empty one for read commands', async () => {
      const db = await fresh();
      await assert.rejects(PostgresStore.open(db.url, { mustExist: true }), (e: unknown) => e instanceof StoreError && /no Marsad schema/.test(e.message));
      const s = await PostgresStore.open(db.url);
      await s.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, 'future')`, [PG_LATEST_VERSION + 1]);
      await s.close();
      await assert.rejects(PostgresStore.open(db.url), (e: unknown) => e instanceof StoreError && /newer/.test(e.message));
    });

    it('openStore picks PostgreSQL for postgres:// URLs and names a missing database', async () => {
      const db = await fresh();
      const s = await openStore(db.url);
      assert.equal(s.kind, 'postgres');
      assert.ok(!s.location.includes('secret'));
      await s.close();
      await assert.rejects(openStore(withDatabase(TEST_PG_URL, 'marsad_no_such_db_x')), (e: unknown) => e instanceof StoreError && /marsad_no_such_db_x/.test(e.message) && /createdb/.test((e as StoreError).hint ?? ''));
    });

    it('a failing batch writes nothing', async () => {
      const db = await fresh();
      const s = await PostgresStore.open(db.url);
      const bad = { ...article(2), raw: null as unknown as string };
      await assert.rejects(s.addArticles([article(1), bad, article(3)]));
      assert.equal(await s.countArticles(), 0);
      await s.close();
    });

    it('every call inside transaction() runs on the transaction client (concurrent outside work is not blocked or mixed in)', async () => {
      const db = await fresh();
      const s = await PostgresStore.open(db.url);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tx = s.transaction(async () => {
        await s.addArticles([article(1)]);
        await gate;
        throw new Error('rollback');
      });
      // outside the transaction: its uncommitted article is invisible, and this write commits on its own
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(await s.countArticles(), 0);
      await s.addArticles([article(2)]);
      release();
      await assert.rejects(tx, /rollback/);
      assert.deepEqual((await s.listArticles()).map((a) => a.id), [article(2).id]);
      await s.close();
    });

    it('keeps NUL characters out (PostgreSQL refuses them) without moving offsets', async () => {
      const db = await fresh();
      const s = await PostgresStore.open(db.url);
      const a = article(1, { raw: 'نص\0فيه صفر' });
      await s.addArticles([a]);
      assert.equal((await s.getArticle(a.id))?.raw, 'نص\uFFFDفيه صفر');
      await s.putAnalyses('clean', [{ articleId: a.id, data: { text: 'x\0y', lit: '\\u0000' } }]);
      assert.deepEqual(await s.getAnalysis('clean', a.id), { text: 'x\uFFFDy', lit: '\\u0000' });
      assert.equal(jsonb('\\\0'), '"\\\\\\ufffd"');
      await s.close();
    });

    it('searchArticles finds Arabic words through clitics, the article and hamza forms, ranked', async () => {
      const db = await fresh();
      const s = await PostgresStore.open(db.url);
      assert.ok(isSearchable(s));
      await s.addArticles([
        article(1, { title: 'وزارة الصحة تعلن حصيلة الفيضانات', raw: 'أعلنت وزارة الصحة أن الفيضانات خلفت عشرات الضحايا في المدينة الساحلية.' }),
        article(2, { title: 'مباراة الافتتاح', raw: 'فاز المنتخب في مباراة الافتتاح بهدفين نظيفين.' }),
        article(3, { title: 'أمطار غزيرة', raw: '<p>قالت <b>الوزارة</b> إن <i>فيضانات</i> جديدة متوقعة.</p>', rawKind: 'html', source: 'الساحل' }),
      ]);
      const hits = await s.searchArticles('والفيضانات الوزارة');
      assert.deepEqual(hits.map((h) => h.article.id).sort(), [article(1).id, article(3).id].sort());
      assert.ok(hits.every((h) => h.rank > 0));
      assert.deepEqual((await s.searchArticles('المنتخب')).map((h) => h.article.id), [article(2).id]);
      assert.deepEqual((await s.searchArticles('فيضانات', { source: 'الساحل' })).map((h) => h.article.id), [article(3).id]);
      assert.deepEqual(await s.searchArticles('  ، . '), []);
      assert.deepEqual(await s.searchArticles('كلمةغيرموجودة'), []);
      // markup is not indexed
      assert.deepEqual(await s.searchArticles('b'), []);
      await s.close();
    });

    it('stores analyses as JSONB that SQL can query', async () => {
      const db = await fresh();
      const s = await PostgresStore.open(db.url);
      await s.addArticles([article(1)]);
      await s.putAnalyses('entities', [{ articleId: article(1).id, data: [{ type: 'LOC', text: 'الرياض' }] }]);
      const r = await s.query(`SELECT data->0->>'text' AS t, jsonb_typeof(data) AS k FROM analyses`);
      assert.deepEqual(r.rows[0], { t: 'الرياض', k: 'array' });
      await s.close();
    });
  });
}
