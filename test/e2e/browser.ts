/**
 * Headless Debian chromium for the end-to-end tests, driven by playwright-core. When the
 * browser is missing the tests FAIL with a message saying how to install it — unless
 * MARSAD_SKIP_BROWSER=1, which skips them (and says so).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.MARSAD_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(process.cwd(), 'test-results', 'screenshots');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** null when the tests should be skipped; throws when the browser is required but missing */
export function browserAvailability(): { skip: string | false } {
  if (existsSync(CHROMIUM)) return { skip: false };
  if (process.env.MARSAD_SKIP_BROWSER === '1') return { skip: `chromium not found at ${CHROMIUM}; skipped because MARSAD_SKIP_BROWSER=1` };
  throw new Error(`chromium not found at ${CHROMIUM}: the end-to-end tests need it. Install it with scripts/install-browser.sh (apt-get install chromium), point MARSAD_CHROMIUM at another binary, or set MARSAD_SKIP_BROWSER=1 to skip these tests.`);
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface Watch {
  dialogs: string[];
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
}

/** records dialogs (and dismisses them), console errors, uncaught errors, and every request URL */
export function watch(page: Page): Watch {
  const w: Watch = { dialogs: [], consoleErrors: [], pageErrors: [], requests: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => undefined);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('request', (r) => w.requests.push(r.url()));
  return w;
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return resolve(SCREENSHOTS, name);
}
