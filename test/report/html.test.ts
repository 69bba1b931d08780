/**
 * The HTML report of the seed story (read at run time from /work/shared/seeds, the fixture story
 * otherwise) opened in headless Chromium: renders right-to-left, no script errors, scraped text
 * escaped. Needs /usr/bin/chromium (CI installs it); set MARSAD_SKIP_BROWSER=1 to skip locally.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cleanArticle } from '../../src/clean/index.ts';
import type { StoryArticle } from '../../src/compare/index.ts';
import { renderHtml, renderMarkdown, renderJson, storyFromArticles } from '../../src/report/index.ts';
import { sharedData } from '../../evals/report.ts';
import { STORY } from '../compare/fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const seedsDir = join(sharedData, '..', 'seeds');

function seedArticles(): StoryArticle[] {
  return readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => {
    const raw = readFileSync(join(seedsDir, f), 'utf8');
    const c = cleanArticle({ raw, rawKind: 'text', source: null });
    return { id: f, source: `seed ${f.slice(0, 3)}`, publishedAt: null, title: c.title, text: c.text, paragraphs: c.paragraphs };
  });
}

const articles = existsSync(seedsDir) ? seedArticles() : STORY;
// a hostile title must come out escaped
articles[0] = { ...articles[0]!, title: `${articles[0]!.title ?? ''} <script>window.__pwned=1</script>` };
const { story, coverage } = storyFromArticles('seed-story', articles);
const input = { story, coverage, articles: articles.map((a) => ({ id: a.id, source: a.source, title: a.title, publishedAt: a.publishedAt, url: null })) };

test('HTML report: one self-contained RTL file, every scraped string escaped', () => {
  const html = renderHtml(input);
  assert.match(html, /<html dir="rtl" lang="ar">/);
  assert.match(html, /@media print/);
  assert.ok(!/<script/i.test(html), 'no script element');
  assert.ok(!/<link[^>]+stylesheet|src="http/i.test(html), 'no external resources');
  assert.match(html, /&lt;script&gt;/);
});

test('Markdown and JSON reports carry the contract fields', () => {
  const md = renderMarkdown(input);
  assert.match(md, /^# /);
  assert.match(md, /## الملخص/);
  const json = JSON.parse(renderJson(input));
  for (const k of ['id', 'title', 'headline', 'article_ids', 'sources', 'facts', 'conflicts', 'summary', 'timeline', 'entities']) assert.ok(k in json, k);
});

const skipBrowser = process.env.MARSAD_SKIP_BROWSER === '1' ? 'MARSAD_SKIP_BROWSER=1' : false;

test('HTML report renders RTL in headless Chromium without script errors', { skip: skipBrowser }, async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (the CI install script .ci/run does), or set MARSAD_SKIP_BROWSER=1 to skip this test locally`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.setContent(renderHtml(input), { waitUntil: 'load' });
    assert.deepEqual(errors, []);
    assert.equal(await page.evaluate('getComputedStyle(document.body).direction'), 'rtl');
    assert.equal(await page.evaluate('window.__pwned ?? 0'), 0);
    // right-to-left layout: the list indent (padding-inline-start) is on the right
    // (expressions as strings: the test project has no DOM typings)
    const box = (await page.evaluate(`(() => {
      const ul = document.querySelector('#summary ul').getBoundingClientRect();
      const li = document.querySelector('#summary li').getBoundingClientRect();
      return { right: ul.right - li.right, left: li.left - ul.left };
    })()`)) as { right: number; left: number };
    assert.ok(box.right > 10 && box.left < 1, JSON.stringify(box));
    assert.ok((await page.locator('#conflicts').count()) === 1);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000);
  } finally {
    await browser.close();
  }
});
