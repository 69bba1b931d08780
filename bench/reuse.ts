/**
 * Reuse bench: insert+query time per article and memory at 10k, 100k and 1M articles, and the
 * throughput of the pipeline's reuse stage over a SQLite store.
 *
 * Corpus: synthetic articles recombined from REAL sentences of the ANT and SaudiNewsNet streams
 * (/work/shared/data), generated lazily from the article number (nothing is held in memory;
 * candidate texts for alignment are regenerated the same way). See `Generator` for how sentence
 * reuse is kept bounded whatever the corpus size.
 *
 * Modes: doc (MinHash/LSH near-duplicates only) and full (doc + winnowing fingerprints + alignment
 * of candidates) over the in-memory backend; stage = `runReuseStage(store)` over a SQLite store
 * holding the articles and their clean records, exactly as the pipeline runs it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedFile, writeSection } from '../evals/report.ts';
import type { Article, CleanResult, ReuseLink } from '../src/model.ts';
import { LINK_STAGE, MemoryReuseBackend, ReuseIndex, type ReuseDoc } from '../src/reuse/index.ts';
import { runReuseStage } from '../src/reuse/stage.ts';
import { CLEAN_STAGE } from '../src/reuse/store-text.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { seededRandom as mulberry32 } from '../src/util/random.ts';


function loadPool(max: number): string[] {
  const pool: string[] = [];
  for (const rel of ['ant/articles.jsonl.gz', 'saudinewsnet/articles.jsonl.gz']) {
    const p = sharedFile(rel, 'reuse');
    if (!p) continue;
    const lines = gunzipSync(readFileSync(p)).toString('utf8').split('\n');
    for (const l of lines) {
      if (!l || pool.length >= max) break;
      const text = (JSON.parse(l) as { text?: string }).text ?? '';
      for (const s of text.split(/(?<=[.!؟])\s+|\n+/)) {
        const t = s.trim();
        if (t.length >= 40 && t.length <= 400 && /[\u0621-\u064A]/.test(t)) pool.push(t);
        if (pool.length >= max) break;
      }
    }
  }
  // the same sentence twice in the pool (boilerplate lines of the streams) would be reused by construction
  return [...new Set(pool)];
}

const SLOTS = 20; // sentence slots reserved per article (articles use 8–20)
const RECENT = 5000; // planted copies take from one of the previous RECENT articles

/**
 * Article i = 8–20 sentences in slots i·20 … i·20+n−1. Slot s maps to pool sentence
 * j = (a·(s mod P) + b) mod P (a bijection, a coprime to P) in "epoch" e = ⌊s / P⌋. Epoch 0 uses
 * the sentence verbatim; epoch e ≥ 1 replaces every third word (starting at e mod 3) by a word
 * drawn from the pool's running text (seeded by j and e). Every word 3-gram then contains a
 * replaced word, so two variants of one sentence share no 3-gram (the alignment seed) except by
 * chance: each sentence variant occurs once in the corpus, and the chance that an article shares a
 * sentence with an earlier one does not grow with N. Planted reuse, all from one of the previous
 * 5,000 articles (wire copy follows its source closely): 5 % of articles carry 3–6 consecutive
 * sentences of an earlier article (one word dropped in half of them, punctuation changed); 1 %
 * are near-duplicates (the whole earlier article with those light edits).
 */
class Generator {
  private readonly a: number;
  private readonly b: number;
  private readonly vocab: string[];
  constructor(private readonly pool: string[]) {
    const P = pool.length;
    const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
    let a = Math.floor(P * 0.6180339887) | 1;
    while (gcd(a, P) !== 1) a += 2;
    this.a = a;
    this.b = Math.floor(P / 3);
    // running text (frequency-weighted) of the first 20k sentences
    this.vocab = pool.slice(0, 20_000).flatMap((s) => s.split(/\s+/).filter((w) => /[\u0621-\u064A]/.test(w)));
  }
  private sentence(slot: number): string {
    const P = this.pool.length;
    const j = (this.a * (slot % P) + this.b) % P;
    const e = Math.floor(slot / P);
    const s = this.pool[j];
    if (e === 0) return s;
    const rng = mulberry32(Math.imul(j + 1, 0x85ebca6b) ^ Math.imul(e, 0xc2b2ae35));
    const ws = s.split(' ');
    for (let k = e % 3; k < ws.length; k += 3) ws[k] = this.vocab[Math.floor(rng() * this.vocab.length)];
    return ws.join(' ');
  }
  private plan(i: number): { n: number; kind: 'plain' | 'copy' | 'near'; src: number; rng: () => number } {
    const rng = mulberry32(Math.imul(i + 1, 0x9e3779b1) ^ 0x5eed);
    const n = 8 + Math.floor(rng() * 13);
    const r = rng();
    const src = i - 1 - Math.floor(rng() * Math.min(i, RECENT));
    const kind = i === 0 ? 'plain' : r < 0.01 ? 'near' : r < 0.06 ? 'copy' : 'plain';
    return { n, kind, src, rng };
  }
  private own(i: number, n: number): string[] {
    const out: string[] = [];
    for (let k = 0; k < n; k++) out.push(this.sentence(i * SLOTS + k));
    return out;
  }
  private static lightEdit(s: string, rng: () => number): string {
    const ws = s.split(' ');
    if (ws.length > 6 && rng() < 0.5) ws.splice(1 + Math.floor(rng() * (ws.length - 2)), 1);
    return ws.join(' ').replace(/،/g, ' ،').replace(/"/g, '«');
  }
  /** The earlier article this one copies (passages) or near-duplicates, if planted. */
  planted(i: number): { kind: 'copy' | 'near'; src: number } | null {
    const p = this.plan(i);
    return p.kind === 'plain' ? null : { kind: p.kind, src: p.src };
  }
  sentences(i: number): string[] {
    const p = this.plan(i);
    if (p.kind === 'near') return this.sentences(p.src).map((s) => Generator.lightEdit(s, p.rng));
    const sents = this.own(i, p.n);
    if (p.kind === 'copy') {
      const src = this.sentences(p.src);
      const len = Math.min(src.length, 3 + Math.floor(p.rng() * 4));
      const from = Math.floor(p.rng() * (src.length - len + 1));
      sents.splice(Math.floor(p.rng() * sents.length), 0, ...src.slice(from, from + len).map((s) => Generator.lightEdit(s, p.rng)));
    }
    return sents;
  }
  /** Paragraphs of two sentences each. */
  paragraphs(i: number): string[] {
    const s = this.sentences(i);
    const out: string[] = [];
    for (let k = 0; k < s.length; k += 2) out.push(s.slice(k, k + 2).join(' '));
    return out;
  }
  publishedAt(i: number): number {
    return 1_500_000_000_000 + i * 60_000;
  }
  doc(i: number): ReuseDoc {
    return { id: `a${i}`, text: this.paragraphs(i).join('\n'), publishedAt: this.publishedAt(i) };
  }
  /** As stored by ingest + clean: a title line and a "read also" line around the body, which the clean record leaves out. */
  stored(i: number): { article: Article; clean: CleanResult } {
    const paras = this.paragraphs(i);
    const title = paras[0].split(' ').slice(0, 8).join(' ');
    let raw = `${title}\n\n`;
    const paragraphs = paras.map((text) => {
      const start = raw.length;
      raw += `${text}\n\n`;
      return { start, end: start + text.length, text };
    });
    raw += 'اقرأ أيضاً: أخبار ذات صلة';
    const iso = new Date(this.publishedAt(i)).toISOString();
    const article: Article = {
      id: `a${i}`, inputId: null, url: null, source: `outlet-${i % 40}`, origin: `bench/${i}.txt`, format: 'txt', publishedAt: iso,
      title, lang: 'ar', raw, rawKind: 'text', encoding: 'utf-8', ingestedAt: iso,
    };
    const clean: CleanResult = { title, kicker: null, byline: null, paragraphs, removed: [], text: raw, textIsRaw: true, meta: {} };
    return { article, clean };
  }
}

interface Checkpoint {
  n: number;
  usPerArticle: number;
  perSec: number;
  heapMB: number;
  rssMB: number;
  indexBytesPerArticle: number | null;
  linksPerArticle: number;
  copiesFound: number | null;
  nearFound: number | null;
  wallSec: number;
}

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

function log(mode: string, cp: Checkpoint): void {
  console.log(
    `[reuse bench] ${mode} n=${cp.n}: ${cp.usPerArticle.toFixed(0)} µs/article (${cp.perSec.toFixed(0)}/s), heap ${cp.heapMB.toFixed(0)} MB, rss ${cp.rssMB.toFixed(0)} MB` +
      (cp.indexBytesPerArticle ? `, index ${cp.indexBytesPerArticle.toFixed(0)} B/article` : '') +
      `, links/article ${cp.linksPerArticle.toFixed(2)}` +
      (cp.copiesFound !== null ? `, planted copies found ${(cp.copiesFound * 100).toFixed(1)} %` : '') +
      (cp.nearFound !== null ? `, planted near-duplicates found ${(cp.nearFound * 100).toFixed(1)} %` : '') +
      ` (${cp.wallSec.toFixed(0)} s wall so far)`,
  );
}

/** Recall counters for planted reuse, over a measuring window. */
class Planted {
  copies = 0;
  copiesHit = 0;
  near = 0;
  nearHit = 0;
  note(gen: Generator, i: number, others: string[], docOnly: boolean): void {
    const p = gen.planted(i);
    if (!p) return;
    const hit = others.includes(`a${p.src}`);
    if (p.kind === 'near') {
      this.near++;
      if (hit) this.nearHit++;
    } else if (!docOnly) {
      this.copies++;
      if (hit) this.copiesHit++;
    }
  }
}

/** In-memory index: CPU time of `index.add` (query + insert) over the last 5,000 articles before each checkpoint. */
async function runMemory(mode: 'doc' | 'full', gen: Generator, checkpoints: number[], budgetMs: number): Promise<Checkpoint[]> {
  const docOnly = mode === 'doc';
  const index = ReuseIndex.inMemory({ textOf: (ids) => ids.map((id) => gen.doc(Number(id.slice(1)))) });
  const mem = index.backend as MemoryReuseBackend;
  const out: Checkpoint[] = [];
  const max = checkpoints[checkpoints.length - 1];
  const started = performance.now();
  let windowMs = 0;
  let windowN = 0;
  let links = 0;
  let planted = new Planted();
  for (let i = 0; i < max; i++) {
    const doc = gen.doc(i);
    // CPU time of this process (user + system), not wall time: the bench machine is shared
    const c0 = process.cpuUsage();
    const found = await index.add(doc, { docOnly });
    const dt = cpuMs(process.cpuUsage(c0));
    const next = checkpoints.find((c) => c > i)!;
    if (i >= next - Math.min(5000, Math.floor(next / 2))) {
      windowMs += dt;
      windowN++;
      links += found.length;
      planted.note(gen, i, found.map((f) => f.otherId), docOnly);
    }
    if (i + 1 === next) {
      const m = process.memoryUsage();
      const cp: Checkpoint = {
        n: i + 1,
        usPerArticle: (windowMs * 1000) / windowN,
        perSec: windowN / (windowMs / 1000),
        heapMB: m.heapUsed / 2 ** 20,
        rssMB: m.rss / 2 ** 20,
        indexBytesPerArticle: mem.approxBytes / (i + 1),
        linksPerArticle: links / windowN,
        copiesFound: planted.copies ? planted.copiesHit / planted.copies : null,
        nearFound: planted.near ? planted.nearHit / planted.near : null,
        wallSec: (performance.now() - started) / 1000,
      };
      out.push(cp);
      log(`${mode}/memory`, cp);
      windowMs = 0;
      windowN = 0;
      links = 0;
      planted = new Planted();
      if (performance.now() - started > budgetMs && i + 1 < max) {
        console.log(`[reuse bench] ${mode}/memory: time budget reached, stopping at ${i + 1}`);
        break;
      }
    }
  }
  return out;
}

/**
 * The pipeline's reuse stage over SQLite: articles and their clean records are stored in chunks of
 * 5,000 (not timed), then `runReuseStage(store)` indexes the chunk (timed, CPU) — store reads of
 * postings, signatures and candidate texts, alignment, and the writes of postings, signatures and
 * links on both sides.
 */
async function runStage(gen: Generator, checkpoints: number[], budgetMs: number): Promise<Checkpoint[]> {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-reuse-bench-'));
  const store = new SqliteStore(join(dir, 'bench.db'));
  const out: Checkpoint[] = [];
  const started = performance.now();
  const chunk = 5000;
  try {
    const max = checkpoints[checkpoints.length - 1];
    for (let from = 0; from < max; from += chunk) {
      const items = Array.from({ length: chunk }, (_, k) => gen.stored(from + k));
      await store.addArticles(items.map((x) => x.article));
      await store.putAnalyses(CLEAN_STAGE, items.map((x) => ({ articleId: x.article.id, data: x.clean })));
      const c0 = process.cpuUsage();
      const n = await runReuseStage(store);
      const ms = cpuMs(process.cpuUsage(c0));
      if (!checkpoints.includes(from + chunk)) continue;
      const ids = items.map((x) => x.article.id);
      const links = await store.getAnalyses<ReuseLink[]>(LINK_STAGE, ids);
      const planted = new Planted();
      let nLinks = 0;
      for (let k = 0; k < chunk; k++) {
        // links to earlier articles only (later ones in the chunk mirror onto this one)
        const others = (links.get(ids[k]) ?? []).map((l) => l.otherId).filter((o) => Number(o.slice(1)) < from + k);
        nLinks += others.length;
        planted.note(gen, from + k, others, false);
      }
      const m = process.memoryUsage();
      const cp: Checkpoint = {
        n: from + chunk,
        usPerArticle: (ms * 1000) / n,
        perSec: n / (ms / 1000),
        heapMB: m.heapUsed / 2 ** 20,
        rssMB: m.rss / 2 ** 20,
        indexBytesPerArticle: null,
        linksPerArticle: nLinks / chunk,
        copiesFound: planted.copies ? planted.copiesHit / planted.copies : null,
        nearFound: planted.near ? planted.nearHit / planted.near : null,
        wallSec: (performance.now() - started) / 1000,
      };
      out.push(cp);
      log('stage/sqlite', cp);
      if (performance.now() - started > budgetMs && from + chunk < max) {
        console.log(`[reuse bench] stage/sqlite: time budget reached, stopping at ${from + chunk}`);
        break;
      }
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

export async function run(args: string[]): Promise<void> {
  const max = arg(args, 'max', 1_000_000);
  const fullMax = arg(args, 'full-max', 100_000);
  const stageMax = arg(args, 'stage-max', 10_000);
  const budget = arg(args, 'budget-s', 900) * 1000;
  const t0 = performance.now();
  const pool = loadPool(arg(args, 'pool', 300_000));
  if (pool.length === 0) {
    console.log('[reuse bench] skipped: /work/shared/data streams not present');
    writeSection('BENCH.md', 'reuse', '## Reuse (wire copy, near-duplicates)\n\nskipped: /work/shared/data streams not present.');
    return;
  }
  const gen = new Generator(pool);
  const sizes = (m: number) => [10_000, 100_000, 1_000_000].filter((n) => n <= m);
  const stage = stageMax > 0 ? await runStage(gen, sizes(stageMax), budget) : [];
  const full = fullMax > 0 ? await runMemory('full', gen, sizes(fullMax), budget) : [];
  const doc = max > 0 ? await runMemory('doc', gen, sizes(max), budget) : [];
  const total = (performance.now() - t0) / 1000;

  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
  const rows = (name: string, cps: Checkpoint[]) =>
    cps.map(
      (c) =>
        `| ${name} | ${c.n.toLocaleString('en')} | ${c.usPerArticle.toFixed(0)} | ${c.perSec.toFixed(0)} | ${(c.usPerArticle / cps[0].usPerArticle).toFixed(2)} | ${c.heapMB.toFixed(0)} | ${c.rssMB.toFixed(0)} | ${c.indexBytesPerArticle ? c.indexBytesPerArticle.toFixed(0) : '–'} | ${c.linksPerArticle.toFixed(3)} | ${pct(c.copiesFound)} | ${pct(c.nearFound)} |`,
    );
  const md = [
    '## Reuse (wire copy, near-duplicates)',
    '',
    `Command: \`npm run bench -- reuse${args.length ? ' ' + args.join(' ') : ''}\` (${total.toFixed(0)} s wall in all, one process; defaults: doc-level to 1M, full to 100k, pipeline stage to 10k).`,
    '',
    `Corpus: synthetic articles recombined from ${pool.length.toLocaleString('en')} distinct real sentences of \`ant/\` and \`saudinewsnet/\` (40–400 chars), generated lazily from the article number: article i = 8–20 sentences, two per paragraph, taken from its own 20 sentence slots; slot s → pool sentence (a·(s mod P) + b) mod P in epoch ⌊s/P⌋, verbatim in epoch 0 and with every third word replaced by a word of the pool's running text in later epochs, so each sentence variant occurs once and variants share no word 3-gram — the chance that an article shares a sentence with an earlier one does not grow with N (the previous generator reused each sentence ≈ N×14/300k times). Planted reuse from one of the previous 5,000 articles: 5 % carry 3–6 consecutive sentences of it (a word dropped in half of them, punctuation changed), 1 % are whole near-duplicates of it.`,
    '',
    'Time = CPU time (user + system, `process.cpuUsage`: the 2-core machine is shared and wall time is noisy). In-memory rows: mean of `index.add` (query + insert) over the last 5,000 articles before each size (the 10k row: articles 5,001–10,000), text generation excluded; ratio = vs the 10k row of the same mode. Stage rows: `runReuseStage(store)` on a SQLite store (in a temp dir) indexing the last 5,000 stored articles (each with its clean record, as after the clean stage): postings/signature/text reads, alignment and all writes (postings, signature, links on both sides), one transaction per 500. Index bytes = typed arrays of the in-memory backend + ~80 B/article for ids. Links/article = links to earlier articles found per new article (planted reuse is 6 %).',
    '',
    '| mode | articles | µs/article (CPU) | articles/s/core | ratio to 10k | heap MB | RSS MB | index B/article | links/article | planted copies found | planted near-dups found |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows('doc-level, memory', doc),
    ...rows('full, memory', full),
    ...rows('pipeline stage, SQLite', stage),
    '',
    'doc-level = tokenise (toolkit matchForm, cached), MinHash (60 values) + 20 LSH bands, look up and insert bands, verify candidates by signature. full = doc-level + ≤ 64 winnowing fingerprints, candidate lookup (≥ 2 shared fingerprints and ≥ 5 % of the smaller article\'s, ≤ 20 candidates) and passage alignment against each candidate (its text regenerated). The 10k rows include a cold matchForm cache (~20 µs per unseen word form).',
  ].join('\n');
  console.log(md);
  writeSection('BENCH.md', 'reuse', md);
}
