/**
 * `npm run eval -- seeds`: the issues' acceptance checks on ../shared/seeds, run through the
 * WHOLE pipeline exactly as a user runs it (`marsad run` into a fresh SQLite store), not stage by
 * stage. The expectations below come from the issues' text; they live here, as the acceptance
 * check, and never in any rule or list of the pipeline.
 */
import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../src/store/open.ts';
import { ingest } from '../src/ingest/index.ts';
import { processAll } from '../src/pipeline.ts';
import type { Article, Quote, ReuseLink, Story } from '../src/model.ts';
import type { DatesRecord } from '../src/pipeline/extract-stage.ts';
import type { StoryAssignmentRecord } from '../src/pipeline/story-stage.ts';
import { normalize } from '../src/text/index.ts';
import { projectRoot, writeSection } from './report.ts';

const seedsDir = process.env.MARSAD_SEEDS ?? resolve(projectRoot, '..', 'shared', 'seeds');

interface Check {
  issue: number;
  what: string;
  ok: boolean;
  detail: string;
}

const n = (s: string) => normalize(s);

export async function run(): Promise<void> {
  if (!existsSync(seedsDir) || readdirSync(seedsDir).length === 0) {
    console.log(`[seeds] skipped: ${seedsDir} not present`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'marsad-seeds-'));
  const store = await openStore(join(dir, 'seeds.db'));
  const checks: Check[] = [];
  const check = (issue: number, what: string, ok: boolean, detail = '') => checks.push({ issue, what, ok, detail });
  try {
    const first = await ingest(store, [seedsDir]);
    const again = await ingest(store, [seedsDir]);
    check(2, 'ingest stores 5 articles; a second run adds 0', first.added === 5 && again.added === 0, `first ${first.added}, second ${again.added}`);
    await processAll(store);

    const articles = await store.listArticles({ limit: 100 });
    const byFile = new Map<string, Article>(articles.map((a) => [a.origin.replace(/^.*\//, '').slice(0, 3), a]));
    const id = (k: string) => byFile.get(k)!.id;
    const key = new Map(articles.map((a) => [a.id, a.origin.replace(/^.*\//, '').slice(0, 3)]));

    // issue 5 — reuse
    const links = await store.getAnalyses<ReuseLink[]>('reuse', articles.map((a) => a.id));
    const pairs = new Set<string>();
    for (const [a, ls] of links) for (const l of ls ?? []) pairs.add([key.get(a), key.get(l.otherId)].sort().join('↔'));
    const p04 = (links.get(id('000')) ?? []).find((l) => l.otherId === id('004'));
    check(5, '000↔004 reported with ≥ 3 shared passages', !!p04 && p04.passages.length >= 3, p04 ? `${p04.passages.length} passages` : 'not reported');
    check(5, 'no other pair reported as a copy', [...pairs].every((p) => p === '000↔004'), [...pairs].join(', ') || 'none');

    // issue 6 — one story, two events
    const assign = await store.getAnalyses<StoryAssignmentRecord>('story', articles.map((a) => a.id));
    const storyIds = new Set([...assign.values()].map((s) => s.storyId));
    check(6, 'the five seeds form one story', storyIds.size === 1, `${storyIds.size} stories`);
    const ev = (k: string) => assign.get(id(k))?.eventId;
    const summit = new Set(['001', '002', '003'].map(ev));
    const departure = new Set(['000', '004'].map(ev));
    check(6, 'events: summit (001, 002, 003) and departure/thank-you (000, 004)', summit.size === 1 && departure.size === 1 && [...summit][0] !== [...departure][0], `events ${['000', '001', '002', '003', '004'].map((k) => `${k}:${ev(k)}`).join(' ')}`);

    const story = (await store.listStories({ limit: 10 }))[0] as Story | undefined;
    // issue 7 — entities
    const variants = (story?.entities ?? []).map((e) => new Set(e.variants.map(n)));
    const together = (a: string, b: string) => variants.some((v) => [...v].some((x) => x.includes(n(a))) && [...v].some((x) => x.includes(n(b))));
    for (const [a, b] of [['فوستوتشني', 'فوستوشني'], ['ديمتري', 'دميتري'], ['فلاديمير بوتين', 'بوتين']]) check(7, `merged: ${a} / ${b}`, together(a, b));
    for (const [a, b] of [['كوريا الشمالية', 'كوريا الجنوبية']]) {
      const apart = !variants.some((v) => v.has(n(a)) && v.has(n(b)));
      check(7, `apart: ${a} ≠ ${b}`, apart);
    }

    // issue 8 — dates and quotes
    const dates = await store.getAnalyses<DatesRecord>('dates', articles.map((a) => a.id));
    const pub = ['000', '001', '002', '003', '004'].map((k) => `${k}:${dates.get(id(k))?.publishedAt ?? '-'}`).join(' ');
    check(8, 'each seed gets an inferred publication date', ['000', '001', '002', '003', '004'].every((k) => !!dates.get(id(k))?.publishedAt), pub);
    const days = new Set([...dates.values()].flatMap((d) => d.mentions.map((m) => m.value)));
    for (const d of ['2023-09-12', '2023-09-13', '2023-09-16', '2023-09-17', '2023-09-18']) check(8, `date ${d} resolved somewhere in the story`, days.has(d));
    const quotes = await store.getAnalyses<Quote[]>('quotes', articles.map((a) => a.id));
    const speakers = [...quotes.values()].flat().map((q) => n(q.speakerText ?? ''));
    for (const s of ['كيم', 'بوتين', 'بيسكوف', 'الكرملين', 'يون سوك يول', 'الخارجية الأميركية', 'تاس', 'نوفوستي']) {
      check(8, `a quote attributed to ${s}`, speakers.some((x) => x.includes(n(s))));
    }

    // issue 9 — conflicts
    const conflicts = story?.conflicts ?? [];
    check(9, 'a place conflict (where the summit took place)', conflicts.some((c) => c.type === 'place'), conflicts.map((c) => `${c.type}: ${c.about}`).join(' | '));
    check(9, 'a claim conflict (whether Putin will visit)', conflicts.some((c) => c.type === 'claim'));
    check(9, 'a cited summary and a headline', (story?.summary.length ?? 0) > 0 && story!.summary.every((s) => s.articleIds.length > 0) && !!story?.headline);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const passed = checks.filter((c) => c.ok).length;
  const table = [
    '## Seeds through the whole pipeline',
    '',
    `Command: \`npm run eval -- seeds\` (ingest ../shared/seeds into a fresh SQLite store, \`processAll\`, then the issues' acceptance checks). ${passed}/${checks.length} pass.`,
    '',
    '| issue | check | result | detail |',
    '|---|---|---|---|',
    ...checks.map((c) => `| ${c.issue} | ${c.what} | ${c.ok ? 'pass' : '**FAIL**'} | ${c.detail.replace(/\|/g, '/').slice(0, 160)} |`),
  ].join('\n');
  console.log(table);
  writeSection('EVAL.md', 'seeds', table);
}
