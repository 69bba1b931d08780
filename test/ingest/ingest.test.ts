import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { WARCRecord, WARCSerializer } from 'warcio';
import { ingest } from '../../src/ingest/ingest.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { fixtures, tempDir } from '../cli/helpers.ts';

const floods = readFileSync(join(fixtures, 'corpus', 'ofuq', '2023-09-18-floods.txt'), 'utf8');

function freshStore() {
  const dir = tempDir('marsad-ingest-');
  return { dir, store: new SqliteStore(join(dir, 'm.db')) };
}

describe('ingest: folders, sources, sidecars, HTML', () => {
  it('stores the fixture corpus with folder sources, sidecar and page metadata; a second run adds nothing', async () => {
    const { dir, store } = freshStore();
    const r1 = await ingest(store, [join(fixtures, 'corpus')]);
    assert.deepEqual(r1.failed, []);
    assert.equal(r1.added, 4);
    const all = await store.listArticles();
    const byOrigin = new Map(all.map((a) => [a.origin, a]));
    assert.deepEqual([...byOrigin.keys()].sort(), ['madar/floods-minister.txt', 'madar/weather.html', 'ofuq/2023-09-18-floods.txt', 'ofuq/2023-09-19-aid.txt']);
    assert.equal(byOrigin.get('ofuq/2023-09-18-floods.txt')!.source, 'صحيفة الأفق', 'sources.json maps the folder slug');
    assert.equal(byOrigin.get('ofuq/2023-09-18-floods.txt')!.raw, floods);
    const minister = byOrigin.get('madar/floods-minister.txt')!;
    assert.equal(minister.url, 'https://madar.example/news/2023/09/19/minister-visit');
    assert.equal(minister.publishedAt, '2023-09-19T14:30:00+03:00');
    assert.equal(minister.title, 'وزير الداخلية يتفقد المناطق المتضررة');
    const page = byOrigin.get('madar/weather.html')!;
    assert.equal(page.rawKind, 'html');
    assert.equal(page.format, 'html');
    assert.equal(page.title, 'الأرصاد: أمطار غزيرة متوقعة حتى الخميس');
    assert.equal(page.url, 'https://madar.example/news/2023/09/19/weather');
    assert.equal(page.publishedAt, '2023-09-19T09:00:00+03:00');
    assert.equal(page.lang, 'ar');
    const r2 = await ingest(store, [join(fixtures, 'corpus')]);
    assert.deepEqual({ added: r2.added, alreadyPresent: r2.alreadyPresent, failed: r2.failed }, { added: 0, alreadyPresent: 4, failed: [] });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Windows-1256, UTF-16LE/BE and BOM/CRLF copies are duplicates with identical text', async () => {
    const { dir, store } = freshStore();
    const src = join(dir, 'in', 'ofuq');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'a-utf8.txt'), floods);
    const r1 = await ingest(store, [join(dir, 'in')]);
    assert.equal(r1.added, 1);
    const copies = join(dir, 'copies', 'ofuq');
    mkdirSync(copies, { recursive: true });
    writeFileSync(join(copies, 'b-cp1256.txt'), iconv.encode(floods.replace(/–/g, '-'), 'windows-1256'));
    writeFileSync(join(copies, 'c-utf16le.txt'), iconv.encode(floods, 'utf-16le', { addBOM: true }));
    writeFileSync(join(copies, 'd-utf16be.txt'), iconv.encode(floods, 'utf-16be', { addBOM: true }));
    writeFileSync(join(copies, 'e-utf16le-nobom.txt'), iconv.encode(floods, 'utf-16le', { addBOM: false }));
    writeFileSync(join(copies, 'f-bom-crlf.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(floods.replace(/\n/g, '\r\n'))]));
    // the cp1256 copy had "–" replaced (cp1256 has it, but keep to the common subset): ids must still match
    // because only the dash differs and dashes are unified by normalize()
    const r2 = await ingest(store, [join(dir, 'copies')]);
    assert.deepEqual(r2.failed, []);
    assert.deepEqual({ added: r2.added, alreadyPresent: r2.alreadyPresent }, { added: 0, alreadyPresent: 5 });
    // and each decodes to the identical stored text: ingest each into its own store and compare
    for (const name of ['b-cp1256.txt', 'c-utf16le.txt', 'd-utf16be.txt', 'e-utf16le-nobom.txt', 'f-bom-crlf.txt']) {
      const one = freshStore();
      await ingest(one.store, [join(copies, name)]);
      const [a] = await one.store.listArticles();
      assert.equal(a.raw, name.startsWith('b-') ? floods.replace(/–/g, '-') : floods, name);
      assert.equal(a.encoding, { b: 'windows-1256', c: 'utf-16le', d: 'utf-16be', e: 'utf-16le', f: 'utf-8' }[name[0]]);
      await one.store.close();
      rmSync(one.dir, { recursive: true, force: true });
    }
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('detects ISO-8859-6 files and honours <meta charset> in legacy HTML', async () => {
    const { dir, store } = freshStore();
    const text = floods.replace(/[«»–]/g, '"');
    writeFileSync(join(dir, 'iso.txt'), iconv.encode(text, 'iso-8859-6'));
    const html = readFileSync(join(fixtures, 'corpus', 'madar', 'weather.html'), 'utf8').replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">');
    writeFileSync(join(dir, 'page.html'), iconv.encode(html.replace(/©/g, '(c)'), 'windows-1256'));
    const r = await ingest(store, [join(dir, 'iso.txt'), join(dir, 'page.html')]);
    assert.deepEqual(r.failed, []);
    const [a, b] = await store.listArticles();
    assert.equal(a.encoding, 'iso-8859-6');
    assert.equal(a.raw, text);
    assert.equal(b.encoding, 'windows-1256');
    assert.match(b.raw, /توقعت دائرة الأرصاد الجوية/);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('ingest: JSON Lines, feeds, WARC, URLs, stdin', () => {
  it('reads JSON Lines (plain and gzip) with ids, sources, text or html, origin file#line', async () => {
    const { dir, store } = freshStore();
    const jsonl = readFileSync(join(fixtures, 'wire.jsonl'));
    writeFileSync(join(dir, 'wire.jsonl.gz'), gzipSync(jsonl));
    const r = await ingest(store, [join(fixtures, 'wire.jsonl')]);
    assert.deepEqual(r.failed, []);
    const [a, b] = await store.listArticles();
    assert.equal(a.inputId, 'wire-001');
    assert.equal(a.origin, 'wire.jsonl#1');
    assert.equal(a.source, 'وكالة الأنباء الوطنية');
    assert.equal(a.publishedAt, '2023-09-18');
    assert.equal(a.format, 'jsonl');
    assert.equal(b.rawKind, 'html');
    assert.equal(b.origin, 'wire.jsonl#2');
    const again = await ingest(store, [join(dir, 'wire.jsonl.gz')]);
    assert.deepEqual({ added: again.added, alreadyPresent: again.alreadyPresent, failed: again.failed }, { added: 0, alreadyPresent: 2, failed: [] });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads JSON Lines from stdin (-)', async () => {
    const { dir, store } = freshStore();
    const r = await ingest(store, ['-'], { stdin: Readable.from([readFileSync(join(fixtures, 'wire.jsonl'))]) });
    assert.equal(r.added, 2);
    assert.equal((await store.listArticles())[0].origin, '-#1');
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rss = `<?xml version="1.0" encoding="windows-1256"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>شبكة الساحل الإخبارية</title><language>ar</language>
<item><title>إغلاق الطريق الساحلي بسبب الانهيارات</title><link>https://sahel.example/n/501</link><guid>sahel-501</guid>
<pubDate>Tue, 19 Sep 2023 07:45:00 +0300</pubDate>
<description><![CDATA[<p>أغلقت إدارة المرور الطريق الساحلي في الاتجاهين بعد انهيارات ترابية ناجمة عن الأمطار.</p><p>ونصحت السائقين باستخدام الطرق البديلة.</p>]]></description></item>
<item><title>عودة التيار الكهربائي إلى معظم الأحياء</title><link>https://sahel.example/n/502</link><guid>sahel-502</guid>
<content:encoded><![CDATA[<p>أعلنت شركة الكهرباء عودة التيار إلى معظم الأحياء المتضررة من السيول.</p>]]></content:encoded></item>
</channel></rss>`;

  it('reads an RSS file in Windows-1256 (XML declaration), detected by content', async () => {
    const { dir, store } = freshStore();
    writeFileSync(join(dir, 'sahel.xml'), iconv.encode(rss, 'windows-1256'));
    const r = await ingest(store, [join(dir, 'sahel.xml')]);
    assert.deepEqual(r.failed, []);
    const items = await store.listArticles();
    assert.equal(items.length, 2);
    assert.equal(items[0].origin, 'sahel.xml#sahel-501');
    assert.equal(items[0].source, 'شبكة الساحل الإخبارية');
    assert.equal(items[0].format, 'feed');
    assert.equal(items[0].rawKind, 'html');
    assert.equal(items[0].encoding, 'windows-1256');
    assert.equal(items[0].url, 'https://sahel.example/n/501');
    assert.equal(items[0].publishedAt, '2023-09-19T04:45:00.000Z');
    assert.match(items[1].raw, /عودة التيار/);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('feed URL from a local http server', () => {
    let server: Server;
    let base: string;
    before(async () => {
      server = createServer((req, res) => {
        if (req.url === '/feed.xml') {
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
          res.end(rss.replace('encoding="windows-1256"', 'encoding="utf-8"'));
        } else if (req.url === '/atom') {
          res.writeHead(200, { 'content-type': 'application/atom+xml' });
          res.end(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>مدار نيوز</title>
<entry><id>tag:madar,2023:77</id><title>البلدية تبدأ إصلاح شبكة التصريف</title><link rel="alternate" href="https://madar.example/77"/><published>2023-09-20T10:00:00+03:00</published>
<content type="html">&lt;p&gt;بدأت البلدية أعمال إصلاح شبكة تصريف مياه الأمطار في الأحياء المنخفضة.&lt;/p&gt;</content></entry></feed>`);
        } else if (req.url === '/page') {
          // charset only in the HTTP header, none in the page
          res.writeHead(200, { 'content-type': 'text/html; charset=windows-1256' });
          res.end(iconv.encode('<html><head><title>البلدية تعلن خطة الطوارئ</title></head><body><p>أعلنت البلدية خطة طوارئ لمواجهة موسم الأمطار المقبل في الأحياء المنخفضة.</p></body></html>', 'windows-1256'));
        } else {
          res.writeHead(404);
          res.end('not found');
        }
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    it('fetches RSS and Atom, names a 404', async () => {
      const { dir, store } = freshStore();
      const r = await ingest(store, [`${base}/feed.xml`, `${base}/atom`, `${base}/missing.xml`]);
      assert.equal(r.added, 3);
      assert.deepEqual(r.failed, [{ where: `${base}/missing.xml`, reason: 'HTTP 404 Not Found' }]);
      const atom = (await store.listArticles({ source: 'مدار نيوز' }))[0];
      assert.equal(atom.origin, `${base}/atom#tag:madar,2023:77`);
      assert.equal(atom.url, 'https://madar.example/77');
      assert.equal(atom.raw, '<p>بدأت البلدية أعمال إصلاح شبكة تصريف مياه الأمطار في الأحياء المنخفضة.</p>');
      const page = await ingest(store, [`${base}/page`]);
      assert.deepEqual(page.failed, []);
      const [p] = await store.listArticles({ text: 'خطة الطوارئ' });
      assert.equal(p.encoding, 'windows-1256');
      assert.equal(p.format, 'html');
      assert.equal(p.url, `${base}/page`);
      assert.equal(p.origin, `${base}/page`);
      const again = await ingest(store, [`${base}/feed.xml`]);
      assert.equal(again.added, 0);
      assert.equal(again.alreadyPresent, 2);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
  });

  async function writeWarc(path: string, gzip: boolean): Promise<void> {
    const enc = new TextEncoder();
    const page = readFileSync(join(fixtures, 'corpus', 'madar', 'weather.html'));
    async function* once(b: Uint8Array) {
      yield b;
    }
    const parts: Uint8Array[] = [];
    parts.push(await WARCSerializer.serialize(await WARCRecord.createWARCInfo({ filename: 'crawl.warc', warcVersion: 'WARC/1.1' }, { software: 'marsad-test' }), { gzip }));
    const response = (url: string, ct: string, body: Uint8Array) =>
      WARCRecord.create({ url, date: '2023-09-19T10:00:00Z', type: 'response', warcVersion: 'WARC/1.1', httpHeaders: { 'Content-Type': ct } }, once(body));
    parts.push(await WARCSerializer.serialize(await response('https://madar.example/news/2023/09/19/weather', 'text/html; charset=utf-8', page), { gzip }));
    parts.push(await WARCSerializer.serialize(await response('https://madar.example/logo.png', 'image/png', Buffer.from('89504e47', 'hex')), { gzip }));
    const legacy = iconv.encode('<html><head><title>بيان البلدية</title></head><body><p>أعلنت البلدية عن خطة عاجلة لتنظيف مجاري الأودية قبل موسم الأمطار المقبل.</p></body></html>', 'windows-1256');
    parts.push(await WARCSerializer.serialize(await response('https://baladiya.example/statement', 'text/html; charset=windows-1256', legacy), { gzip }));
    void enc;
    writeFileSync(path, Buffer.concat(parts));
  }

  for (const gzip of [false, true]) {
    it(`reads HTML responses from a ${gzip ? 'WARC.gz' : 'WARC'} written with warcio`, async () => {
      const { dir, store } = freshStore();
      const file = join(dir, gzip ? 'crawl.warc.gz' : 'crawl.warc');
      await writeWarc(file, gzip);
      const r = await ingest(store, [file]);
      assert.deepEqual(r.failed, []);
      const items = await store.listArticles();
      assert.deepEqual(items.map((a) => a.url), ['https://madar.example/news/2023/09/19/weather', 'https://baladiya.example/statement']);
      assert.deepEqual(items.map((a) => a.origin), [`${gzip ? 'crawl.warc.gz' : 'crawl.warc'}#2`, `${gzip ? 'crawl.warc.gz' : 'crawl.warc'}#4`]);
      assert.equal(items[0].format, 'warc');
      assert.equal(items[0].title, 'الأرصاد: أمطار غزيرة متوقعة حتى الخميس');
      assert.equal(items[1].encoding, 'windows-1256');
      assert.match(items[1].raw, /خطة عاجلة لتنظيف مجاري الأودية/);
      if (gzip) {
        // a cut-off download: the records before the cut are kept, the file is named
        const cut = join(dir, 'cut.warc.gz');
        const bytes = readFileSync(file);
        writeFileSync(cut, bytes.subarray(0, bytes.length - 40));
        const one = freshStore();
        const rc = await ingest(one.store, [cut]);
        assert.equal(rc.added, 1);
        assert.equal(rc.failed.length, 1);
        assert.equal(rc.failed[0].where, 'cut.warc.gz');
        assert.match(rc.failed[0].reason, /truncated gzip/);
        await one.store.close();
        rmSync(one.dir, { recursive: true, force: true });
      }
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
  }
});

describe('ingest: bad input is named, good input is stored', () => {
  it('a folder mixing good files with binary, empty, truncated gzip, broken JSON lines, oversize and undecodable files', async () => {
    const { dir, store } = freshStore();
    const root = join(dir, 'mixed');
    cpSync(join(fixtures, 'corpus'), root, { recursive: true });
    const lines = readFileSync(join(fixtures, 'wire.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(root, 'feed.jsonl'), [lines[0], '{"id": "wire-009", "title": "سطر مقطوع", "text": "أعلن', '{"id": "wire-010", "title": "بلا نص"}', lines[1]].join('\n'));
    writeFileSync(join(root, 'logo.txt'), Buffer.from('89504e470d0a1a0a0000000d4948445200000010', 'hex'));
    writeFileSync(join(root, 'empty.txt'), '');
    const gz = gzipSync(Buffer.from(Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `g-${i}`, source: 'وكالة', text: `نص الخبر رقم ${i} عن السيول والأمطار في المدينة الساحلية.` })).join('\n')));
    writeFileSync(join(root, 'archive.jsonl.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
    writeFileSync(join(root, 'huge.txt'), '');
    truncateSync(join(root, 'huge.txt'), 200 * 1024 * 1024); // 200 MB, sparse: no disk used
    let x = 11;
    writeFileSync(join(root, 'noise.txt'), Buffer.from(Array.from({ length: 2000 }, () => 0x80 + ((x = (x * 1103515245 + 12345) >>> 0) % 128))));
    writeFileSync(join(root, 'photo.jpg'), Buffer.from('ffd8ffe000104a464946', 'hex')); // other types are skipped, not failures
    writeFileSync(join(root, 'bad.meta.json'), '{');
    writeFileSync(join(root, 'bad.txt'), 'نص بسيط مع ملف بيانات وصفية معطوب.');

    const r = await ingest(store, [root]);
    const reasons = Object.fromEntries(r.failed.map((f) => [f.where, f.reason]));
    assert.match(reasons['logo.txt'], /binary/);
    assert.match(reasons['empty.txt'], /empty file/);
    assert.match(reasons['archive.jsonl.gz'], /truncated gzip/);
    assert.match(reasons['feed.jsonl#2'], /invalid JSON/);
    assert.match(reasons['feed.jsonl#3'], /needs a non-empty "text" or "html"/);
    assert.match(reasons['huge.txt'], /200\.0 MB, over the limit of 64\.0 MB.*--max-file-size/);
    assert.match(reasons['noise.txt'], /undecodable/);
    assert.match(reasons['bad.txt'], /sidecar bad\.meta\.json is not valid JSON/);
    assert.equal(r.failed.length, 8, JSON.stringify(r.failed, null, 1));
    assert.deepEqual(r.skipped, ['photo.jpg']);
    // every good item: 4 corpus files + 2 good JSON lines + the gzip lines before the cut
    const partialGz = r.added - 6;
    assert.ok(partialGz >= 1 && partialGz < 40, `some lines before the gzip cut were kept (${partialGz})`);
    assert.equal(await store.countArticles(), r.added);
    assert.equal((await store.listArticles({ source: 'صحيفة الأفق' })).length, 2);
    assert.equal((await store.listArticles({ source: 'وكالة الأنباء الوطنية' })).length, 2);
    // a raised limit lets the big file through to the decoder (it is all NUL bytes: binary)
    const r2 = await ingest(store, [join(root, 'huge.txt')], { maxFileSize: 300 * 1024 * 1024 });
    assert.match(r2.failed[0].reason, /binary/);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an explicitly named file of an unsupported type and a missing path', async () => {
    const { dir, store } = freshStore();
    writeFileSync(join(dir, 'notes.docx'), 'x');
    const r = await ingest(store, [join(dir, 'notes.docx'), join(dir, 'nope')]);
    assert.equal(r.failed.length, 2);
    assert.match(r.failed[0].reason, /unsupported file type/);
    assert.match(r.failed[1].reason, /no such file/);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
