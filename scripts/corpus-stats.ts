/**
 * Counts what the bundled corpus exercises, from examples/corpus/truth.json — the tables in
 * examples/corpus/README.md are this script's output: `npx tsx scripts/corpus-stats.ts`.
 */
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTruth } from '../src/corpus/truth.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const t = loadTruth(root);
const count = <T,>(xs: T[], key: (x: T) => string) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]);
};
const table = (title: string, rows: [string, number][]) =>
  `| ${title} | count |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`;

console.log('### Stories\n');
console.log('| story | domain | articles | events | dates | conflicts | near-misses |\n|---|---|---|---|---|---|---|');
for (const s of t.stories) {
  const arts = t.articles.filter((a) => a.story === s.id);
  const days = arts.map((a) => a.published_at.slice(0, 10)).sort();
  console.log(`| ${s.id} — ${s.title} | ${s.domain} | ${arts.length} | ${s.events.length} | ${days[0]} → ${days[days.length - 1]} | ${s.conflicts.length} | ${s.near_misses.length} |`);
}
console.log(`\nTotal: ${t.articles.length} articles, ${t.stories.length} stories, ${t.entities.length} entities.\n`);
console.log(table('outlet', count(t.articles, (a) => a.source)));
console.log(table('format', count(t.articles, (a) => `${a.format} (${a.encoding})`)));
console.log(table('non-body line class', count(t.articles.flatMap((a) => a.lines), (l) => l.class)));
const rows: [string, number][] = [
  ['datelines/bylines glued to the first sentence', t.articles.filter((a) => a.inline_prefix).length],
  ['articles without publication date in the file', t.articles.filter((a) => !a.published_at_in_metadata).length],
  ['entity mentions', t.articles.reduce((n, a) => n + a.entities.length, 0)],
  ['entities with several surface forms', t.entities.filter((e) => e.variants.length > 1).length],
  ['quotes (direct)', t.articles.reduce((n, a) => n + a.quotes.filter((q) => q.direct).length, 0)],
  ['quotes (reported)', t.articles.reduce((n, a) => n + a.quotes.filter((q) => !q.direct).length, 0)],
  ['date expressions', t.articles.reduce((n, a) => n + a.dates.length, 0)],
  ['wire-copy pairs', t.copies.length],
  ['copied passages', t.copies.reduce((n, c) => n + c.passages.length, 0)],
  ['same-story pairs that are NOT copies', t.not_copies.length],
];
console.log(table('phenomenon', rows));
console.log(table('conflict type', count(t.stories.flatMap((s) => s.conflicts), (c) => c.type)));
