import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fixtures, marsad, seedsDir, tempDir } from './helpers.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { ExitCode } from '../../src/errors.ts';

/** the contract's field names, as fixed in /work/shared/contract.md */
const ARTICLE_FIELDS = ['id', 'input_id', 'url', 'source', 'origin', 'title', 'body', 'removed', 'byline', 'published_at', 'published_at_inferred', 'story_id', 'event_id', 'entities', 'quotes', 'dates', 'reuse'];
const STORY_FIELDS = ['id', 'title', 'headline', 'article_ids', 'sources', 'first_reported_by', 'date_start', 'date_end', 'events', 'entities', 'timeline', 'facts', 'conflicts', 'summary'];

function contractFields(section: 'Article record' | 'Story record'): string[] | null {
  const p = ['/work/shared/contract.md', join(process.cwd(), '..', 'shared', 'contract.md')].find((x) => existsSync(x));
  if (!p) return null;
  const md = readFileSync(p, 'utf8');
  const part = md.split(`## ${section}`)[1]?.split('\n## ')[0] ?? '';
  const names: string[] = [];
  for (const line of part.split('\n')) {
    const cell = /^\| ([^|]+) \|/.exec(line)?.[1];
    if (!cell || cell.trim() === 'field' || /^-+$/.test(cell.trim())) continue;
    for (const m of cell.matchAll(/`([a-z_]+)`/g)) names.push(m[1]);
  }
  return names;
}

describe('marsad ingest (CLI)', () => {
  for (const [label, dirOf] of [
    ['the shared seeds', () => seedsDir()],
    ['our Arabic fixtures', () => join(fixtures, 'corpus')],
  ] as const) {
    it(`stores ${label}, and a second run adds nothing and says so`, async (t) => {
      const dir = dirOf();
      if (!dir) return t.skip('skipped: /work/shared/seeds (or ../shared/seeds) is not present');
      const tmp = tempDir();
      const db = join(tmp, 'm.db');
      const expected = label === 'the shared seeds' ? 5 : 4;
      const r1 = await marsad(['ingest', dir, '--db', db]);
      assert.equal(r1.code, ExitCode.ok, r1.stderr);
      assert.match(r1.stdout, new RegExp(`ingested ${expected} new articles, 0 already present, 0 failed`));
      const r2 = await marsad(['ingest', dir, '--db', db, '--json']);
      assert.equal(r2.code, ExitCode.ok, r2.stderr);
      const rep = JSON.parse(r2.stdout);
      assert.deepEqual({ added: rep.added, already_present: rep.already_present, failed: rep.failed }, { added: 0, already_present: expected, failed: [] });
      const r3 = await marsad(['ingest', dir, '--db', db]);
      assert.match(r3.stdout, new RegExp(`nothing new: all ${expected} articles were already`));
      rmSync(tmp, { recursive: true, force: true });
    });
  }

  it('exits 3 on a folder with bad items, naming each with its reason, storing the good ones', async () => {
    const tmp = tempDir();
    const root = join(tmp, 'in');
    mkdirSync(join(root, 'ofuq'), { recursive: true });
    copyFileSync(join(fixtures, 'corpus', 'ofuq', '2023-09-19-aid.txt'), join(root, 'ofuq', 'aid.txt'));
    writeFileSync(join(root, 'broken.jsonl'), `${readFileSync(join(fixtures, 'wire.jsonl'), 'utf8').split('\n')[0]}\n{not json\n`);
    writeFileSync(join(root, 'empty.txt'), '');
    writeFileSync(join(root, 'cut.jsonl.gz'), gzipSync(readFileSync(join(fixtures, 'wire.jsonl'))).subarray(0, 60));
    writeFileSync(join(root, 'bin.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    const r = await marsad(['ingest', root, '--db', join(tmp, 'm.db')]);
    assert.equal(r.code, ExitCode.partial, r.stderr);
    assert.match(r.stdout, /ingested 2 new articles, 0 already present, 4 failed/);
    assert.match(r.stdout, /failed: broken\.jsonl#2: invalid JSON/);
    assert.match(r.stdout, /failed: empty\.txt: empty file/);
    assert.match(r.stdout, /failed: cut\.jsonl\.gz: truncated gzip/);
    assert.match(r.stdout, /failed: bin\.txt: binary content/);
    const json = await marsad(['list', '--db', join(tmp, 'm.db'), '--json']);
    assert.deepEqual(JSON.parse(json.stdout).map((a: { origin: string }) => a.origin), ['broken.jsonl#1', 'ofuq/aid.txt']);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('honours --max-file-size and rejects a bad value with exit 2', async () => {
    const tmp = tempDir();
    const r = await marsad(['ingest', join(fixtures, 'corpus', 'ofuq'), '--db', join(tmp, 'm.db'), '--max-file-size', '1k']);
    assert.equal(r.code, ExitCode.partial);
    assert.match(r.stdout, /2023-09-18-floods\.txt: file is [\d.]+ KB, over the limit of 1\.0 KB; raise it with --max-file-size/);
    const bad = await marsad(['ingest', fixtures, '--db', join(tmp, 'm.db'), '--max-file-size', 'huge']);
    assert.equal(bad.code, ExitCode.usage);
    assert.match(bad.stderr, /^marsad: --max-file-size must be a size/);
    assert.match(bad.stderr, /\n {2}hint: /);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reads JSON Lines from stdin with -', async () => {
    const tmp = tempDir();
    const r = await marsad(['ingest', '-', '--db', join(tmp, 'm.db'), '--json'], { input: readFileSync(join(fixtures, 'wire.jsonl')) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).added, 2);
    rmSync(tmp, { recursive: true, force: true });
  });
});

describe('marsad read commands (CLI)', () => {
  it('list, show, stats with --json; errors with hints and exit codes', async () => {
    const tmp = tempDir();
    const db = join(tmp, 'm.db');
    assert.equal((await marsad(['ingest', join(fixtures, 'corpus'), join(fixtures, 'wire.jsonl'), '--db', db])).code, 0);

    const list = await marsad(['list', '--db', db, '--json']);
    assert.equal(list.code, 0);
    const items = JSON.parse(list.stdout) as Record<string, unknown>[];
    assert.equal(items.length, 6);
    assert.deepEqual(Object.keys(items[0]).sort(), ['format', 'id', 'origin', 'published_at', 'source', 'title']);
    const wire = items.find((a) => a.origin === 'wire.jsonl#1')!;
    assert.equal(wire.title, 'الدفاع المدني: 14 قتيلاً في السيول');

    const filtered = JSON.parse((await marsad(['list', '--db', db, '--json', '--source', 'صحيفة الأفق'])).stdout);
    assert.equal(filtered.length, 2);
    const human = await marsad(['list', '--db', db, '--limit', '2']);
    assert.equal(human.stdout.trim().split('\n').length, 3, 'two rows and a "more" line');
    assert.match(human.stdout, /\(2 of 6;/);

    const show = await marsad(['show', String(wire.id), '--db', db, '--json']);
    const a = JSON.parse(show.stdout);
    assert.equal(a.raw.split('\n')[0], 'أعلن الدفاع المدني ارتفاع عدد ضحايا السيول في المدينة الساحلية إلى 14 قتيلاً، فيما تتواصل عمليات البحث عن المفقودين.');
    assert.match(a.normalized, /^اعلن الدفاع المدني/, 'normalised: hamza forms unified');
    const showHuman = await marsad(['show', String(wire.id), '--db', db]);
    assert.match(showHuman.stdout, /── raw ──\nأعلن الدفاع المدني/);
    assert.match(showHuman.stdout, /── normalised ──\nاعلن الدفاع المدني/);

    const stats = JSON.parse((await marsad(['stats', '--db', db, '--json'])).stdout);
    assert.equal(stats.articles, 6);
    assert.deepEqual(stats.byFormat, [{ format: 'txt', count: 3 }, { format: 'jsonl', count: 2 }, { format: 'html', count: 1 }]);
    assert.equal(stats.bySource.find((s: { source: string }) => s.source === 'مدار نيوز').count, 2);

    const missing = await marsad(['show', 'ffffffffffffffff', '--db', db]);
    assert.equal(missing.code, ExitCode.notFound);
    assert.equal(missing.stderr, 'marsad: article not found: ffffffffffffffff\n  hint: run `marsad list` to see stored ids\n');
    const usage = await marsad(['lsit', '--db', db]);
    assert.equal(usage.code, ExitCode.usage);
    assert.match(usage.stderr, /^marsad: unknown command 'lsit'/);
    const noDb = await marsad(['list', '--db', join(tmp, 'none.db')]);
    assert.equal(noDb.code, ExitCode.failure);
    assert.match(noDb.stderr, /^marsad: no database at .*none\.db\n {2}hint: /);
    assert.ok(!existsSync(join(tmp, 'none.db')), 'a read command does not create a database');
    const pg = await marsad(['stats', '--db', 'postgres://marsad:secret@127.0.0.1:5432/marsad_no_such_db']);
    assert.equal(pg.code, ExitCode.failure);
    assert.match(pg.stderr, /^marsad: cannot open the PostgreSQL database .*\n {2}hint: /);
    assert.doesNotMatch(pg.stderr, /secret/, 'the password is never printed');
    assert.doesNotMatch(pg.stderr, /at .*\.ts:\d+/, 'no stack trace');
    const debug = await marsad(['stats', '--db', 'postgres://x'], { env: { MARSAD_DEBUG: '1' } });
    assert.match(debug.stderr, /StoreError|at /, 'MARSAD_DEBUG=1 shows the stack');
    const bare = await marsad([]);
    assert.equal(bare.code, ExitCode.usage, 'no command: help on stderr, exit 2');
    assert.match(bare.stderr, /Usage: marsad/);
    for (const cmd of ['ingest', 'run', 'list', 'show', 'stats', 'export']) {
      const h = await marsad([cmd, '--help']);
      assert.equal(h.code, 0);
      assert.match(h.stdout, /--db <path\|url>/, `${cmd} --help mentions --db`);
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  it('export articles|stories writes JSON Lines with exactly the contract field names', async () => {
    const tmp = tempDir();
    const db = join(tmp, 'm.db');
    await marsad(['ingest', join(fixtures, 'corpus'), join(fixtures, 'wire.jsonl'), '--db', db]);
    // a story and some analyses so every field has something to map
    const store = new SqliteStore(db);
    const [first] = await store.listArticles({ limit: 1 });
    await store.putAnalyses('entities', [{ articleId: first.id, data: [{ entityId: 'e1', type: 'LOC', text: 'المدينة الساحلية', start: 10, end: 26 }] }]);
    await store.putAnalyses('story', [{ articleId: first.id, data: { storyId: 's1', eventId: 'ev1' } }]);
    await store.putStories([
      { id: 's1', title: 'سيول', headline: 'سيول في المدينة الساحلية', articleIds: [first.id], sources: ['صحيفة الأفق'], firstReportedBy: first.id, dateStart: '2023-09-18', dateEnd: '2023-09-19', events: [{ id: 'ev1', title: 'السيول', date: '2023-09-18', articleIds: [first.id] }], entities: [], timeline: [], facts: [], conflicts: [], summary: [] },
    ]);
    const untitled = (await store.listArticles()).find((a) => a.origin === 'ofuq/2023-09-19-aid.txt')!;
    await store.putAnalyses('clean', [{ articleId: untitled.id, data: { title: 'قوافل إغاثة تصل إلى المناطق المنكوبة', kicker: null, byline: null, paragraphs: [{ start: 37, end: 50, text: untitled.raw.slice(37, 50) }], removed: [{ class: 'title', start: 0, end: 36, text: untitled.raw.slice(0, 36) }], text: untitled.raw, textIsRaw: true, meta: {} } }]);
    await store.close();

    const listed = JSON.parse((await marsad(['list', '--db', db, '--json'])).stdout) as { id: string; title: string | null }[];
    assert.equal(listed.find((a) => a.id === untitled.id)!.title, 'قوافل إغاثة تصل إلى المناطق المنكوبة', 'list falls back to the cleaner\'s title');

    const r = await marsad(['export', 'articles', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const records = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(records.length, 6);
    for (const rec of records) assert.deepEqual(Object.keys(rec), ARTICLE_FIELDS);
    const fromContract = contractFields('Article record');
    if (fromContract) assert.deepEqual([...fromContract].sort(), [...ARTICLE_FIELDS].sort(), 'the test list matches contract.md');
    else console.log('contract.md not present: checked against the built-in list only');
    const rec = records.find((x) => x.id === first.id);
    assert.deepEqual(rec.entities, [{ entity_id: 'e1', type: 'LOC', text: 'المدينة الساحلية', start: 10, end: 26 }]);
    assert.equal(rec.story_id, 's1');
    assert.equal(rec.event_id, 'ev1');
    assert.deepEqual([rec.removed, rec.quotes, rec.dates, rec.reuse, rec.byline, rec.published_at_inferred], [[], [], [], [], null, false]);
    const cleaned = records.find((x) => x.id === untitled.id);
    assert.equal(cleaned.body, untitled.raw.slice(37, 50), 'body = cleaned paragraphs once cleaning exists');
    assert.deepEqual(cleaned.removed, [{ class: 'title', text: untitled.raw.slice(0, 36), start: 0, end: 36 }]);
    assert.equal(cleaned.title, 'قوافل إغاثة تصل إلى المناطق المنكوبة');
    const html = records.find((x) => x.origin === 'madar/weather.html');
    assert.doesNotMatch(html.body, /<p>/, 'HTML body is its visible text until cleaning exists');
    assert.match(html.body, /توقعت دائرة الأرصاد الجوية/);

    const out = join(tmp, 'stories.jsonl');
    const s = await marsad(['export', 'stories', '--db', db, '--out', out]);
    assert.equal(s.code, 0, s.stderr);
    const stories = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(Object.keys(stories[0]), STORY_FIELDS);
    const storyContract = contractFields('Story record');
    if (storyContract) assert.deepEqual([...storyContract].sort(), [...STORY_FIELDS].sort());
    assert.deepEqual(stories[0].events, [{ id: 'ev1', title: 'السيول', date: '2023-09-18', article_ids: [first.id] }]);
    const bad = await marsad(['export', 'people', '--db', db]);
    assert.equal(bad.code, ExitCode.usage);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('run = ingest + process (stub), exit code from ingest', async () => {
    const tmp = tempDir();
    const r = await marsad(['run', join(fixtures, 'wire.jsonl'), '--db', join(tmp, 'm.db'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.ingest.added, 2);
    assert.equal(j.articles, 2);
    rmSync(tmp, { recursive: true, force: true });
  });
});
