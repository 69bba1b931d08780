/**
 * `npm run eval -- entities`: entity resolution.
 *  1. Seeds (/work/shared/seeds, read at run time): the acceptance checks of issue 7 — variant
 *     pairs merged, distinct pairs apart, speakers found. These expectations live only here,
 *     never in the rules or gazetteers.
 *  2. Bundled corpus (examples/corpus/truth.json, or its truth/*.json fragments): mention P/R/F1
 *     (exact span and type) and B-cubed F1 of entity clusters over matched mentions.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EntityMention } from '../src/model.ts';
import { loadModel, resolveEntities, tagEntities, type ResolveResult } from '../src/extract/entities/index.ts';
import { nameWords } from '../src/extract/entities/names.ts';
import { fmt, prf, projectRoot, sharedData, writeSection } from './report.ts';

// ---------------------------------------------------------------- seeds: the issue's acceptance check
const SAME: [string, string][] = [
  ['فوستوتشني', 'فوستوشني'],
  ['ديمتري بيسكوف', 'دميتري بيسكوف'],
  ['فلاديفوستوك', 'فلاديفستوك'],
  ['فلاديمير بوتين', 'بوتين'],
  ['وكالة الأنباء الكورية المركزية', 'وكالة الأنباء المركزية الكورية'],
  ['وكالة الأنباء المركزية الكورية', 'الوكالة المركزية الكورية الشمالية للأنباء'],
];
const APART: [string, string][] = [
  ['كوريا الشمالية', 'كوريا الجنوبية'],
  ['وزارة الخارجية الأميركية', 'وزارة الخارجية الكورية الجنوبية'],
  ['KCNA', 'KCNA Watch'],
];
/** speakers: any of the listed names found as (a variant of) one entity */
const SPEAKERS: [string, string[]][] = [
  ['KCNA', ['وكالة الأنباء المركزية الكورية', 'وكالة الأنباء الكورية المركزية', 'KCNA']],
  ['Kremlin', ['الكرملين']],
  ['Peskov', ['بيسكوف']],
  ['Putin', ['بوتين']],
  ['Kim', ['كيم جونغ أون', 'كيم']],
  ['Reuters', ['رويترز']],
  ['AP', ['أسوشيتد برس']],
  ['TASS', ['تاس']],
  ['RIA Novosti', ['ريا نوفوستي']],
  ['Yoon Suk Yeol', ['يون سوك يول', 'سوك يول']],
  ['US State Department', ['وزارة الخارجية الأميركية']],
];

function entityOf(r: ResolveResult, name: string): string | null {
  const key = nameWords(name).join(' ');
  for (const e of r.entities) if (e.variants.some((v) => nameWords(v).join(' ') === key)) return e.id;
  // a variant that contains the name as a whole word sequence (e.g. "وكالة تاس للأنباء" for تاس)
  for (const e of r.entities) if (e.variants.some((v) => ` ${nameWords(v).join(' ')} `.includes(` ${key} `))) return e.id;
  return null;
}

function seedChecks(): string[] {
  const dir = resolve(sharedData, '..', 'seeds');
  if (!existsSync(dir)) {
    console.log(`[entities] seeds skipped: ${dir} not present`);
    return ['Seeds: skipped (not present).'];
  }
  const model = loadModel();
  const texts = new Map<string, string>();
  const by = new Map<string, EntityMention[]>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const t = readFileSync(join(dir, f), 'utf8');
    texts.set(f, t);
    by.set(f, tagEntities(t, model));
  }
  const r = resolveEntities(by, { texts });
  const lines = ['### Seeds (issue 7 acceptance checks, 5 articles of one story)', '', '| check | pair / speaker | result |', '|---|---|---|'];
  let pass = 0, total = 0;
  const row = (kind: string, what: string, ok: boolean, note = ''): void => {
    total++;
    if (ok) pass++;
    lines.push(`| ${kind} | ${what} | ${ok ? 'pass' : 'FAIL'}${note ? ` (${note})` : ''} |`);
  };
  for (const [a, b] of SAME) {
    const ea = entityOf(r, a), eb = entityOf(r, b);
    row('merged', `${a} / ${b}`, ea !== null && ea === eb, ea === null ? `${a} not found` : eb === null ? `${b} not found` : '');
  }
  for (const [a, b] of APART) {
    const ea = entityOf(r, a), eb = entityOf(r, b);
    row('apart', `${a} / ${b}`, ea === null || eb === null || ea !== eb, ea === null || eb === null ? 'one side not tagged' : '');
  }
  for (const [label, names] of SPEAKERS) row('found', label, names.some((n) => entityOf(r, n) !== null));
  lines.splice(1, 0, '', `${pass}/${total} checks pass; ${r.entities.length} entities, ${r.merges.length} merges explained.`);
  return lines;
}

// ---------------------------------------------------------------- bundled corpus
interface TruthMention { text: string; entity: string; type: string; occurrence: number; nominal?: boolean }
interface TruthArticle { file: string; story: string; entities?: TruthMention[] }

function loadTruth(corpus: string): { articles: TruthArticle[] } | null {
  const p = join(corpus, 'truth.json');
  if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8'));
  const dir = join(corpus, 'truth');
  if (!existsSync(dir)) return null;
  const articles: TruthArticle[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) articles.push(...JSON.parse(readFileSync(join(dir, f), 'utf8')).articles);
  return { articles };
}

/** Article text the truth offsets refer to: .txt files and JSON Lines records (HTML needs the cleaner: skipped). */
function articleText(corpus: string, file: string): string | null {
  const [path, id] = file.split('#');
  const p = join(corpus, path);
  if (!existsSync(p)) return null;
  if (path.endsWith('.txt')) return readFileSync(p, 'utf8');
  if (path.endsWith('.jsonl') && id) {
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line) as { id?: string; text?: string; title?: string };
      if (rec.id === id) return rec.text ?? null;
    }
  }
  return null;
}

function nthIndex(text: string, needle: string, n: number): number {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

function corpusScores(): string[] {
  const corpus = join(projectRoot, 'examples', 'corpus');
  const truth = loadTruth(corpus);
  if (!truth) {
    console.log('[entities] corpus skipped: examples/corpus/truth.json not present');
    return ['Corpus: skipped (examples/corpus/truth.json not present).'];
  }
  const model = loadModel();
  const byStory = new Map<string, TruthArticle[]>();
  for (const a of truth.articles) byStory.set(a.story, [...(byStory.get(a.story) ?? []), a]);
  let tp = 0, fp = 0, fn = 0, tpNamed = 0, fnNamed = 0, skipped = 0, used = 0;
  const pairs: { gold: string; pred: string }[] = [];
  for (const arts of byStory.values()) {
    const texts = new Map<string, string>();
    const by = new Map<string, EntityMention[]>();
    const golds = new Map<string, { start: number; end: number; type: string; entity: string; nominal: boolean }[]>();
    for (const a of arts) {
      const text = articleText(corpus, a.file);
      if (text === null) {
        skipped++;
        continue;
      }
      used++;
      texts.set(a.file, text);
      by.set(a.file, tagEntities(text, model));
      golds.set(
        a.file,
        (a.entities ?? [])
          .map((g) => {
            const s = nthIndex(text, g.text, g.occurrence || 1);
            return { start: s, end: s + g.text.length, type: g.type, entity: g.entity, nominal: !!g.nominal };
          })
          .filter((g) => g.start >= 0),
      );
    }
    const r = resolveEntities(by, { texts });
    for (const [file, gold] of golds) {
      const pred = r.mentions.get(file) ?? [];
      const pk = new Map(pred.map((m) => [`${m.start}:${m.end}`, m]));
      const matched = new Set<string>();
      for (const g of gold) {
        const m = pk.get(`${g.start}:${g.end}`);
        if (m && m.type === g.type) {
          tp++;
          if (!g.nominal) tpNamed++;
          matched.add(`${g.start}:${g.end}`);
          pairs.push({ gold: g.entity, pred: m.entityId ?? `none:${file}:${g.start}` });
        } else {
          fn++;
          if (!g.nominal) fnNamed++;
        }
      }
      fp += pred.filter((m) => !matched.has(`${m.start}:${m.end}`)).length;
    }
  }
  const b3 = bcubed(pairs);
  const m = prf(tp, fp, fn);
  const named = prf(tpNamed, 0, fnNamed);
  return [
    '### Bundled corpus (examples/corpus truth)',
    '',
    `${used} articles scored (${skipped} skipped: HTML pages need the cleaner's text, which this eval does not run).`,
    '',
    '| measure | P | R | F1 |',
    '|---|---|---|---|',
    `| mentions (exact span + type, incl. nominal/role mentions) | ${fmt(m.precision)} | ${fmt(m.recall)} | ${fmt(m.f1)} |`,
    `| recall of named (non-nominal) mentions | | ${fmt(named.recall)} | |`,
    `| entity clusters, B-cubed over ${pairs.length} matched mentions | ${fmt(b3.precision)} | ${fmt(b3.recall)} | **${fmt(b3.f1)}** |`,
  ];
}

function bcubed(pairs: { gold: string; pred: string }[]): { precision: number; recall: number; f1: number } {
  if (!pairs.length) return { precision: 0, recall: 0, f1: 0 };
  let p = 0, r = 0;
  for (const x of pairs) {
    const samePred = pairs.filter((y) => y.pred === x.pred);
    const sameGold = pairs.filter((y) => y.gold === x.gold);
    p += samePred.filter((y) => y.gold === x.gold).length / samePred.length;
    r += sameGold.filter((y) => y.pred === x.pred).length / sameGold.length;
  }
  p /= pairs.length;
  r /= pairs.length;
  return { precision: p, recall: r, f1: (2 * p * r) / (p + r || 1) };
}

export async function run(_args: string[]): Promise<void> {
  const md = ['## Entities (resolution)', '', 'Command: `npm run eval -- entities`', '', ...seedChecks(), '', ...corpusScores()].join('\n');
  console.log(md);
  writeSection('EVAL.md', 'entities', md);
}
