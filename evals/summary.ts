/**
 * `npm run eval -- summary`: ROUGE-1/2/L (F1, normalised and hamza-folded tokens) of Marsad's
 * summariser against the five human summaries of each EASC article
 * (/work/shared/data/summaries/easc-dev.jsonl), next to the LexRank baseline with the same word
 * budget. The file is split by a fixed rule (records in file order: even index = dev, odd = test);
 * the budget ratio and weights were picked on dev only, test is reported apart.
 */
import { readFileSync } from 'node:fs';
import { baselineSummary, rouge, summarize, type SummaryOptions } from '../src/summary/index.ts';
import type { StoryArticle } from '../src/compare/index.ts';
import { wordTokens } from '../src/text/index.ts';
import { fmt, sharedFile, writeSection } from './report.ts';

interface Easc { id: string; documents: { title: string; text: string }[]; summaries: string[] }

/** EASC texts are hard-wrapped: join wrapped lines, keep the rest */
function asArticle(r: Easc): StoryArticle {
  const text = r.documents.map((d) => d.text).join('\n').replace(/\r/g, '').replace(/\n(?=\S)/g, ' ').replace(/\n\s+/g, '\n');
  let at = 0;
  const paragraphs = text.split('\n').map((p) => {
    const start = text.indexOf(p, at);
    at = start + p.length;
    return { start, end: start + p.length, text: p };
  }).filter((p) => p.text.trim());
  return { id: r.id, source: null, publishedAt: null, title: null, text, paragraphs };
}

type Scores = { r1: number; r2: number; rl: number };
function evaluate(items: Easc[], ratio: number, f: (a: StoryArticle[], maxWords: number) => { text: string }[]): Scores {
  const acc = { r1: 0, r2: 0, rl: 0 };
  for (const r of items) {
    const a = asArticle(r);
    const maxWords = Math.max(25, Math.round(ratio * wordTokens(a.text).length));
    const s = rouge(f([a], maxWords).map((x) => x.text).join(' '), r.summaries);
    acc.r1 += s.rouge1.f; acc.r2 += s.rouge2.f; acc.rl += s.rougeL.f;
  }
  const n = Math.max(1, items.length);
  return { r1: acc.r1 / n, r2: acc.r2 / n, rl: acc.rl / n };
}

export async function run(args: string[]): Promise<void> {
  const path = sharedFile('summaries/easc-dev.jsonl', 'summary');
  if (!path) { writeSection('EVAL.md', 'summary', 'Summary eval skipped: summaries/easc-dev.jsonl not present.'); return; }
  const items = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Easc);
  const dev = items.filter((_, i) => i % 2 === 0), test = items.filter((_, i) => i % 2 === 1);
  const ours = (o: SummaryOptions) => (a: StoryArticle[], maxWords: number) => summarize(a, undefined, { ...o, maxWords });
  const base = (a: StoryArticle[], maxWords: number) => baselineSummary(a, { maxWords });
  // tune on dev: budget ratio (shared with the baseline) and the position / MMR weights
  let best = { ratio: 0.33, o: {} as SummaryOptions, r2: -1 };
  const grid = args.includes('--quick') ? [{ positionWeight: 0.35, lambda: 0.7 }] : [0, 0.2, 0.35, 0.6, 1].flatMap((positionWeight) => [0.6, 0.7, 0.85].map((lambda) => ({ positionWeight, lambda })));
  for (const ratio of [0.25, 0.33, 0.4, 0.5]) {
    const b = evaluate(dev, ratio, base);
    for (const o of grid) {
      const s = evaluate(dev, ratio, ours(o));
      // choose by the ratio to the baseline at the same budget (the acceptance target)
      const rel = s.r2 / Math.max(1e-9, b.r2);
      if (rel > best.r2) best = { ratio, o, r2: rel };
    }
  }
  const rows: string[] = ['| split | items | system | ROUGE-1 F | ROUGE-2 F | ROUGE-L F | ROUGE-2 / baseline |', '|---|---|---|---|---|---|---|'];
  for (const [name, set] of [['dev', dev], ['test', test]] as const) {
    const b = evaluate(set, best.ratio, base);
    const s = evaluate(set, best.ratio, ours(best.o));
    rows.push(`| ${name} | ${set.length} | LexRank baseline | ${fmt(b.r1)} | ${fmt(b.r2)} | ${fmt(b.rl)} | 1.00 |`);
    rows.push(`| ${name} | ${set.length} | Marsad (facts + centroid + lead + MMR) | ${fmt(s.r1)} | ${fmt(s.r2)} | ${fmt(s.rl)} | ${fmt(s.r2 / Math.max(1e-9, b.r2), 2)} |`);
  }
  const md = [
    'Command: `npm run eval -- summary`. Data: /work/shared/data/summaries/easc-dev.jsonl (EASC, 5 human extractive summaries per article; ROUGE F1 averaged over the five, tokens normalised with hamza/alef, ة and ى folded). Split: file order, even = dev, odd = test.',
    `Chosen on dev: word budget ${best.ratio} × article length (same for the baseline), position weight ${best.o.positionWeight ?? 1}, MMR λ ${best.o.lambda ?? 0.7}.`, '',
    ...rows,
  ].join('\n');
  console.log(md);
  writeSection('EVAL.md', 'summary', md);
}
