/**
 * `npm run bench -- stories [--sizes 1000,10000,100000] [--probes 1000]`: assignment time per
 * article with N stories in the index, and clustering throughput (articles/s, one core).
 *
 * Index of N stories: real articles of ANT and SaudiNewsNet (/work/shared/data), each put
 * into a story of its own without scoring (`assign(input, { newStory: true })`), on a compressed
 * timeline so none closes; past the 45.7k real articles, recombined articles (the title of one
 * article with the body paragraphs of two others, picked by a seeded generator). Then `probes`
 * real articles not used for building are assigned with the default parameters; each
 * assignment is timed (median, p99). Throughput: the whole ANT stream clustered with defaults
 * (text already decoded; cleaning is the clean stage's figure).
 */
import { sharedFile, writeSection } from '../evals/report.ts';
import { readJsonlGz } from '../evals/stories.ts';
import { StoryClusterer, type StoryInput } from '../src/stories/index.ts';

interface Raw { id: string; published?: string; title?: string; text: string }

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

export async function run(args: string[]): Promise<void> {
  const ant = sharedFile('ant/articles.jsonl.gz', 'stories bench');
  const snn = sharedFile('saudinewsnet/articles.jsonl.gz', 'stories bench');
  if (!ant || !snn) return;
  const arg = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
  const sizes = arg('--sizes', '1000,10000,100000').split(',').map(Number);
  const probesN = Number(arg('--probes', '1000'));
  const antArts = await readJsonlGz<Raw>(ant);
  const real = [...antArts, ...(await readJsonlGz<Raw>(snn))];
  const next = rng(42);
  const pick = () => real[Math.floor(next() * real.length)];
  const probes = real.splice(real.length - probesN, probesN);
  const t0 = Date.parse('2020-01-01T00:00:00Z');
  const build = (i: number): StoryInput => {
    if (i < real.length) return { id: `b${i}`, time: t0 + i, title: real[i].title ?? null, body: real[i].text, source: null };
    const paras = (r: Raw) => r.text.split('\n').filter((l) => l.trim().length > 40);
    return { id: `b${i}`, time: t0 + i, title: pick().title ?? null, body: [...paras(pick()).slice(0, 3), ...paras(pick()).slice(0, 3)].join('\n'), source: null };
  };
  const rows: string[] = [];
  const buildSec: string[] = [];
  for (const n of sizes) {
    const c = new StoryClusterer({ closeAfterDays: 1e6 });
    const b0 = performance.now();
    for (let i = 0; i < n; i++) c.assign(build(i), { newStory: true });
    buildSec.push(((performance.now() - b0) / 1000).toFixed(0));
    const times: number[] = [];
    const cands: number[] = [];
    for (const [j, p] of probes.entries()) {
      const input = { id: `p${j}`, time: t0 + n + j, title: p.title ?? null, body: p.text, source: null };
      const s = performance.now();
      const r = c.assign(input);
      times.push(performance.now() - s);
      cands.push(r.candidates);
    }
    rows.push(`| ${n.toLocaleString('en')} | ${c.openStoryCount.toLocaleString('en')} | ${pct(times, 0.5).toFixed(2)} | ${pct(times, 0.99).toFixed(2)} | ${pct(cands, 0.5)} | ${buildSec.at(-1)} |`);
    console.log(rows.at(-1));
  }
  antArts.sort((a, b) => String(a.published).localeCompare(String(b.published)));
  const c = new StoryClusterer();
  const s = performance.now();
  for (const a of antArts) c.assign({ id: a.id, time: Date.parse(a.published ?? '') || t0, title: a.title ?? null, body: a.text, source: null });
  const perSec = antArts.length / ((performance.now() - s) / 1000);
  const md = [
    '## Stories',
    '',
    `Command: \`npm run bench -- stories${args.length ? ` ${args.join(' ')}` : ''}\`. Index built from real ANT + SaudiNewsNet articles, one story each (\`assign(…, { newStory: true })\`: no scoring while building), timeline compressed so none closes, then recombined articles (title of one, paragraphs of two others); ${probesN} held-back real articles assigned with the default parameters.`,
    '',
    '| stories in index | open | median ms / article | p99 ms | median stories scored | index build s |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Clustering the whole ANT stream (${antArts.length.toLocaleString('en')} articles, defaults, raw text): ${Math.round(perSec).toLocaleString('en')} articles/s on one core.`,
  ].join('\n');
  console.log(md);
  writeSection('BENCH.md', 'stories', md);
}
