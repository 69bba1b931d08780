/**
 * `npm run bench -- ner [N]`: model load time and tagging speed (tokens/s, one core) over the
 * first N (default 2000) real articles of ant/articles.jsonl.gz. Baseline in the same process:
 * the tokenizer alone, so the ratio shows what tagging costs on top of tokenising.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { gunzipSync } from 'node:zlib';
import { tokenizeForTagging } from '../src/extract/entities/arabic.ts';
import { defaultModelPath, deserializeModel } from '../src/extract/entities/modelFile.ts';
import { tagEntities } from '../src/extract/entities/tagger.ts';
import { sharedFile, writeSection } from '../evals/report.ts';

export async function run(args: string[]): Promise<void> {
  const path = sharedFile('ant/articles.jsonl.gz', 'ner');
  if (!path) return;
  const n = Number(args[0] ?? 2000);
  const texts: string[] = [];
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    texts.push(String((JSON.parse(line) as { text?: string }).text ?? ''));
    if (texts.length >= n) break;
  }
  const t0 = performance.now();
  const model = deserializeModel(readFileSync(defaultModelPath()));
  const loadMs = performance.now() - t0;

  let tokens = 0;
  const c1 = process.cpuUsage();
  for (const t of texts) tokens += tokenizeForTagging(t).length;
  const tokMs = process.cpuUsage(c1).user / 1000;

  // warm-up: the text toolkit's lexicon loads on first use (counted as load time, not tagging)
  const tw = performance.now();
  tagEntities(texts[0] ?? '', model);
  const warmMs = performance.now() - tw;
  let mentions = 0;
  // CPU time of this process: the shared 2-core machine makes wall time swing with others' load
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  for (const t of texts) mentions += tagEntities(t, model).length;
  const tagWall = performance.now() - t2;
  const tagMs = process.cpuUsage(c2).user / 1000;
  const tps = tokens / (tagMs / 1000);
  const md = [
    '## NER tagging speed',
    '',
    `Command: \`npm run bench -- ner ${n}\` (first ${texts.length} articles of ant/articles.jsonl.gz, one core, 2-core shared machine)`,
    '',
    '| measure | value |',
    '|---|---|',
    `| model load (gunzip + parse, ${(readFileSync(defaultModelPath()).length / 1e6).toFixed(1)} MB file) | ${loadMs.toFixed(0)} ms |`,
    `| tokens tagged | ${tokens} (${mentions} mentions) |`,
    `| first call (text lexicon load + first article) | ${warmMs.toFixed(0)} ms |`,
    `| tagging speed, CPU time (tokenise + features + Viterbi + consistency + patterns) | **${Math.round(tps).toLocaleString('en')} tokens/s** (target ≥ 50,000) |`,
    `| same, wall clock (machine shared, load ${(os.loadavg()[0]).toFixed(1)}) | ${Math.round(tokens / (tagWall / 1000)).toLocaleString('en')} tokens/s |`,
    `| baseline: tokenizer alone | ${Math.round(tokens / (tokMs / 1000)).toLocaleString('en')} tokens/s (tagging costs ${(tagMs / tokMs).toFixed(1)}× tokenising) |`,
  ].join('\n');
  console.log(md);
  writeSection('BENCH.md', 'ner', md);
}
