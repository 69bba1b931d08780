/**
 * `npm run eval -- clean [--errors] [--no-model]`: line-level evaluation of the cleaner.
 *  1. our written gold set (evals/data/clean: dev and test halves, split by site template),
 *  2. the public line-labelled dev file (/work/shared/data/clean), without and with a
 *     boilerplate model built from the public streams (ANT + SaudiNewsNet, ≤ 5,000 articles per source),
 *  3. the bundled corpus truth (examples/corpus/truth.json) when present.
 * Reports body P/R/F1, non-body P/R/F1, per-class P/R/F1 and glued-prefix accuracy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { projectRoot, sharedFile, prf, fmt, writeSection } from './report.ts';
import { classifyText, cleanArticle } from '../src/clean/index.ts';
import { loadGold, emptyScore, scoreLines, modelFromStreams, type GoldArticle, type Score } from '../src/clean/goldset.ts';
import type { BoilerplateModel } from '../src/clean/boilerplate.ts';
import { normalize } from '../src/text/index.ts';
import iconv from 'iconv-lite';

const TASK = 'clean';

function runSet(items: GoldArticle[], model?: BoilerplateModel): Score {
  const score = emptyScore();
  for (const g of items) {
    if (g.rawKind === 'html') {
      scoreHtml(score, g);
      continue;
    }
    const r = classifyText({ raw: g.text, rawKind: 'text', source: g.source, title: g.title }, model);
    scoreLines(score, g, r.classes, r.prefix, g.text.split('\n'));
  }
  return score;
}

const key = (s: string): string => normalize(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** HTML gold: body paragraphs found (recall) and output paragraphs that are gold body (precision). */
function scoreHtml(score: Score, g: GoldArticle): void {
  const r = cleanArticle({ raw: g.text, rawKind: 'html', source: g.source, title: g.title });
  const gold = new Set((g.bodyParagraphs ?? []).map(key));
  const got = new Set(r.paragraphs.map((p) => key(p.text)));
  for (const p of got) {
    if (gold.has(p)) {
      score.body.tp++;
    } else {
      score.body.fp++;
      score.nonBody.fn++;
      score.errors.push({ id: g.id, n: -1, gold: 'non-body', pred: 'body', text: p.slice(0, 90) });
    }
  }
  for (const p of gold) {
    if (!got.has(p)) {
      score.body.fn++;
      score.nonBody.fp++;
      score.errors.push({ id: g.id, n: -1, gold: 'body', pred: 'lost', text: p.slice(0, 90) });
    }
  }
  // non-body lines of the extracted text that were removed count as non-body hits
  score.nonBody.tp += r.removed.filter((x) => x.class !== 'markup' && !gold.has(key(x.text))).length;
  score.lines += gold.size;
  score.prefix.articles++;
  score.prefix.correct++; // HTML gold has no glued-prefix labels
}

interface Row {
  name: string;
  s: Score;
}

function table(rows: Row[]): string {
  const head = '| set | lines | body P | body R | body F1 | non-body P | non-body R | non-body F1 | prefix acc |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|';
  const body = rows.map(({ name, s }) => {
    const b = prf(s.body.tp, s.body.fp, s.body.fn);
    const nb = prf(s.nonBody.tp, s.nonBody.fp, s.nonBody.fn);
    const pa = s.prefix.articles ? s.prefix.correct / s.prefix.articles : 0;
    return `| ${name} | ${s.lines} | ${fmt(b.precision)} | ${fmt(b.recall)} | ${fmt(b.f1)} | ${fmt(nb.precision)} | ${fmt(nb.recall)} | ${fmt(nb.f1)} | ${fmt(pa)} (${s.prefix.correct}/${s.prefix.articles}) |`;
  });
  return [head, ...body].join('\n');
}

function classTable(name: string, s: Score): string {
  const rows = [...s.perClass.entries()]
    .filter(([k]) => k !== 'body')
    .sort((a, b) => b[1].tp + b[1].fn - (a[1].tp + a[1].fn))
    .map(([k, c]) => {
      const p = prf(c.tp, c.fp, c.fn);
      return `| ${k} | ${c.tp + c.fn} | ${fmt(p.precision)} | ${fmt(p.recall)} | ${fmt(p.f1)} |`;
    });
  return `Per class — ${name}\n\n| class | gold lines | P | R | F1 |\n|---|---:|---:|---:|---:|\n${rows.join('\n')}`;
}

function merge(a: Score, b: Score): Score {
  const s = emptyScore();
  for (const x of [a, b]) {
    for (const k of ['body', 'nonBody'] as const) {
      s[k].tp += x[k].tp;
      s[k].fp += x[k].fp;
      s[k].fn += x[k].fn;
    }
    for (const [k, c] of x.perClass) {
      const t = s.perClass.get(k) ?? { tp: 0, fp: 0, fn: 0 };
      t.tp += c.tp;
      t.fp += c.fp;
      t.fn += c.fn;
      s.perClass.set(k, t);
    }
    s.prefix.articles += x.prefix.articles;
    s.prefix.correct += x.prefix.correct;
    s.lines += x.lines;
    s.errors.push(...x.errors);
  }
  return s;
}

/** examples/corpus/truth.json: articles with the non-body lines as {text, class}. */
function loadTruth(): GoldArticle[] | null {
  const p = join(projectRoot, 'examples', 'corpus', 'truth.json');
  if (!existsSync(p)) {
    console.log(`[${TASK}] skipped corpus truth: ${p} not present`);
    return null;
  }
  const j = JSON.parse(readFileSync(p, 'utf8')) as unknown;
  const arts: Record<string, unknown>[] = Array.isArray(j)
    ? (j as Record<string, unknown>[])
    : Array.isArray((j as { articles?: unknown }).articles)
      ? ((j as { articles: Record<string, unknown>[] }).articles)
      : Object.entries(((j as { articles?: Record<string, Record<string, unknown>> }).articles ?? {}) as Record<string, Record<string, unknown>>).map(([id, v]) => ({ id, ...v }));
  const out: GoldArticle[] = [];
  for (const a of arts) {
    const rel = (a.file ?? a.path ?? a.origin) as string | undefined;
    if (!rel || !Array.isArray(a.lines)) continue;
    const fp = [join(dirname(p), rel), join(projectRoot, rel)].find((x) => existsSync(x));
    if (!fp) continue;
    const enc = typeof a.encoding === 'string' ? a.encoding : 'utf-8';
    const raw = iconv.decode(readFileSync(fp), iconv.encodingExists(enc) ? enc : 'utf-8').replace(/^\uFEFF/, '');
    const html = /\.html?$/i.test(fp);
    const nonBody = new Map((a.lines as { text: string; class: string }[]).map((l) => [key(l.text), l.class]));
    const textLines = html ? [] : raw.split('\n');
    out.push({
      id: String(a.id ?? rel),
      source: (a.source as string) ?? null,
      title: (a.title as string) ?? null,
      text: raw,
      rawKind: html ? 'html' : 'text',
      split: 'test',
      lines: textLines.map((t) => (!t.trim() ? 'empty' : ((nonBody.get(key(t)) ?? 'body') as never))),
      inlinePrefix: (a.inline_prefix as GoldArticle['inlinePrefix']) ?? null,
      bodyParagraphs: html ? ((a.body_paragraphs as string[]) ?? []) : undefined,
    });
  }
  if (!out.length) console.log(`[${TASK}] corpus truth present but no article could be matched to a file`);
  return out;
}

export async function run(args: string[]): Promise<void> {
  const showErrors = args.includes('--errors');
  const noModel = args.includes('--no-model');
  const rows: Row[] = [];
  const details: string[] = [];
  const goldDir = join(projectRoot, 'evals', 'data', 'clean');
  if (existsSync(join(goldDir, 'articles.jsonl'))) {
    const gold = loadGold(join(goldDir, 'articles.jsonl'), join(goldDir, 'labels.jsonl'), 'dev');
    const dev = runSet(gold.filter((g) => g.split === 'dev'));
    const test = runSet(gold.filter((g) => g.split === 'test'));
    rows.push({ name: `our gold, dev half (${gold.filter((g) => g.split === 'dev').length} art.)`, s: dev });
    rows.push({ name: `our gold, test half (${gold.filter((g) => g.split === 'test').length} art.)`, s: test });
    details.push(classTable('our gold (dev + test)', merge(dev, test)));
  } else console.log(`[${TASK}] skipped our gold set: ${goldDir}/articles.jsonl not present`);

  const arts = sharedFile('clean/dev-articles.jsonl', TASK);
  const labs = sharedFile('clean/dev-labels.jsonl', TASK);
  if (arts && labs) {
    const shared = loadGold(arts, labs, 'dev');
    const plain = runSet(shared);
    rows.push({ name: 'shared clean/dev (no model)', s: plain });
    let best = plain;
    if (!noModel) {
      const streams = [sharedFile('ant/articles.jsonl.gz', TASK), sharedFile('saudinewsnet/articles.jsonl.gz', TASK)].filter((x): x is string => !!x);
      if (streams.length) {
        const t0 = Date.now();
        const model = await modelFromStreams(streams, new Set(shared.map((g) => g.source ?? '')));
        console.log(`[${TASK}] boilerplate model from the streams: ${model.sources().length} sources in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        best = runSet(shared, model);
        rows.push({ name: 'shared clean/dev (+ stream model)', s: best });
      }
    }
    details.push(classTable('shared clean/dev' + (best === plain ? '' : ' (+ stream model)'), best));
    if (showErrors) for (const e of best.errors) console.log(`  ${e.id} #${e.n} gold=${e.gold} pred=${e.pred} | ${e.text}`);
  }
  const truth = loadTruth();
  if (truth && truth.length) {
    const s = runSet(truth);
    rows.push({ name: `examples/corpus truth (${truth.length} art.)`, s });
    details.push(classTable('examples/corpus truth', s));
  }
  if (showErrors && rows[0]) for (const e of rows.flatMap((r) => (r.name.startsWith('shared') ? [] : r.s.errors))) console.log(`  ${e.id} #${e.n} gold=${e.gold} pred=${e.pred} | ${e.text}`);
  const md = [
    'Command: `npm run eval -- clean` (line-level; empty lines not counted; body = positive class for "body", non-body for "non-body").',
    '',
    table(rows),
    '',
    ...details.flatMap((d) => [d, '']),
  ].join('\n');
  console.log(md);
  writeSection('EVAL.md', TASK, md);
}
