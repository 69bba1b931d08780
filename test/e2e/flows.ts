/** The main user flows, shared by the corpus test and the fixture test. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshotPath } from './browser.ts';

export interface FlowResult {
  storyId: string;
  articleId: string;
  entityId: string | null;
  screenshots: string[];
}

const texts = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).map((s) => s.trim());

/** feed → story page (summary, timeline, sources, conflicts) → article view → entity page → search */
export async function mainFlow(page: Page, baseUrl: string, opts: { shotPrefix: string; searchWord: string }): Promise<FlowResult> {
  const shots: string[] = [];
  await page.goto(baseUrl);
  // Arabic, right to left, by default
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  await page.waitForSelector('.story-card');
  const cards = await page.locator('.story-card').count();
  assert.ok(cards > 0, 'the feed lists stories');

  // feed → the biggest story
  await page.click('#order-biggest');
  await page.waitForFunction("location.hash.includes('order=biggest')");
  await page.waitForSelector('.story-card');
  await page.locator('.story-card .story-link').first().click();
  await page.waitForSelector('#story-title');
  const storyId = decodeURIComponent(page.url().split('#/story/')[1] ?? '');
  assert.ok(storyId, 'navigated to a story page');
  for (const section of ['summary', 'timeline', 'sources', 'conflicts', 'quotes', 'entities', 'coverage'])
    assert.equal(await page.locator(`[data-section="${section}"]`).count(), 1, `story page has a ${section} section`);
  assert.ok((await page.locator('[data-section="sources"] .column').count()) > 0, 'outlets are shown side by side');
  const title = (await page.locator('#story-title').textContent())?.trim() ?? '';
  assert.ok(title.length > 0, 'story has a title');
  const shot = screenshotPath(`${opts.shotPrefix}-story-rtl.png`);
  await page.screenshot({ path: shot, fullPage: true });
  shots.push(shot);

  // story → an article (from the side-by-side columns)
  await page.locator('[data-section="sources"] .article-link').first().click();
  await page.waitForSelector('#article-title');
  const articleId = decodeURIComponent(page.url().split('#/article/')[1] ?? '');
  assert.ok(articleId);
  assert.ok(((await page.locator('#cleaned-view').textContent()) ?? '').length > 20, 'cleaned text shown');
  await page.click('#tab-raw');
  assert.equal(await page.locator('#raw-view').isVisible(), true, 'raw tab shows the raw text');
  await page.click('#tab-cleaned');
  assert.equal(await page.locator('#cleaned-view').isVisible(), true);

  // → an entity page (from the story's entity list when the article has none)
  let entityId: string | null = null;
  let link = page.locator('[data-section="entities"] .entity-link').first();
  if ((await link.count()) === 0) {
    await page.goBack();
    await page.waitForSelector('#story-title');
    link = page.locator('[data-section="entities"] .entity-link').first();
  }
  if ((await link.count()) > 0) {
    await link.click();
    await page.waitForSelector('#entity-name');
    entityId = decodeURIComponent(page.url().split('#/entity/')[1] ?? '');
    assert.ok(((await page.locator('#entity-name').textContent()) ?? '').trim().length > 0, 'entity has a name');
    assert.equal(await page.locator('[data-section="variants"]').count(), 1);
  }

  // → search from the header box
  await page.fill('#quick-q', opts.searchWord);
  await page.press('#quick-q', 'Enter');
  await page.waitForSelector('#search-articles');
  const results = await page.locator('#search-results .result').count();
  assert.ok(results > 0, `searching "${opts.searchWord}" finds articles`);
  assert.ok((await page.locator('#search-results mark.hit').count()) > 0, 'matched words are highlighted');

  // language toggle: English, left to right, and back
  await page.click('#lang-toggle');
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  assert.deepEqual(await texts(page, '#nav-feed'), ['Stories']);
  await page.goto(`${baseUrl}#/story/${encodeURIComponent(storyId)}`);
  await page.waitForSelector('#story-title');
  const en = screenshotPath(`${opts.shotPrefix}-story-en.png`);
  await page.screenshot({ path: en, fullPage: true });
  shots.push(en);
  await page.click('#lang-toggle');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  return { storyId, articleId, entityId, screenshots: shots };
}
