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

interface Timing {
  /** CPU ms (user + system) of this process: the per-core figure on a shared, loaded machine */
  cpu: number;
  wall: number;
}

function time(fn: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

/** Median of `reps` runs by CPU time (the machine is shared and noisy). */
function median(reps: number, fn: () => void): Timing {
  const runs = Array.from({ length: reps }, () => time(fn)).sort((a, b) => a.cpu - b.cpu);
  return runs[Math.floor(runs.length / 2)]!;
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
  const clean = (model?: BoilerplateModel) => (): void => {
    for (const a of arts) cleanArticle({ raw: a.text, rawKind: 'text', source: a.source, title: a.title }, model);
  };
  // warm-up (JIT)
  for (const a of arts.slice(0, 1000)) cleanArticle({ raw: a.text, rawKind: 'text', source: a.source, title: a.title });
  const base = median(3, () => {
    for (const a of arts) splitLines(a.text);
  });
  const model = new BoilerplateModel();
  const build = time(() => {
    for (const a of arts) model.add(a.source, a.text);
  });
  clean(model)();
  const plain = median(3, clean());
  const withModel = median(3, clean(model));
  // HTML: a news-page template with scripts, styles and navigation around the real text
  const js = '<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>'.repeat(8);
  const css = `<style>${'.nav a{color:#333;padding:4px} .ad{display:none}'.repeat(20)}</style>`;
  const htmlArts = arts.slice(0, 500).map(
    (a) =>
      `<html lang="ar" dir="rtl"><head><title>${a.title ?? ''}</title><meta property="og:title" content="${(a.title ?? '').replace(/"/g, '')}">${css}${js}</head><body><nav><a href="/">الرئيسية</a><a href="/x">أخبار</a></nav><article><h1>${a.title ?? ''}</h1>${a.text
        .split('\n')
        .map((l) => `<p>${l.replace(/</g, '&lt;')}</p>`)
        .join('')}</article><aside><ul><li><a href="/1">رابط</a></li></ul></aside>${js}<footer>حقوق</footer></body></html>`,
  );
  for (const h of htmlArts.slice(0, 50)) cleanArticle({ raw: h, rawKind: 'html', source: null });
  const html = median(3, () => {
    for (const h of htmlArts) cleanArticle({ raw: h, rawKind: 'html', source: null });
  });
  const snapshot = JSON.stringify(model.toJSON()).length;
  const size = model.size();
  const rows = [
    ['baseline: split + normalise lines', arts.length, base],
    ['cleanArticle, plain text, no model', arts.length, plain],
    ['cleanArticle, plain text, with boilerplate model (what the pipeline runs)', arts.length, withModel],
    ['BoilerplateModel.add (one pass)', arts.length, build],
    ['cleanArticle, HTML (scripts stripped, linkedom + readability), 500 pages', htmlArts.length, html],
  ] as const;
  const md = [
    `Command: \`npm run bench -- clean ${N}\` — ${arts.length} real articles (first ${N / paths.length} of each of ANT and SaudiNewsNet), ${(chars / 1e6).toFixed(1)} M chars, single-threaded, Node ${process.version}; median of 3 runs.`,
    'articles/s per core = articles / CPU seconds of this process (user + system), robust to other load on the shared 2-core machine; the wall-clock rate is shown too.',
    '',
    '| run | articles/s per core (CPU) | articles/s (wall) | CPU time vs baseline |',
    '|---|---:|---:|---:|',
    ...rows.map(([n, k, t]) => `| ${n} | ${Math.round(rate(k, t.cpu))} | ${Math.round(rate(k, t.wall))} | ${k === arts.length ? (t.cpu / base.cpu).toFixed(1) + '×' : '–'} |`),
    '',
    `Boilerplate model after these articles: ${(snapshot / 1e6).toFixed(2)} MB JSON snapshot (${size.sources} sources; ${size.kept} lines seen ≥ 2 times, ${size.once} seen-once lines in the current/previous generation, ${size.seen} recent article hashes). Bounded: ≤ ${model.limits.maxLines} recurring lines, two generations of ${model.limits.generation} articles of seen-once lines and ${model.limits.maxSeen} article hashes per source, so it stops growing with the store.`,
    'A larger corpus: concatenate both streams and repeat them with a changed `source` per copy (each copy is a new outlet, so the model grows linearly with outlets, not with articles).',
  ].join('\n');
  console.log(md);
  writeSection('BENCH.md', TASK, md);
}
