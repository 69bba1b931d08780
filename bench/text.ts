/**
 * `npm run bench -- text [--limit N]`: normalise + tokenise throughput of the text toolkit in
 * MB/s of UTF-8 Arabic on one core, over the `text` field of the real streams
 * (ant/ and saudinewsnet/articles.jsonl.gz), with a baseline `text.split(/\s+/)` pass over the
 * same strings in the same process. Texts are loaded first; timing covers only the passes.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { sharedFile, writeSection } from '../evals/report.ts';
import { normalize, tokenize, splitSentences } from '../src/text/index.ts';

const STREAMS = ['ant/articles.jsonl.gz', 'saudinewsnet/articles.jsonl.gz'];

async function load(limit: number): Promise<{ texts: string[]; bytes: number; files: string[] }> {
  const texts: string[] = [];
  const files: string[] = [];
  let bytes = 0;
  for (const rel of STREAMS) {
    const path = sharedFile(rel, 'bench text');
    if (!path) continue;
    files.push(rel);
    const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
    let taken = 0;
    for await (const line of rl) {
      if (!line) continue;
      const t = (JSON.parse(line) as { text?: string }).text;
      if (!t) continue;
      texts.push(t);
      bytes += Buffer.byteLength(t, 'utf8');
      if (++taken >= limit) break;
    }
    rl.close();
  }
  return { texts, bytes, files };
}

function time(fn: () => number): { ms: number; out: number } {
  const t0 = process.hrtime.bigint();
  const out = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, out };
}

export async function run(args: string[]): Promise<void> {
  const li = args.indexOf('--limit');
  const limit = li >= 0 ? Number(args[li + 1]) : Infinity;
  const { texts, bytes, files } = await load(limit);
  if (texts.length === 0) {
    console.log('[bench text] skipped: no stream data');
    return;
  }
  const mb = bytes / 1e6;
  const baseline = () => {
    let n = 0;
    for (const t of texts) n += t.split(/\s+/).length;
    return n;
  };
  const norm = () => {
    let n = 0;
    for (const t of texts) n += normalize(t).length;
    return n;
  };
  const tok = () => {
    let n = 0;
    for (const t of texts) n += tokenize(t).length;
    return n;
  };
  const both = () => {
    let n = 0;
    for (const t of texts) n += normalize(t).length + tokenize(t).length;
    return n;
  };
  const sent = () => {
    let n = 0;
    for (const t of texts) n += splitSentences(t).length;
    return n;
  };
  // warm-up on a slice, then two rounds, best of each (machine is shared and noisy)
  const warm = texts.slice(0, 2000);
  for (const t of warm) {
    t.split(/\s+/);
    normalize(t);
    tokenize(t);
    splitSentences(t);
  }
  const passes: [string, () => number][] = [
    ['baseline text.split(/\\s+/)', baseline],
    ['normalize()', norm],
    ['tokenize() (tokens with norm)', tok],
    ['normalize() + tokenize()', both],
    ['splitSentences()', sent],
  ];
  const best = new Map<string, { ms: number; out: number }>();
  for (let round = 0; round < 2; round++) {
    for (const [name, fn] of passes) {
      const r = time(fn);
      const prev = best.get(name);
      if (!prev || r.ms < prev.ms) best.set(name, r);
    }
  }
  const baseMs = best.get(passes[0][0])!.ms;
  const rows = passes.map(([name]) => {
    const r = best.get(name)!;
    return `| ${name} | ${(mb / (r.ms / 1000)).toFixed(1)} | ${(r.ms / 1000).toFixed(2)} | ${(r.ms / baseMs).toFixed(2)}× | ${r.out.toLocaleString('en')} |`;
  });
  const md = [
    `Normalise + tokenise throughput on one core, ${texts.length.toLocaleString('en')} article texts, ${mb.toFixed(1)} MB UTF-8 (\`text\` field of ${files.join(', ')}), best of 2 rounds, Node ${process.version}.`,
    '',
    '| pass | MB/s | seconds | time vs baseline | output count |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Command: `npm run bench -- text` (add `--limit N` for the first N texts of each stream). Target ≥ 30 MB/s for normalize() + tokenize().',
  ].join('\n');
  console.log(md);
  if (limit === Infinity) writeSection('BENCH.md', 'text', md);
  else console.log('(--limit given: docs/BENCH.md not rewritten)');
}
