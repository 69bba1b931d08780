/**
 * `npm run bench -- ingest [--n 10000]`: ingest throughput on a corpus generated from the real
 * streams. Corpus: the first n/2 articles of ant/articles.jsonl.gz and of
 * saudinewsnet/articles.jsonl.gz (their `text`, `title`, `source`, `url`, `published`),
 * interleaved, written to a temp folder (a) as one JSON Lines file and (b) as n .txt files in a
 * folder-per-source layout, then deleted. Each pass ingests into a fresh SQLite database; the
 * baseline is normalize()+tokenize() over the same texts in memory, in the same process.
 */
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ingest } from '../src/ingest/ingest.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { normalize, tokenize } from '../src/text/index.ts';
import { sharedFile, writeSection } from '../evals/report.ts';

interface Row {
  id?: string;
  source?: string;
  url?: string;
  published?: string;
  title?: string;
  text: string;
}

async function head(path: string, n: number): Promise<Row[]> {
  const out: Row[] = [];
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Row;
    if (r.text?.trim()) out.push(r);
    if (out.length >= n) break;
  }
  rl.close();
  return out;
}

const fmt = (x: number, d = 1) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export async function run(args: string[]): Promise<void> {
  const nArg = args.indexOf('--n');
  const n = nArg >= 0 ? Number(args[nArg + 1]) : 10_000;
  const ant = sharedFile('ant/articles.jsonl.gz', 'bench ingest');
  const snn = sharedFile('saudinewsnet/articles.jsonl.gz', 'bench ingest');
  if (!ant || !snn) return;
  const a = await head(ant, Math.ceil(n / 2));
  const b = await head(snn, Math.floor(n / 2));
  const rows: Row[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) rows.push(a[i]);
    if (b[i]) rows.push(b[i]);
  }
  const texts = rows.map((r) => r.text);
  const textMB = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6;

  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-ingest-'));
  try {
    const jsonl = join(dir, 'stream.jsonl');
    writeFileSync(jsonl, rows.map((r) => JSON.stringify({ id: r.id, source: r.source, url: r.url, published_at: r.published, title: r.title, text: r.text })).join('\n') + '\n');
    const txtRoot = join(dir, 'txt');
    const made = new Set<string>();
    rows.forEach((r, i) => {
      const d = join(txtRoot, (r.source ?? 'unknown').replace(/[^\w-]/g, '_'));
      if (!made.has(d)) mkdirSync(d, { recursive: true }), made.add(d);
      writeFileSync(join(d, `${String(i).padStart(5, '0')}.txt`), r.text);
    });

    const results: { pass: string; seconds: number; added: number }[] = [];
    const timeIt = async (pass: string, fn: () => Promise<number>) => {
      const t0 = performance.now();
      const added = await fn();
      results.push({ pass, seconds: (performance.now() - t0) / 1000, added });
    };

    // baseline: normalise + tokenise alone, in memory
    await timeIt('normalize() + tokenize() alone (in memory)', async () => {
      let k = 0;
      for (const t of texts) {
        k += normalize(t).length > 0 ? 1 : 0;
        tokenize(t);
      }
      return k;
    });
    const freshDb = (name: string) => new SqliteStore(join(dir, `${name}.db`));
    let jsonlStore: SqliteStore | null = null;
    await timeIt('ingest JSON Lines → SQLite (decode, id, store)', async () => {
      jsonlStore = freshDb('jsonl');
      return (await ingest(jsonlStore, [jsonl])).added;
    });
    await timeIt('re-ingest the same JSON Lines (all already present)', async () => (await ingest(jsonlStore!, [jsonl])).alreadyPresent);
    await timeIt('ingest + tokenize() every stored article', async () => {
      const s = freshDb('jsonl2');
      const r = await ingest(s, [jsonl]);
      for await (const art of s.iterateArticles()) tokenize(art.raw);
      await s.close();
      return r.added;
    });
    await timeIt(`ingest ${rows.length} .txt files → SQLite (folder per source)`, async () => {
      const s = freshDb('txt');
      const r = await ingest(s, [txtRoot]);
      await s.close();
      return r.added;
    });
    await (jsonlStore as SqliteStore | null)?.close();

    const base = results[0].seconds;
    const table = [
      '| pass | articles | articles/s | MB/s (text) | seconds | time vs normalise+tokenise |',
      '|---|---|---|---|---|---|',
      ...results.map((r) => `| ${r.pass} | ${r.added.toLocaleString('en-US')} | ${fmt(rows.length / r.seconds, 0)} | ${fmt(textMB / r.seconds)} | ${fmt(r.seconds, 2)} | ${fmt(r.seconds / base, 2)}× |`),
    ].join('\n');
    const md = `## Ingest

Command: \`npm run bench -- ingest\` (\`--n N\` for another size). Node ${process.version}, one process.

Corpus: the first ${a.length.toLocaleString('en-US')} articles of \`ant/articles.jsonl.gz\` and the first ${b.length.toLocaleString('en-US')} of \`saudinewsnet/articles.jsonl.gz\`, interleaved (${rows.length.toLocaleString('en-US')} articles, ${fmt(textMB)} MB of UTF-8 text), written to a temp folder as one JSON Lines file and as ${rows.length.toLocaleString('en-US')} .txt files (one folder per source), deleted afterwards. Each ingest goes into a fresh SQLite file (WAL, batches of 200 per transaction); "articles" is what the pass added (or found present: the streams hold ${rows.length - (results[1]?.added ?? 0)} exact repeats of source + text, stored once). MB/s counts article text only. Ingest = read, decode, zod-validate, normalise for the id, sha256, insert.

${table}
`;
    console.log(md);
    writeSection('BENCH.md', 'ingest', md);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
