/**
 * `npm run eval -- conflicts`: conflict detection.
 *  1. Bundled corpus (examples/corpus/truth.json): planted conflicts and near-misses per story.
 *     A predicted conflict MATCHES a truth conflict when at least two of its sides each contain a
 *     sentence that overlaps a different side of the truth conflict, in that side's article.
 *     Precision = matched predictions / predictions; recall = truth conflicts matched / truth
 *     conflicts. Predictions touching a near-miss (two sides on near-miss sentences) are counted.
 *     Stories are split: dev (politics, courts, economy) — thresholds were set looking at these —
 *     and test (health, disaster, sport, culture), reported apart.
 *  2. Seeds (/work/shared/seeds, read at run time, treated as one story): the acceptance check
 *     of issue 9 — the meeting-place conflict and the Putin-visit conflict are found, and no
 *     conflict is reported between statements that agree. These expectations live only here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTruth, truthArticleText, type TruthArticle } from '../src/corpus/truth.ts';
import { cleanArticle } from '../src/clean/index.ts';
import { findConflicts, alignFacts, type DetailedConflict, type StoryArticle } from '../src/compare/index.ts';
import { normalize } from '../src/text/index.ts';
import { fmt, prf, projectRoot, sharedData, writeSection } from './report.ts';

export const DEV_STORIES = ['s-politics', 's-courts', 's-economy'];

/**
 * The truth article as a StoryArticle: its body lines (what the cleaner should keep) joined as
 * paragraphs. Matching is by sentence text, so the eval does not depend on the cleaner.
 */
export function truthStoryArticle(a: TruthArticle): StoryArticle {
  const body = (a.body_paragraphs ?? a.lines.filter((l) => l.class === 'body').map((l) => l.text)).map((l) => l.replace(/^\/>/, '').trim()).filter(Boolean);
  const lines = body.length ? body : [truthArticleText(projectRoot, a).text];
  let text = '';
  const paragraphs: StoryArticle['paragraphs'] = [];
  for (const line of lines) {
    if (text) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + line.length, text: line });
    text += line;
  }
  return { id: a.file, source: a.source, publishedAt: a.published_at, title: a.title, text, paragraphs };
}

const norm = (s: string): string => normalize(s).replace(/\s+/g, ' ').trim();
/** sentence overlap: one contains a 40-char window of the other (or all of a short one) */
function overlaps(a: string, b: string): boolean {
  const x = norm(a), y = norm(b);
  if (x.includes(y) || y.includes(x)) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  for (let i = 0; i + 40 <= short.length; i += 20) if (long.includes(short.slice(i, i + 40))) return true;
  return false;
}

interface TruthSide { file: string; text: string }

/** the value a predicted side asserts, in matching form: digits for numbers, else the words */
function valueKey(type: DetailedConflict['type'], value: string): string | null {
  if (type === 'claim') return value === 'ينفي' ? 'deny' : 'assert';
  const v = norm(value);
  if (type === 'number') return (v.match(/\d+(?:\.\d+)?/g) ?? []).join(' ') || v;
  return v.length >= 3 ? v : null;
}
/** general denial / negation cues (eval-side, independent of the system's lists) */
const DENIES = /(^|\s)(و?نف(ى|ت|ي|ته|اه)|ين?في|تنفي|لم|لا|لن|ليس|ليست|غير|عار|سابق[اً]*\s+لاوانه|كذب)(\s|$)/;
const contentWords = (x: string): Set<string> => new Set(norm(x).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4));
/** does a truth sentence carry the value (each digit group / the name as a whole; a claim's polarity and topic)? */
function carries(truthText: string, predText: string, key: string, type: DetailedConflict['type']): boolean {
  const t = norm(truthText);
  if (type === 'number') return key.split(' ').every((d) => new RegExp(`(^|[^\\d.])${d.replace('.', '\\.')}([^\\d]|$)`).test(t));
  if (type === 'claim') {
    if ((key === 'deny') !== DENIES.test(t)) return false;
    const a = contentWords(truthText), b = contentWords(predText);
    return [...a].filter((w) => b.has(w)).length >= 3;
  }
  return t.includes(key);
}

/**
 * How many distinct truth sides the predicted sides cover (each predicted side used once). A
 * predicted side covers a truth side when it has a sentence in that side's article which either
 * overlaps the truth sentence, or (unless `strict`) asserts the value the truth sentence carries:
 * the same number / date / place / actor, or for a claim the same polarity (denies or asserts) on
 * the same topic (≥3 shared content words). An outlet states its value in its title, lead and
 * body alike; which of those sentences the truth file names is arbitrary.
 */
export function sidesMatched(pred: DetailedConflict, truth: TruthSide[], strict = false): number {
  const used = new Set<number>();
  let n = 0;
  for (const side of pred.sides) {
    const vk = strict ? null : valueKey(pred.type, side.value);
    const k = truth.findIndex((t, ti) => !used.has(ti) && side.sentences.some((s) => s.articleId === t.file && (overlaps(s.text, t.text) || (vk !== null && carries(t.text, s.text, vk, pred.type)))));
    if (k >= 0) { used.add(k); n++; }
  }
  return n;
}

interface StoryScore { story: string; truth: number; found: number; predicted: number; correct: number; nearMiss: number; lines: string[] }

function scoreStory(storyId: string, truthFile: ReturnType<typeof loadTruth>, strict = false): StoryScore {
  const story = truthFile.stories.find((s) => s.id === storyId)!;
  const articles = truthFile.articles.filter((a) => a.story === storyId).map(truthStoryArticle);
  const facts = alignFacts(articles);
  const pred = findConflicts(articles, facts);
  const lines: string[] = [];
  let correct = 0, nearMiss = 0;
  const found = new Set<number>();
  for (const p of pred) {
    const k = story.conflicts.findIndex((t) => sidesMatched(p, t.sides, strict) >= 2);
    const nm = story.near_misses.findIndex((t) => sidesMatched(p, t.sides, true) >= 2);
    if (k >= 0) { correct++; found.add(k); }
    else if (nm >= 0) nearMiss++;
    lines.push(`${k >= 0 ? 'TP' : nm >= 0 ? 'FP(near-miss)' : 'FP'} ${p.type} ${p.about} :: ${p.sides.map((s) => `${s.value}@${s.articleIds.join(',')}`).join(' | ')}`);
  }
  story.conflicts.forEach((t, k) => { if (!found.has(k)) lines.push(`FN ${t.type} ${t.about}`); });
  return { story: storyId, truth: story.conflicts.length, found: found.size, predicted: pred.length, correct, nearMiss, lines };
}

function seedStory(dir: string): StoryArticle[] {
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => {
    const raw = readFileSync(join(dir, f), 'utf8');
    const c = cleanArticle({ raw, rawKind: 'text', source: f.replace(/\.txt$/, '') });
    return { id: f, source: f.replace(/\.txt$/, ''), publishedAt: null, title: c.title, text: c.text, paragraphs: c.paragraphs };
  });
}

/** the issue's acceptance check on the seeds (null when the seeds are absent) */
export function seedAcceptance(): { lines: string[]; pass: boolean } | null {
  const dir = resolve(sharedData, '..', 'seeds');
  if (!existsSync(dir)) return null;
  const articles = seedStory(dir);
  const conflicts = findConflicts(articles, alignFacts(articles));
  const has = (c: DetailedConflict, re: RegExp): boolean => c.sides.some((s) => re.test(normalize(s.value)) || s.sentences.some((x) => re.test(normalize(x.text))));
  const place = conflicts.find((c) => c.type === 'place' && c.sides.some((s) => /موسكو/.test(normalize(s.value))) && c.sides.some((s) => /فوست/.test(normalize(s.value))));
  const visit = conflicts.find((c) => c.type === 'claim' && has(c, /لا توجد خطط/) && has(c, /قبل.{0,6}(الدعوة|دعوة)/));
  const spurious = conflicts.filter((c) => c !== place && c !== visit);
  const lines = [
    '### Seeds (issue 9 acceptance check, 5 articles as one story)', '',
    '| check | result |', '|---|---|',
    `| meeting place conflict (Moscow vs Vostochny) | ${place ? 'pass' : 'FAIL'} |`,
    `| Putin visit conflict (KCNA accepted vs Kremlin no plans) | ${visit ? 'pass' : 'FAIL'} |`,
    `| no other conflict reported (statements that agree) | ${spurious.length === 0 ? 'pass' : `FAIL (${spurious.length})`} |`,
    '',
  ];
  for (const c of conflicts) lines.push(`- ${c.type}: ${c.about} — ${c.sides.map((s) => `«${s.value}» (${s.articleIds.join(', ')})`).join(' ↔ ')}`);
  return { lines, pass: !!place && !!visit && spurious.length === 0 };
}

export async function run(args: string[]): Promise<void> {
  const verbose = args.includes('--verbose') || args.includes('-v');
  const truth = loadTruth(projectRoot);
  const scores = truth.stories.map((s) => scoreStory(s.id, truth));
  const strictScores = truth.stories.map((s) => scoreStory(s.id, truth, true));
  const header = ['| split | stories | truth conflicts | predicted | correct | near-miss FPs | precision | recall | F1 |', '|---|---|---|---|---|---|---|---|---|'];
  const table = [...header];
  const strictTable = [...header];
  const row = (into: string[], name: string, ss: StoryScore[]): void => {
    const t = ss.reduce((a, s) => a + s.truth, 0), p = ss.reduce((a, s) => a + s.predicted, 0), c = ss.reduce((a, s) => a + s.correct, 0), f = ss.reduce((a, s) => a + s.found, 0), nm = ss.reduce((a, s) => a + s.nearMiss, 0);
    const precision = p ? c / p : 1, recall = t ? f / t : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    into.push(`| ${name} | ${ss.length} | ${t} | ${p} | ${c} | ${nm} | ${fmt(precision)} | ${fmt(recall)} | ${fmt(f1)} |`);
  };
  for (const [into, sc] of [[table, scores], [strictTable, strictScores]] as const) {
    row(into, 'dev (politics, courts, economy)', sc.filter((s) => DEV_STORIES.includes(s.story)));
    row(into, 'test (health, disaster, sport, culture)', sc.filter((s) => !DEV_STORIES.includes(s.story)));
    row(into, 'all', sc);
  }
  void prf;
  const detail: string[] = [];
  for (const s of scores) detail.push(`#### ${s.story}`, '', ...s.lines.map((l) => `- ${l}`), '');
  const seeds = seedAcceptance();
  const md = [
    'Command: `npm run eval -- conflicts`. Matching (value + article): a predicted conflict is correct when ≥2 of its sides each cover a different truth side — a sentence of the side, in the truth side\'s article, that overlaps the truth sentence or asserts the value the truth sentence carries (the same number, date, place or actor; for claims the same polarity on the same topic, ≥3 shared content words). Near-miss FPs are wrong predictions whose sides overlap a truth near-miss\'s sentences.', '',
    '### Bundled corpus (examples/corpus/truth.json)', '', ...table, '',
    'Strict matching (sentence overlap only, the earlier rule), for comparison:', '', ...strictTable, '',
    ...(seeds ? seeds.lines : ['Seeds: skipped (not present).']), '',
    '<details><summary>Per-story predictions</summary>', '', ...detail, '</details>',
  ].join('\n');
  console.log(table.join('\n'));
  console.log('strict (sentence overlap only):');
  console.log(strictTable.join('\n'));
  if (seeds) console.log(seeds.lines.join('\n'));
  else console.log(`[conflicts] seeds skipped: ${resolve(sharedData, '..', 'seeds')} not present`);
  if (verbose) console.log(detail.join('\n'));
  writeSection('EVAL.md', 'conflicts', md);
}
