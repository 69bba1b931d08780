/**
 * The README quick start, in a browser: the bundled corpus (examples/corpus) ingested and
 * processed by the real pipeline, served, and clicked through. Fails — with the reason —
 * when the pipeline produces no stories, since then a new user would reach no story page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/ingest/index.ts';
import { processAll } from '../../src/pipeline.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { browserAvailability, launch, watch, SCREENSHOTS } from './browser.ts';
import { mainFlow } from './flows.ts';

const { skip } = browserAvailability();
if (skip) console.log(`# e2e: ${skip}`);

describe('quick start on the bundled corpus', { skip }, () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marsad-e2e-'));
    store = new SqliteStore(join(dir, 'marsad.db'));
    await ingest(store, [resolve('examples/corpus')]);
    await processAll(store);
    server = await startServer({ store, port: 0 });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('feed → story (summary, timeline, sources, conflicts) → article → entity → search', async () => {
    const stories = await store.countStories();
    assert.ok(stories > 0, `the pipeline produced no stories from examples/corpus (${await store.countArticles()} articles stored): the story page cannot be reached; wire the story stage into processAll (src/pipeline.ts)`);
    const page = await browser.newPage();
    const w = watch(page);
    const res = await mainFlow(page, server.url, { shotPrefix: 'corpus', searchWord: 'الاردن' });
    console.log(`# screenshots written to ${SCREENSHOTS}: ${res.screenshots.join(', ')}`);
    assert.deepEqual(w.pageErrors, []);
    assert.deepEqual(w.consoleErrors, []);
    await page.close();
  });
});
