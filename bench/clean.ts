/**
 * `npm run bench -- clean [N]`: articles/s of the cleaner on N (default 10,000) real articles,
 * the first N/2 of each public stream (ANT, SaudiNewsNet). Plain text without and with a
 * boilerplate model built from the same articles; HTML on 500 of them wrapped in a news-page
 * template. Baseline in the same process: splitting lines and normalising them (the floor
 * any line classifier pays).
 */
import { sharedFile, writeSection } from '../evals/report.ts';
import { readJsonlGz } from '../src/clean/goldset.ts';
import { cleanArticle, BoilerplateModel } from '../src/clean/index.ts';
import { splitLines } from '../src/clean/lines.ts';

const TASK = 'clean';

function rate(n: number, ms: number): number {
  return (n / ms) * 1000;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function run(args: string[]): Promise<void> {
  const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 10000);
  const paths = [sharedFile('ant/articles.jsonl.gz', TASK), sharedFile('saudinewsnet/articles.jsonl.gz', TASK)].filter((x): x is string => !!x);
  if (!paths.length) return;
  const arts: { source: string | null; title: string | null; text: string }[] = [];
  for (const p of paths) {
    let k = 0;
    for await (const a of readJsonlGz<{ source?: string; title?: string; text?: string }>(p)) {
      if (!a.text) continue;
      arts.push({ source: a.source ?? null, title: a.title ?? null, text: a.text });
      if (++k >= N / paths.length) break;
    }
  }
  const chars = arts.reduce((n, a) => n + a.text.length, 0);
  // warm-up
  for (const a of arts.slice(0, 300)) cleanArticle({ raw: a.text, rawKind: 'text', source: a.source, title: a.title });
  const base = time(() => {
    for (const a of arts) splitLines(a.text);
  });
  const plain = time(() => {
    for (const a of arts) cleanArticle({ raw: a.text, rawKind: 'text', source: a.source, title: a.title });
  });
  const model = new BoilerplateModel();
  const build = time(() => {
    for (const a of arts) model.add(a.source, a.text);
  });
  const withModel = time(() => {
    for (const a of arts) cleanArticle({ raw: a.text, rawKind: 'text', source: a.source, title: a.title }, model);
  });
  const htmlArts = arts.slice(0, 500).map(
    (a) =>
      `<html lang="ar" dir="rtl"><head><title>${a.title ?? ''}</title><meta property="og:title" content="${(a.title ?? '').replace(/"/g, '')}"></head><body><nav><a href="/">الرئيسية</a><a href="/x">أخبار</a></nav><article><h1>${a.title ?? ''}</h1>${a.text
        .split('\n')
        .map((l) => `<p>${l.replace(/</g, '&lt;')}</p>`)
        .join('')}</article><aside><ul><li><a href="/1">رابط</a></li></ul></aside><footer>حقوق</footer></body></html>`,
  );
  const html = time(() => {
    for (const h of htmlArts) cleanArticle({ raw: h, rawKind: 'html', source: null });
  });
  const snapshot = JSON.stringify(model.toJSON()).length;
  const rows = [
    ['baseline: split + normalise lines', rate(arts.length, base), 1],
    ['cleanArticle, plain text, no model', rate(arts.length, plain), base / plain],
    ['cleanArticle, plain text, with boilerplate model', rate(arts.length, withModel), base / withModel],
    ['BoilerplateModel.add', rate(arts.length, build), base / build],
    ['cleanArticle, HTML (readability + linkedom), 500 pages', rate(htmlArts.length, html), NaN],
  ] as const;
  const md = [
    `Command: \`npm run bench -- clean ${N}\` — ${arts.length} real articles (first ${N / paths.length} of each of ANT and SaudiNewsNet), ${(chars / 1e6).toFixed(1)} M chars, one core (single-threaded), Node ${process.version}.`,
    '',
    '| run | articles/s | speed vs baseline |',
    '|---|---:|---:|',
    ...rows.map(([n, r, x]) => `| ${n} | ${Math.round(r)} | ${Number.isNaN(x) ? '–' : x.toFixed(2)} |`),
    '',
    `Boilerplate model snapshot for these articles: ${(snapshot / 1e6).toFixed(1)} MB JSON (${model.sources().length} sources).`,
    'A larger corpus: concatenate both streams and repeat them with a changed `source` per copy (each copy is a new outlet, so the model grows linearly).',
  ].join('\n');
  console.log(md);
  writeSection('BENCH.md', TASK, md);
}
