/**
 * API bench: p50/p95 latency of the story page JSON (GET /api/stories/:id) and of search
 * (GET /api/search?q=…) with 100k articles in the store, over loopback HTTP.
 *
 * Store: the real streams /work/shared/data/ant + saudinewsnet (≈45.7k articles) plus
 * recombined copies up to --articles (default 100000): copy k takes the first half of the
 * paragraphs of real article i and the second half of real article j (seeded PRNG), the title
 * of i, and a source "<source of i> (copy)", so texts, vocabulary and lengths stay real.
 * Stories: the story stage is not part of this bench (it would take long on 100k articles), so
 * stories are synthetic groupings of 2–12 articles of one outlet in date order, with a summary
 * and timeline built from their first sentences — the story endpoint's cost is loading the
 * story, its articles and their analyses, which this measures. The search index (segments in
 * the store's state, see src/server/search-segments.ts) is built by the server's own indexer
 * before the server starts; its build time (and CPU time) is reported. The store is kept in
 * /tmp/marsad-bench-api/ and reused (--rebuild to start over, --reindex to rebuild only the
 * search index).
 *
 * Load: the server runs in a child process; this process is the load generator — keep-alive
 * HTTP connections (--connections, default 4), each sending its next request when the
 * previous one is answered, --requests per endpoint (default 2000, at most 60 s each).
 * Baseline: GET /api/health in the same run, to show what the machine's HTTP round trip costs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { sharedFile, writeSection } from '../evals/report.ts';
import type { Article, Story } from '../src/model.ts';
import { articleId } from '../src/ingest/identity.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ArticleSearch } from '../src/server/search-index.ts';
import { MANIFEST_KEY } from '../src/server/search-segments.ts';
import { startServer } from '../src/server/serve.ts';
import { splitSentences, wordTokens } from '../src/text/index.ts';
import { termOf } from '../src/server/terms.ts';
import { seededRandom as mulberry32 } from '../src/util/random.ts';

const DIR = '/tmp/marsad-bench-api';


interface Real {
  source: string;
  title: string | null;
  published: string | null;
  url: string | null;
  text: string;
}

function readStream(path: string): Real[] {
  const out: Real[] = [];
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { source?: string; title?: string; published?: string; url?: string; text?: string };
    if (!o.text || !o.text.trim()) continue;
    out.push({ source: o.source ?? 'unknown', title: o.title ?? null, published: o.published ?? null, url: o.url ?? null, text: o.text.replace(/\r\n?/g, '\n') });
  }
  return out;
}

function article(r: { source: string; title: string | null; published: string | null; url: string | null; text: string }, n: number): Article {
  return {
    id: articleId(r.source, r.text, 'text'),
    inputId: String(n),
    url: r.url,
    source: r.source,
    origin: `bench#${n}`,
    format: 'jsonl',
    publishedAt: r.published,
    title: r.title,
    lang: 'ar',
    raw: r.text,
    rawKind: 'text',
    encoding: 'utf-8',
    ingestedAt: new Date(0).toISOString(),
  };
}

const paragraphs = (text: string) => text.split(/\n+/).filter((p) => p.trim());

async function buildStore(path: string, total: number): Promise<{ real: number; copies: number; seconds: number; stories: number }> {
  const t0 = Date.now();
  const files = ['ant/articles.jsonl.gz', 'saudinewsnet/articles.jsonl.gz'].map((f) => sharedFile(f, 'api'));
  if (files.some((f) => !f)) throw new Error('skipped: /work/shared/data (ant, saudinewsnet) not found');
  const reals = files.flatMap((f) => readStream(f!));
  const store = new SqliteStore(path);
  const rand = mulberry32(42);
  const all: Article[] = [];
  const seen = new Set<string>();
  const push = (a: Article) => {
    if (!seen.has(a.id)) {
      seen.add(a.id);
      all.push(a);
    }
  };
  reals.forEach((r, i) => push(article(r, i)));
  const realCount = all.length;
  for (let k = 0; all.length < total && k < total * 3; k++) {
    const a = reals[Math.floor(rand() * reals.length)];
    const b = reals[Math.floor(rand() * reals.length)];
    const pa = paragraphs(a.text);
    const pb = paragraphs(b.text);
    const text = [...pa.slice(0, Math.max(1, Math.ceil(pa.length / 2))), ...pb.slice(Math.floor(pb.length / 2))].join('\n');
    push(article({ source: `${a.source} (copy)`, title: a.title, published: a.published, url: null, text }, reals.length + k));
  }
  for (let i = 0; i < all.length; i += 2000) await store.addArticles(all.slice(i, i + 2000));
  // synthetic stories: runs of 2–12 articles of one outlet in date order
  const bySource = new Map<string, Article[]>();
  for (const a of all) {
    const list = bySource.get(a.source ?? '') ?? [];
    list.push(a);
    bySource.set(a.source ?? '', list);
  }
  const stories: Story[] = [];
  for (const [source, list] of bySource) {
    list.sort((x, y) => (x.publishedAt ?? '').localeCompare(y.publishedAt ?? ''));
    for (let i = 0; i < list.length; ) {
      const size = 2 + Math.floor(rand() * 11);
      const group = list.slice(i, i + size);
      i += size;
      const first = (a: Article) => splitSentences(a.raw)[0]?.text ?? a.raw.slice(0, 200);
      const dates = group.map((a) => a.publishedAt?.slice(0, 10) ?? null).filter((d): d is string => !!d);
      stories.push({
        id: `bench-${stories.length}`,
        title: group[0].title ?? first(group[0]).slice(0, 80),
        headline: group[1]?.title ?? group[0].title ?? '',
        articleIds: group.map((a) => a.id),
        sources: [source],
        firstReportedBy: group[0].id,
        dateStart: dates[0] ?? null,
        dateEnd: dates[dates.length - 1] ?? null,
        events: [],
        entities: [],
        timeline: group.slice(0, 4).filter((a) => a.publishedAt).map((a) => ({ date: a.publishedAt!.slice(0, 10), text: first(a), articleIds: [a.id] })),
        facts: [],
        conflicts: [],
        summary: group.slice(0, 3).map((a) => ({ text: first(a), articleIds: [a.id] })),
      });
    }
  }
  for (let i = 0; i < stories.length; i += 2000) await store.putStories(stories.slice(i, i + 2000));
  const seconds = (Date.now() - t0) / 1000;
  await store.close();
  return { real: realCount, copies: all.length - realCount, seconds, stories: stories.length };
}

/** brings the search index up to date in this process (a full build when there is none); timed */
async function indexStore(path: string, rebuild: boolean): Promise<{ seconds: number; cpuSeconds: number; indexed: number; full: boolean }> {
  const store = new SqliteStore(path, { mustExist: true });
  if (rebuild) await store.setState(MANIFEST_KEY, null);
  const full = !(await store.getState(MANIFEST_KEY));
  const t0 = Date.now();
  const c0 = process.cpuUsage();
  const s = await ArticleSearch.open(store, { onProgress: (done, indexed) => process.stdout.write(`\r  search index: ${done} articles, ${indexed} indexed`) });
  const cpu = process.cpuUsage(c0);
  process.stdout.write('\n');
  await store.close();
  return { seconds: (Date.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, indexed: s.timing.indexed, full };
}

// ---------------------------------------------------------------- load generator

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function load(base: string, paths: string[], connections: number, requests: number, maxMs: number): Promise<{ n: number; p50: number; p95: number; p99: number; rps: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const one = (path: string) =>
    new Promise<void>((resolveReq) => {
      const start = performance.now();
      http
        .get(`${base}${path.replace(/^\//, '')}`, { agent }, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            if (res.statusCode !== 200) errors++;
            times.push(performance.now() - start);
            resolveReq();
          });
        })
        .on('error', () => {
          errors++;
          resolveReq();
        });
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests && performance.now() - t0 < maxMs) await one(paths[next++ % paths.length]);
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  return { n: times.length, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), rps: times.length / elapsed, errors };
}

function queriesFrom(titles: string[], n: number): string[] {
  const rand = mulberry32(7);
  const out: string[] = [];
  for (let guard = 0; out.length < n && guard < n * 20; guard++) {
    const words = wordTokens(titles[Math.floor(rand() * titles.length)] ?? '').filter((t) => t.kind === 'word' && t.text.length >= 3 && termOf(t));
    if (!words.length) continue;
    const w = words[Math.floor(rand() * words.length)].text;
    const two = rand() < 0.4 && words.length > 1 ? `${w} ${words[Math.floor(rand() * words.length)].text}` : w;
    out.push(two);
  }
  return out;
}

async function child(db: string): Promise<void> {
  const store = new SqliteStore(db, { mustExist: true });
  const server = await startServer({ store, port: 0, process: async () => undefined });
  process.stdout.write(`${JSON.stringify({ url: server.url, loadMs: server.search.timing.loadMs, segments: server.search.timing.loadedSegments, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) })}\n`);
  await new Promise<void>((r) => process.once('SIGTERM', () => r()));
  await server.close();
  await store.close();
}

export async function run(args: string[]): Promise<void> {
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const total = opt('articles', 100_000);
  const connections = opt('connections', 4);
  const requests = opt('requests', 2000);
  mkdirSync(DIR, { recursive: true });
  const db = join(DIR, `api-${total}.db`);
  if (args.includes('--rebuild')) for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  let build: Awaited<ReturnType<typeof buildStore>> | null = null;
  if (!existsSync(db)) {
    console.log(`building ${db} (${total} articles)…`);
    try {
      build = await buildStore(db, total);
    } catch (e) {
      if (/skipped/.test((e as Error).message)) {
        console.log(`api bench ${(e as Error).message}`);
        return;
      }
      throw e;
    }
    console.log(`  stored ${build.real} real + ${build.copies} recombined articles, ${build.stories} stories in ${build.seconds.toFixed(1)} s`);
  }
  const idx = await indexStore(db, args.includes('--reindex'));
  console.log(`  search index: ${idx.full ? 'built' : 'updated'} in ${idx.seconds.toFixed(1)} s (${idx.cpuSeconds.toFixed(1)} s CPU), ${idx.indexed} articles indexed`);
  // story ids and query words from the store
  const store = new SqliteStore(db, { mustExist: true });
  const count = await store.countArticles();
  const stats = await store.stats();
  const copies = stats.bySource.filter((b) => b.source?.endsWith(' (copy)')).reduce((n, b) => n + b.count, 0);
  const storyCount = stats.stories;
  const storyIds = (await store.listStories({ order: 'biggest', limit: 20_000 })).map((s) => s.id);
  const titles = (await store.listArticles({ limit: 5000 })).map((a) => a.title ?? '').filter(Boolean);
  await store.close();
  const rand = mulberry32(3);
  const storyPaths = Array.from({ length: 500 }, () => `/api/stories/${encodeURIComponent(storyIds[Math.floor(rand() * storyIds.length)])}`);
  const queries = queriesFrom(titles, 300);
  const searchPaths = queries.map((q) => `/api/search?q=${encodeURIComponent(q)}`);

  const t0 = Date.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', resolve('bench/api.ts'), '--child', db], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { url, loadMs, segments, rssMb } = await new Promise<{ url: string; loadMs: number; segments: number; rssMb: number }>((res, rej) => {
    let buf = '';
    proc.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /(\{"url":[^\n]+\})\n/.exec(buf);
      if (m) res(JSON.parse(m[1]));
    });
    proc.once('exit', (code) => rej(new Error(`server exited with ${code}`)));
  });
  const startMs = Date.now() - t0;
  try {
    await load(url, ['/api/health', ...storyPaths.slice(0, 50), ...searchPaths.slice(0, 50)], connections, 300, 30_000); // warm-up
    const base = await load(url, ['/api/health'], connections, requests, 60_000);
    const storyRes = await load(url, storyPaths, connections, requests, 60_000);
    const searchRes = await load(url, searchPaths, connections, requests, 60_000);
    const row = (name: string, r: typeof base) => `| ${name} | ${r.n} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rps.toFixed(0)} | ${r.errors} | ${(r.p95 / base.p95).toFixed(1)}× |`;
    const md = [
      `Command: \`npm run bench -- api${args.length ? ` ${args.join(' ')}` : ''}\` — ${count} articles in the store (${build ? `${build.real} real from ant + saudinewsnet, ${build.copies} recombined; ${build.stories} synthetic stories; built in ${build.seconds.toFixed(0)} s` : `store made by an earlier run of this bench and reused: ${count - copies} real from ant + saudinewsnet, ${copies} recombined; ${storyCount} synthetic stories`}).`,
      `Search index ${idx.full ? `built from scratch in ${idx.seconds.toFixed(0)} s wall, ${idx.cpuSeconds.toFixed(0)} s CPU (${idx.indexed} articles; machine load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)` : `up to date (${idx.indexed} articles indexed, ${idx.seconds.toFixed(1)} s)`}; server start ${(startMs / 1000).toFixed(1)} s, of which loading ${segments} index segments ${(loadMs / 1000).toFixed(1)} s; server RSS ${rssMb} MB.`,
      `Load: ${connections} keep-alive connections over loopback, ${requests} requests per endpoint; the server in a child process. Story ids random among all stories; queries: 300 one- or two-word queries drawn from real titles.`,
      '',
      '| endpoint | requests | p50 ms | p95 ms | p99 ms | req/s | errors | p95 vs baseline |',
      '|---|---|---|---|---|---|---|---|',
      row('GET /api/health (baseline)', base),
      row('GET /api/stories/:id', storyRes),
      row('GET /api/search?q=…', searchRes),
      '',
    ].join('\n');
    console.log(md);
    writeSection('BENCH.md', 'api', md);
  } finally {
    proc.kill('SIGTERM');
  }
}

if (process.argv.includes('--child') && /bench[\\/]api\.ts$/.test(process.argv[1] ?? '')) {
  const db = process.argv[process.argv.indexOf('--child') + 1];
  child(db).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
