/**
 * `marsad watch` against a local HTTP server (ephemeral 127.0.0.1 port) serving feeds that
 * change, answer 304 to conditional GETs, fail with 500, or stall past the timeout. The clock is
 * injected and every loop is bounded (tick by tick).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { createScratchDatabase, pgTestMode } from '../../src/store/pg/admin.ts';
import { parseFeedsFile } from '../../src/watch/feeds.ts';
import { parseQueries } from '../../src/watch/alerts.ts';
import { readHealth, Watcher } from '../../src/watch/watcher.ts';
import { backoffSeconds } from '../../src/watch/health.ts';
import { InputError } from '../../src/errors.ts';

interface Item {
  guid: string;
  title: string;
  body: string;
}

function rss(title: string, items: Item[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${title}</title><language>ar</language>
${items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><pubDate>Mon, 06 Mar 2023 08:00:00 GMT</pubDate><description>${i.body}</description></item>`).join('\n')}
</channel></rss>`;
}

const flood = (n: number, city = 'صفاقس'): Item => ({
  guid: `flood-${city}-${n}`,
  title: `فيضانات تغمر أحياء في ${city} (${n})`,
  body: `غمرت مياه الفيضانات أحياء سكنية في مدينة ${city} بعد أمطار غزيرة استمرت يومين. وقال مدير الدفاع المدني إن فرق الإنقاذ أجلت ${40 + n} أسرة من المناطق المنخفضة، وأعلنت السلطات تعليق الدراسة. تحديث رقم ${n}.`,
});
const match = (n: number): Item => ({
  guid: `match-${n}`,
  title: `المنتخب يفوز في مباراة الافتتاح (${n})`,
  body: `فاز المنتخب الوطني في مباراة الافتتاح بهدفين نظيفين أمام جماهير غفيرة في الملعب الأولمبي، وقال المدرب إن الفريق قدم أداء جيدا. تحديث ${n}.`,
});

/** the test server: every route's behaviour can be changed between ticks */
class FeedServer {
  server!: Server;
  base = '';
  requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
  webhook: unknown[] = [];
  items: Record<string, Item[]> = { '/news.xml': [flood(1), match(1)] };
  etag = '"v1"';
  lastModified = 'Mon, 06 Mar 2023 08:00:00 GMT';
  failing = true;
  slowMs = 1500;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.requests.push({ path, headers: req.headers });
      if (path === '/hook' && req.method === 'POST') {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          this.webhook.push(JSON.parse(body));
          res.writeHead(204).end();
        });
        return;
      }
      if (path === '/news.xml') {
        if (req.headers['if-none-match'] === this.etag) return void res.writeHead(304, { etag: this.etag }).end();
        return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: this.etag }).end(rss('الأفق', this.items[path]));
      }
      if (path === '/dated.xml') {
        if (req.headers['if-modified-since'] === this.lastModified) return void res.writeHead(304).end();
        return void res.writeHead(200, { 'content-type': 'application/xml', 'last-modified': this.lastModified }).end(rss('مدار', [match(7)]));
      }
      if (path === '/flaky.xml') {
        if (this.failing) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return void res.writeHead(200, { 'content-type': 'application/xml' }).end(rss('الرصيف', [flood(9, 'حماة')]));
      }
      if (path === '/slow.xml') {
        const t = setTimeout(() => res.writeHead(200, { 'content-type': 'application/xml' }).end(rss('بطيء', [match(3)])), this.slowMs);
        res.on('close', () => clearTimeout(t));
        return;
      }
      if (path === '/page.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>ليست خلاصة</p></body></html>');
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  hits(path: string) {
    return this.requests.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('feed lists', () => {
  it('reads one URL per line, JSON and YAML lists, with per-feed intervals', () => {
    assert.deepEqual(parseFeedsFile('# outlets\nhttps://a.example/rss.xml\n\nhttps://b.example/feed 60\nhttps://a.example/rss.xml\n', 'f.txt', 300), [
      { url: 'https://a.example/rss.xml', interval: 300, source: null },
      { url: 'https://b.example/feed', interval: 60, source: null },
    ]);
    assert.deepEqual(parseFeedsFile('["https://a.example/rss", {"url": "https://b.example/atom", "interval": 30, "source": "مدار"}]', 'f.json', 300), [
      { url: 'https://a.example/rss', interval: 300, source: null },
      { url: 'https://b.example/atom', interval: 30, source: 'مدار' },
    ]);
    assert.deepEqual(parseFeedsFile('- https://a.example/rss\n- url: https://b.example/atom\n  interval: 45\n  source: "الأفق"\n', 'f.yaml', 300), [
      { url: 'https://a.example/rss', interval: 300, source: null },
      { url: 'https://b.example/atom', interval: 45, source: 'الأفق' },
    ]);
  });

  it('names the bad entry', () => {
    assert.throws(() => parseFeedsFile('ftp://x.example/feed\n', 'f.txt'), (e: unknown) => e instanceof InputError && /http\(s\)/.test(e.message));
    assert.throws(() => parseFeedsFile('[{"interval": 5}]', 'f.json'), (e: unknown) => e instanceof InputError && /entry 0/.test(e.message));
    assert.throws(() => parseFeedsFile('# nothing\n', 'f.txt'), /no feeds/);
  });

  it('saved queries need a criterion and a destination', () => {
    assert.equal(parseQueries('[{"name": "فيضانات", "keyword": "فيضانات", "file": "a.log"}]', 'q.json').length, 1);
    assert.throws(() => parseQueries('[{"name": "x", "file": "a.log"}]', 'q.json'), /entity, keyword, outlet/);
    assert.throws(() => parseQueries('[{"name": "x", "keyword": "y"}]', 'q.json'), /webhook URL or a file/);
  });
});

describe('polling', () => {
  const srv = new FeedServer();
  let dir: string;
  before(async () => {
    await srv.start();
    dir = mkdtempSync(join(tmpdir(), 'marsad-watch-'));
  });
  after(async () => {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores new items once, then sends If-None-Match / If-Modified-Since and gets 304s', async () => {
    const store = new SqliteStore(join(dir, 'cond.db'));
    let clock = Date.parse('2023-03-06T09:00:00Z');
    const processed: string[][] = [];
    const w = new Watcher(store, {
      feeds: [{ url: `${srv.base}/news.xml`, interval: 60, source: null }, { url: `${srv.base}/dated.xml`, interval: 60, source: null }],
      now: () => new Date(clock),
      process: async (_s, ids) => void processed.push(ids),
    });
    const t1 = await w.tick();
    assert.equal(t1.added.length, 3);
    assert.deepEqual(processed, [t1.added]);
    assert.equal((await store.getArticle(t1.added[0]))?.source, 'الأفق');

    // not due yet: nothing fetched
    clock += 30_000;
    assert.equal((await w.tick()).polled.length, 0);
    // due: conditional requests, both unchanged
    clock += 31_000;
    const t2 = await w.tick();
    assert.deepEqual(t2.polled.map((p) => p.outcome).sort(), ['not-modified', 'not-modified']);
    assert.equal(srv.hits('/news.xml').at(-1)!.headers['if-none-match'], '"v1"');
    assert.equal(srv.hits('/dated.xml').at(-1)!.headers['if-modified-since'], srv.lastModified);
    assert.equal(processed.length, 1, 'nothing new, nothing processed');

    // the feed changes: one new item among the old ones
    srv.items['/news.xml'] = [flood(2), flood(1), match(1)];
    srv.etag = '"v2"';
    clock += 61_000;
    const t3 = await w.tick();
    assert.equal(t3.added.length, 1);
    assert.equal((await store.getArticle(t3.added[0]))?.title, flood(2).title);
    const h = (await readHealth(store))[`${srv.base}/news.xml`];
    assert.equal(h.etag, '"v2"');
    assert.equal(h.articlesAdded, 3);
    assert.equal(h.notModified, 1);
    assert.equal(await store.countArticles(), 4);
    await store.close();
  });

  it('backs off exponentially on errors and timeouts, keeps health, and recovers', async () => {
    const store = new SqliteStore(join(dir, 'errors.db'));
    let clock = Date.parse('2023-03-06T09:00:00Z');
    const flaky = `${srv.base}/flaky.xml`;
    const slow = `${srv.base}/slow.xml`;
    const w = new Watcher(store, {
      feeds: [{ url: flaky, interval: 10, source: null }, { url: slow, interval: 10, source: null }, { url: `${srv.base}/page.html`, interval: 10, source: null }],
      now: () => new Date(clock),
      timeoutMs: 300,
      process: async () => undefined,
    });
    const t1 = await w.tick();
    const by = Object.fromEntries(t1.polled.map((p) => [p.url, p]));
    assert.equal(by[flaky].outcome, 'error');
    assert.equal(by[flaky].status, 500);
    assert.match(by[slow].error ?? '', /timed out/);
    assert.match(by[`${srv.base}/page.html`].error ?? '', /not an RSS or Atom feed/);
    let h = (await readHealth(store))[flaky];
    assert.equal(h.consecutiveFailures, 1);
    assert.equal(Date.parse(h.nextPollAt!) - clock, 1000 * backoffSeconds(10, 1));
    assert.equal(h.lastSuccessAt, null);

    clock += 15_000; // past the interval, but within the 20 s backoff: not polled
    assert.ok(!(await w.tick()).polled.some((p) => p.url === flaky));
    clock += 6_000;
    await w.tick();
    h = (await readHealth(store))[flaky];
    assert.equal(h.consecutiveFailures, 2);
    assert.equal(Date.parse(h.nextPollAt!) - clock, 40_000);
    assert.match(h.lastError ?? '', /HTTP 500/);

    srv.failing = false;
    clock += 41_000;
    const t3 = await w.tick();
    assert.equal(t3.polled.find((p) => p.url === flaky)?.outcome, 'ok');
    h = (await readHealth(store))[flaky];
    assert.equal(h.consecutiveFailures, 0);
    assert.equal(h.lastSuccessAt, new Date(clock).toISOString());
    assert.match(h.lastError ?? '', /HTTP 500/, 'the last error stays visible for --status');
    assert.equal(Date.parse(h.nextPollAt!) - clock, 10_000);
    assert.equal((await readHealth(store))[slow].consecutiveFailures, 3);
    await store.close();
  });
});

const mode = await pgTestMode();
describe('saved-query alerts (PostgreSQL queue + worker)', () => {
  if (mode.mode !== 'run') {
    it(mode.mode === 'skip' ? 'skipped' : 'needs a reachable PostgreSQL server', (t) => (mode.mode === 'skip' ? t.skip(mode.reason) : assert.fail(mode.reason)));
    return;
  }
  const srv = new FeedServer();
  let dir: string;
  before(async () => {
    await srv.start();
    dir = mkdtempSync(join(tmpdir(), 'marsad-alerts-'));
  });
  after(async () => {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires when a matching story appears and when it grows fast, once each', async () => {
    const db = await createScratchDatabase();
    const store = await PostgresStore.open(db.url);
    try {
      const log = join(dir, 'alerts.jsonl');
      const queries = parseQueries(
        JSON.stringify([
          { name: 'فيضانات', keyword: 'الفيضانات', file: log },
          { name: 'الأفق يكتب عن صفاقس', entity: 'صفاقس', outlet: 'الأفق', growth: { articles: 3, minutes: 30 }, webhook: `${srv.base}/hook` },
          { name: 'كرة', keyword: 'مباراة', outlet: 'مدار', file: log },
        ]),
        'q.json',
      );
      let clock = Date.parse('2023-03-06T09:00:00Z');
      srv.items['/news.xml'] = [flood(1), match(1)];
      srv.etag = '"a1"';
      const w = new Watcher(store, { feeds: [{ url: `${srv.base}/news.xml`, interval: 60, source: null }], queries, now: () => new Date(clock), work: true });
      const t1 = await w.tick();
      assert.equal(t1.added.length, 2);
      assert.deepEqual(t1.alerts.map((a) => `${a.query}:${a.kind}`), ['فيضانات:new']);
      const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 1);
      assert.match(lines[0].story.title, /فيضانات/);

      // two more flood reports 5 minutes later: 3 within 30 minutes → growing (webhook); the story is not new again
      clock += 5 * 60_000;
      srv.items['/news.xml'] = [flood(3), flood(2), flood(1), match(1)];
      srv.etag = '"a2"';
      const t2 = await w.tick();
      assert.equal(t2.added.length, 2);
      assert.deepEqual(t2.alerts.map((a) => `${a.query}:${a.kind}`), ['الأفق يكتب عن صفاقس:growing']);
      assert.equal(srv.webhook.length, 1);
      assert.deepEqual((srv.webhook[0] as { story: { recent: number } }).story.recent, 3);
      assert.equal(readFileSync(log, 'utf8').trim().split('\n').length, 1, 'no repeated "new" alert');

      // one more inside the same window: no second growing alert
      clock += 60_000 + 1;
      srv.items['/news.xml'] = [flood(4), ...srv.items['/news.xml']];
      srv.etag = '"a3"';
      assert.deepEqual((await w.tick()).alerts, []);
      assert.equal(srv.webhook.length, 1);
      assert.ok(existsSync(log));
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
