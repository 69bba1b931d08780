/**
 * `npm run eval -- quotes`: attribution (who said what).
 *   seeds   — acceptance check on /work/shared/seeds: the named speakers must get their quotes
 *   gold    — evals/data/quotes/gold.jsonl (our own sentences; dev/test split, tuned on dev only)
 *   corpus  — examples/corpus/truth.json quotes, with the truth's entity mentions as input, with the NER
 *             tagger's (the pipeline's path) and without; strict and with adjudicated truth omissions
 * A predicted quote matches a gold one when their contents overlap (≥ 60 % of the shorter's words,
 * at least 2); it is right when the speaker is right too (same entity id, or overlapping speaker words).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityMention, Quote, Span } from '../src/model.ts';
import { loadModel, tagEntities } from '../src/extract/entities/index.ts';
import { extractQuotes } from '../src/extract/quotes/index.ts';
import { loadTruth, nthIndexOf, truthArticleText } from '../src/corpus/truth.ts';
import { matchForm, wordTokens } from '../src/text/index.ts';
import { fmt, prf, projectRoot, sharedData, writeSection } from './report.ts';

const CMD = 'npm run eval -- quotes';
const md: string[] = [`## Attribution (quotes)\n\nCommand: \`${CMD}\`\n`];
const say = (s: string): void => {
  console.log(s);
  md.push(s);
};

const words = (s: string | null | undefined): Set<string> => new Set(wordTokens(s ?? '').map((t) => matchForm(t.text)).filter((w) => w.length >= 2));
function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}
/**
 * Content agreement: the share of the shorter content's words found in the other (matchForm, so
 * quote marks, hamza and proclitics do not matter). A pair counts at ≥ 0.6 with at least 2 shared
 * words (or all of a one-word content). Exact span equality would punish harmless boundary choices
 * (an opening "موكله" or the closing "،" of a clause); 0.6 of the shorter still separates two
 * different statements of the same speaker.
 */
function contentScore(a: string, b: string): number {
  const A = words(a);
  const B = words(b);
  const n = overlap(A, B);
  const m = Math.min(A.size, B.size);
  if (m === 0 || n < Math.min(2, m)) return 0;
  return n / m >= 0.6 ? n / m : 0;
}

interface GoldQuote {
  speaker: string | null;
  speaker_text?: string | null;
  content: string;
  direct: boolean;
  names?: string[];
  /** added by evals/data/quotes/adjudicated.jsonl: an attribution the truth file leaves out */
  adjudicated?: boolean;
}

interface Item {
  file?: string;
  pred: Quote[];
  gold: GoldQuote[];
}

/**
 * One-to-one matching of predictions to gold attributions. Candidate pairs are those whose
 * contents agree (contentScore > 0); they are taken greedily, pairs with the right speaker first,
 * then by content score, so a wrong-speaker prediction cannot take a gold item a right one also
 * matches. A matched pair with the right speaker is a true positive; with the wrong speaker it is
 * both a false positive and a false negative; unmatched predictions are false positives and
 * unmatched gold items false negatives.
 */
function score(items: Item[], byEntity: boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let contentTp = 0;
  let directOk = 0;
  const errors: string[] = [];
  for (const { file, pred, gold } of items) {
    const where = file ? `${file}: ` : '';
    const speakerOk = (p: Quote, g: GoldQuote): boolean => {
      const gw = new Set([...words(g.speaker_text), ...(g.names ?? []).flatMap((n) => [...words(n)])]);
      return byEntity && g.speaker ? p.speakerEntityId === g.speaker || (p.speakerEntityId === null && overlap(words(p.speakerText), gw) > 0) : overlap(words(p.speakerText), gw) > 0;
    };
    const pairs: { pi: number; gi: number; ok: boolean; sc: number }[] = [];
    pred.forEach((p, pi) => gold.forEach((g, gi) => {
      const sc = contentScore(p.content, g.content);
      if (sc > 0) pairs.push({ pi, gi, ok: speakerOk(p, g), sc });
    }));
    pairs.sort((a, b) => Number(b.ok) - Number(a.ok) || b.sc - a.sc || a.pi - b.pi);
    const pUsed = new Map<number, number>();
    const gUsed = new Set<number>();
    for (const c of pairs) {
      if (pUsed.has(c.pi) || gUsed.has(c.gi)) continue;
      pUsed.set(c.pi, c.gi);
      gUsed.add(c.gi);
      const p = pred[c.pi];
      const g = gold[c.gi];
      contentTp++;
      if (p.direct === g.direct) directOk++;
      if (c.ok) tp++;
      else {
        fp++;
        fn++;
        errors.push(`${where}speaker: ${p.speakerText} (${p.speakerEntityId}) ≠ ${g.speaker_text} (${g.speaker}) — ${g.content.slice(0, 50)}`);
      }
    }
    gold.forEach((g, gi) => {
      if (gUsed.has(gi)) return;
      fn++;
      errors.push(`${where}missed: ${g.speaker_text ?? g.speaker} — ${g.content.slice(0, 60)}`);
    });
    pred.forEach((p, i) => {
      if (pUsed.has(i)) return;
      fp++;
      errors.push(`${where}spurious: ${p.cue} | ${p.speakerText} — ${p.content.slice(0, 60)}`);
    });
  }
  const nGold = items.reduce((s, i) => s + i.gold.length, 0);
  const nPred = items.reduce((s, i) => s + i.pred.length, 0);
  return { ...prf(tp, fp, fn), content: prf(contentTp, nPred - contentTp, nGold - contentTp), directAcc: contentTp ? directOk / contentTp : 0, nGold, nPred, errors };
}

function seeds(): void {
  const dir = join(sharedData, '..', 'seeds');
  if (!existsSync(dir)) {
    say('### seeds\n\nskipped: /work/shared/seeds not present\n');
    return;
  }
  const all: Quote[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) all.push(...extractQuotes(readFileSync(join(dir, f), 'utf8')));
  // acceptance check from the issue: each of these speakers must be credited with quotes
  const expect: [string, RegExp][] = [
    ['Kim Jong Un', /كيم|زعيم كوريا الشمالية|رئيس كوريا الشمالية/],
    ['Putin', /بوتين|الرئيس الروسي/],
    ['Peskov', /بيسكوف/],
    ['KCNA', /المركزية الكورية|الكورية المركزية|الوكالة الكورية|المركزية الكورية الشمالية/],
    ['the Kremlin', /الكرملين/],
    ['Yoon Suk Yeol', /يون سوك يول/],
    ['US State Department', /وزارة الخارجية الأميركية/],
    ['TASS', /تاس/],
    ['RIA Novosti', /ريا نوفوستي/],
  ];
  say('### seeds\n\n| speaker | quotes attributed | example |\n|---|---|---|');
  let ok = 0;
  for (const [who, rx] of expect) {
    const qs = all.filter((q) => q.speakerText && rx.test(q.speakerText));
    if (qs.length) ok++;
    say(`| ${who} | ${qs.length} | ${qs[0] ? `${qs[0].cue}: ${qs[0].content.slice(0, 50).replace(/\|/g, '/')}…` : '—'} |`);
  }
  say(`\nspeakers found: ${ok}/${expect.length}; attributions in the seeds: ${all.length}\n`);
}

function gold(): void {
  const path = join(projectRoot, 'evals', 'data', 'quotes', 'gold.jsonl');
  const rows = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; split: string; text: string; quotes: GoldQuote[] });
  say('### gold (evals/data/quotes/gold.jsonl)\n\n| split | attributions | predicted | P | R | F1 | content F1 | direct/indirect right |\n|---|---|---|---|---|---|---|---|');
  for (const split of ['dev', 'test']) {
    const s = score(rows.filter((r) => r.split === split).map((r) => ({ pred: extractQuotes(r.text), gold: r.quotes })), false);
    say(`| ${split} | ${s.nGold} | ${s.nPred} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.f1)} | ${fmt(s.content.f1)} | ${fmt(s.directAcc)} |`);
    if (split === 'dev' || process.argv.includes('--errors')) for (const e of s.errors.slice(0, 40)) console.log(`  [${split}] ${e}`);
  }
  say('');
}

interface Adjudicated {
  file: string;
  speaker: string | null;
  speaker_text: string;
  content: string;
  direct: boolean;
  reason: string;
}

/** Attributions the truth file leaves out, reviewed one by one (evals/data/quotes/adjudicated.jsonl). */
function loadAdjudicated(): Adjudicated[] {
  const path = join(projectRoot, 'evals', 'data', 'quotes', 'adjudicated.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('//')).map((l) => JSON.parse(l) as Adjudicated);
}

/** Body lines as the cleaner should find them: every line of the text but the truth's non-body lines. */
function bodyLines(text: string, nonBody: Set<string>): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const t = line.replace(/^\s*\/>/, '').trim();
    if (t && !nonBody.has(t)) out.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  return out;
}

function corpus(): void {
  const truth = loadTruth(projectRoot);
  const names = new Map(truth.entities.map((e) => [e.id, [e.name, ...e.variants]]));
  const adjudicated = loadAdjudicated();
  const model = loadModel();
  const modes = { truth: [] as Item[], tagger: [] as Item[], none: [] as Item[] };
  const adjModes = { truth: [] as Item[], tagger: [] as Item[], none: [] as Item[] };
  for (const a of truth.articles) {
    const { text } = truthArticleText(projectRoot, a);
    const mentions: EntityMention[] = [];
    for (const e of a.entities) {
      const at = nthIndexOf(text, e.text, e.occurrence);
      if (at >= 0) mentions.push({ start: at, end: at + e.text.length, entityId: e.entity, type: e.type, text: e.text });
    }
    // the pipeline's path: mentions from the NER tagger, tagged line by line over the body, quotes kept in the body
    const body = bodyLines(text, new Set(a.lines.map((l) => l.text.trim())));
    const tagged: EntityMention[] = [];
    for (const l of body) for (const m of tagEntities(text.slice(l.start, l.end), model)) tagged.push({ ...m, start: m.start + l.start, end: m.end + l.start });
    const inBody = (q: Quote): boolean => body.some((l) => q.contentSpan.start >= l.start && q.contentSpan.start < l.end);
    const gold: GoldQuote[] = a.quotes.map((q) => ({ ...q, names: q.speaker ? names.get(q.speaker) : [] }));
    for (const x of adjudicated) if (x.file === a.file && !text.includes(x.content)) console.warn(`  adjudicated.jsonl: content not found verbatim in ${x.file}: ${x.content}`);
    const extra: GoldQuote[] = adjudicated.filter((x) => x.file === a.file).map((x) => ({ ...x, names: x.speaker ? names.get(x.speaker) : [], adjudicated: true }));
    const preds = { truth: extractQuotes(text, { mentions }), tagger: extractQuotes(text, { mentions: tagged }).filter(inBody), none: extractQuotes(text) };
    for (const k of ['truth', 'tagger', 'none'] as const) {
      modes[k].push({ file: a.file, pred: preds[k], gold });
      adjModes[k].push({ file: a.file, pred: preds[k], gold: [...gold, ...extra] });
    }
  }
  say('### bundled corpus (examples/corpus/truth.json)\n');
  say(`Strict: the truth file as it is. Adjudicated: plus ${adjudicated.length} attributions the truth file leaves out, listed with a reason each in \`evals/data/quotes/adjudicated.jsonl\` (reviewed by hand; the 37 found so far were folded into the truth file, so the two rows agree until new omissions are listed).\n`);
  say('| mentions given to the extractor | speakers judged by | gold | attributions | predicted | P | R | F1 | content F1 | direct/indirect right |\n|---|---|---|---|---|---|---|---|---|---|');
  const rows: [string, string, keyof typeof modes, boolean][] = [
    ['truth mentions', 'entity id', 'truth', true],
    ['NER tagger (pipeline path, body lines)', 'speaker words', 'tagger', false],
    ['none', 'speaker words', 'none', false],
  ];
  let shown: string[] = [];
  for (const [label, judge, k, byEntity] of rows) {
    for (const [g, items] of [['strict', modes[k]], ['adjudicated', adjModes[k]]] as const) {
      const s = score(items, byEntity);
      say(`| ${label} | ${judge} | ${g} | ${s.nGold} | ${s.nPred} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.f1)} | ${fmt(s.content.f1)} | ${fmt(s.directAcc)} |`);
      if (k === 'truth' && g === 'adjudicated') shown = s.errors;
    }
  }
  say('');
  for (const e of shown.slice(0, process.argv.includes('--errors') ? 500 : 50)) console.log(`  [corpus] ${e}`);
}

export async function run(_args: string[]): Promise<void> {
  seeds();
  gold();
  corpus();
  writeSection('EVAL.md', 'quotes', md.join('\n'));
}
