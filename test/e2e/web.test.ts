/**
 * The web app in a real headless browser on a store with every analysis filled in
 * (test/server/fixture.ts), including hostile articles: script tags, event-handler
 * attributes, javascript: links and right-to-left override characters.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { fixtureStore, type Fixture } from '../server/fixture.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { browserAvailability, launch, screenshotPath, watch, SCREENSHOTS } from './browser.ts';
import { mainFlow } from './flows.ts';

const { skip } = browserAvailability();
if (skip) console.log(`# e2e: ${skip}`);

describe('web app (fixture store)', { skip }, () => {
  let fx: Fixture;
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    fx = await fixtureStore({ hostile: true });
    server = await startServer({ store: fx.store, port: 0, process: async () => undefined });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await fx?.cleanup();
  });

  test('feed → story → article → entity → search, in Arabic and English', async () => {
    const page = await browser.newPage();
    const w = watch(page);
    const res = await mainFlow(page, server.url, { shotPrefix: 'fixture', searchWord: 'بوتين' });
    console.log(`# screenshots written to ${SCREENSHOTS}: ${res.screenshots.join(', ')}`);
    assert.deepEqual(w.pageErrors, []);
    assert.deepEqual(w.consoleErrors, []);
    // no request leaves the server (no CDN, no fonts from elsewhere)
    assert.deepEqual(w.requests.filter((u) => !u.startsWith(server.url)), []);
    await page.close();
  });

  test('the story page marks passages shared between outlets', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}#/story/story-flood`);
    await page.waitForSelector('#story-title');
    const shared = await page.locator('[data-section="sources"] .column mark.shared').allTextContents();
    assert.ok(shared.length >= 2, 'the shared passage is marked in both outlets');
    assert.ok(shared.every((s) => s.includes('الدفاع المدني')));
    assert.match((await page.locator('[data-section="conflicts"]').textContent()) ?? '', /ثلاث وفيات/);
    await page.close();
  });

  test('hostile content is shown as text and nothing it carries executes', async () => {
    const page = await browser.newPage();
    const w = watch(page);
    const visit = async (hash: string, selector: string) => {
      await page.goto(`${server.url}${hash}`);
      await page.waitForSelector(selector);
      await page.waitForTimeout(150); // let any (wrongly) injected handler fire
      // hover and click what an attacker would hope for
      for (const el of await page.locator('main b, main a').all()) await el.hover({ timeout: 500 }).catch(() => undefined);
    };
    await visit('#/', '.story-card');
    await visit('#/story/story-hostile', '#story-title');
    // the markup is visible as literal text
    assert.match((await page.locator('#story-title').textContent()) ?? '', /<script>window\.__pwned=1<\/script>/);
    assert.equal(await page.locator('main script, main img, main iframe, main svg, main b[onmouseover]').count(), 0, 'no element came from scraped text');
    await page.screenshot({ path: screenshotPath('hostile-story.png'), fullPage: true });
    await visit('#/article/a-hostile', '#article-title');
    assert.equal(await page.locator('main script, main img, main iframe, main svg').count(), 0);
    // the javascript: URL is not a link
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
    // the U+202E text stays inside an isolated element
    const iso = await page.evaluate(() => {
      // runs in the page (DOM globals), typed loosely: the project compiles without the DOM lib
      const { document, getComputedStyle } = globalThis as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      const all = ([...document.querySelectorAll('main *')] as any[]).filter((e) => e.childNodes.length && ([...e.childNodes] as any[]).some((n) => n.nodeType === 3 && (n.textContent ?? '').includes('\u202E')));
      return all.map((e) => ({ dir: e.closest('[dir="auto"]') !== null, bidi: getComputedStyle(e.closest('[dir="auto"]') ?? e).unicodeBidi }));
    });
    assert.ok(iso.length > 0, 'the override character is on the page');
    for (const x of iso) {
      assert.equal(x.dir, true, 'inside a dir="auto" element');
      assert.match(x.bidi, /isolate|plaintext/);
    }
    await visit('#/entity/per:evil', '#entity-name');
    await visit(`#/search?q=${encodeURIComponent('السيول')}`, '#search-articles');
    assert.equal(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined, 'the payload flag stays unset');
    assert.deepEqual(w.dialogs, [], 'no dialog opened');
    assert.deepEqual(w.pageErrors, []);
    assert.deepEqual(w.consoleErrors, [], 'no console error (a blocked inline script would log one)');
    await page.close();
  });

  test('missing analyses: sections say why they are empty', async () => {
    // the book story has no timeline and no summary
    const page = await browser.newPage();
    await page.goto(`${server.url}#/story/story-book`);
    await page.waitForSelector('#story-title');
    assert.equal(await page.locator('[data-section="timeline"] .empty').count(), 1);
    assert.equal(await page.locator('[data-section="summary"] .empty').count(), 1);
    await page.goto(`${server.url}#/story/nope`);
    await page.waitForSelector('.error');
    await page.close();
  });
});
