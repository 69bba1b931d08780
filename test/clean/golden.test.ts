/**
 * Golden files: each input under golden/ (written by us) → the expected classes per line,
 * removed spans and body paragraphs in golden/<name>.json. Regenerate after a reviewed change
 * with UPDATE_GOLDEN=1 node scripts/test.mjs test/clean/golden.test.ts, then read the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanArticle, explainLines } from '../../src/clean/index.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');

for (const f of readdirSync(dir).filter((x) => /\.(txt|html)$/.test(x)).sort()) {
  test(`golden: ${f}`, () => {
    const raw = readFileSync(join(dir, f), 'utf8');
    const input = { raw, rawKind: f.endsWith('.html') ? ('html' as const) : ('text' as const), source: null };
    const r = cleanArticle(input);
    const got = {
      title: r.title,
      kicker: r.kicker,
      byline: r.byline,
      meta: r.meta,
      lines: explainLines(input).filter((l) => l.class !== null).map((l) => `${l.n} ${l.class}${l.prefix ? ` [${l.prefix.kind}: ${l.prefix.text}]` : ''}`),
      removed: r.removed.map((s) => ({ class: s.class, start: s.start, end: s.end, text: s.text })),
      paragraphs: r.paragraphs.map((p) => ({ start: p.start, end: p.end })),
    };
    const expPath = join(dir, f.replace(/\.(txt|html)$/, '.json'));
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expPath)) writeFileSync(expPath, JSON.stringify(got, null, 2) + '\n');
    assert.deepEqual(got, JSON.parse(readFileSync(expPath, 'utf8')));
  });
}
