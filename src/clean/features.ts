/**
 * Per-line signals: shape (length, final punctuation, sentence vs headline), position
 * (top/bottom zones, runs of headline-like lines), lexical cues (CTA, related, comment,
 * credit, byline, caption, markup) and recurrence in the source's boilerplate model.
 */
import type { Line } from './lines.ts';
import { lineKey, countWords, collapseSpaces } from './lines.ts';
import type { BoilerplateModel } from './boilerplate.ts';
import { normalize } from '../text/index.ts';
import * as L from './lexicon.ts';

/** Features the learned scorer weighs (all in 0..1). Order is the weight vector's order. */
export const FEATURES = [
  'bias',
  'short',
  'medium',
  'logWords',
  'terminal',
  'colonEnd',
  'comma',
  'startsConj',
  'quote',
  'headline',
  'topZone',
  'bottomZone',
  'midHeadline',
  'longHeadline',
  'runOf3',
  'afterMarker',
  'ctaWeakShort',
  'dateOnly',
  'bylineCue',
  'creditCue',
  'captionCue',
  'latin',
  'bullet',
  'question',
  'nextSentence',
  'prevSentence',
  'recur',
  'recurSentence',
  'truncated',
  'agencyShort',
  'recurTail',
] as const;
export type Feature = (typeof FEATURES)[number];
const ZERO = Object.fromEntries(FEATURES.map((k) => [k, 0])) as Record<Feature, number>;

/** Cues that decide a line's class on their own (no score needed). */
export interface HardCues {
  markupOnly: boolean;
  other: boolean;
  cta: boolean;
  comment: boolean;
  relatedMarker: boolean;
  relatedPrefix: boolean;
  credit: boolean;
  title: boolean;
}

export interface LineSignals {
  line: Line;
  empty: boolean;
  /** a full sentence: final punctuation and ≥ 5 words, or a long paragraph */
  sentence: boolean;
  /** headline-shaped: no final punctuation, 1–20 words */
  headlineShape: boolean;
  f: Record<Feature, number>;
  hard: HardCues;
  /** articles of the same source (other than this one) containing this line */
  recurrence: number;
  /** ends in "..", "…" */
  ellipsis: boolean;
  /** one of ≥ 2 unpunctuated long lines running to the end after a punctuated body (teaser snippets) */
  truncTail: boolean;
}

const CONJ_START = /^(و|ف)[\u0621-\u064a]{2,}/;
const SENT_START = /^(كما|من جهته|من جهتها|من جانبه|من جانبها|في حين|الي ذلك|وفي|في|بدوره|بدورها|يذكر|يشار|جاء|اكد|اعلن|قال|اعلنت|قالت|ذكرت|ذكر|اشار|اوضح|لكن|الا ان|غير ان|ثم|بينما|حيث|اذ|ان|هذا|وهذا|لم|لا|قد|كان|كانت)(\s|$)/;

/** The line is a related-block marker and (almost) nothing else: "قد يهمك أيضا :", "مقالات مشابهة". */
function markerOnly(norm: string): boolean {
  const m = L.RELATED_MARKER.exec(norm);
  if (!m) return false;
  return countWords(norm.slice(m.index + m[0].length)) <= 1;
}

// closing quotes/brackets/spaces/asterisks at a line end (L.CLOSERS as a char set: a trailing-anchored
// regex retries at every space of the line)
const CLOSER_CHARS = new Set([...' \t"\'»”’)]}›*'].map((c) => c.charCodeAt(0)));

/** The line without closing quotes/brackets at its end. */
export function stripClosers(norm: string): string {
  let e = norm.length;
  while (e > 0) {
    const c = norm.charCodeAt(e - 1);
    if (!CLOSER_CHARS.has(c) && !(c <= 32 || c === 0xa0)) break;
    e--;
  }
  return e === norm.length ? norm : norm.slice(0, e);
}

export function terminalOf(norm: string): { terminal: boolean; colon: boolean; ellipsis: boolean } {
  const t = stripClosers(norm);
  const ellipsis = /(\.\.|…)$/.test(t);
  return { terminal: L.TERMINAL.test(t) && !(ellipsis && norm.length < 40), colon: /[:：]$/.test(t), ellipsis };
}

export function titleSimilarity(a: string, b: string | Set<string>): number {
  const ka = lineKey(a);
  const wb = typeof b === 'string' ? titleWords(b) : b;
  if (!ka || wb.size === 0) return 0;
  const wa = new Set(ka.split(' '));
  let inter = 0;
  for (const w of wa) if (wb.has(w)) inter++;
  return (2 * inter) / (wa.size + wb.size);
}

/** Word set of a title in matching form (computed once per article). */
export function titleWords(title: string): Set<string> {
  const k = lineKey(collapseSpaces(normalize(title)));
  return new Set(k ? k.split(' ') : []);
}

function latinShare(norm: string): number {
  let latin = 0;
  let letters = 0;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      latin++;
      letters++;
    } else if (c >= 0x621 && c <= 0x64a) letters++;
  }
  return letters ? latin / letters : 0;
}

export function computeSignals(
  lines: Line[],
  opts: { title?: string | null; source?: string | null; model?: BoilerplateModel; selfCounted?: boolean; blockHints?: (string | null)[] },
): LineSignals[] {
  const { title, source = null, model, selfCounted = false } = opts;
  const docsInModel = model ? model.docs(source) : 0;
  const tWords = title ? titleWords(title) : null;
  const base = lines.map((line): LineSignals => {
    const norm = line.norm;
    // a line of tatweel/vowel marks/invisible characters only normalises to nothing but is not empty
    const empty = line.text.length === 0 && line.markupPrefix === 0;
    const words = line.words;
    const { terminal, colon, ellipsis } = terminalOf(norm);
    // a full stop inside the line followed by more words also marks running text (tags glued after a sentence)
    const sentence = (terminal && words >= 5) || words >= 30 || (words >= 8 && /[.!؟]["']?\s+\S/.test(norm));
    const headlineShape = !terminal && !colon && words >= 1 && words <= 20;
    let recurrence = 0;
    if (model && docsInModel > 0 && line.keyed) {
      const c = model.count(source, line.hash);
      recurrence = Math.max(0, c - (selfCounted ? 1 : 0));
    }
    const short = words <= 8;
    const hard: HardCues = {
      markupOnly: (norm.length === 0 && line.markupPrefix > 0) || (norm.length > 0 && L.MARKUP_ONLY.test(line.text)),
      other: norm.length > 0 ? L.OTHER.test(norm) : line.text.length > 0,
      cta: words <= 30 && L.CTA.test(norm) && !(terminal && words > 18 && CONJ_START.test(norm)),
      comment: words <= 6 && L.COMMENT.test(norm),
      relatedMarker: words <= 8 && (!terminal || colon) && markerOnly(norm),
      relatedPrefix: L.RELATED_PREFIX.test(norm) && words <= 30,
      credit: words <= 30 && L.CREDIT.test(norm),
      // Dice ≥ 0.8 needs the line's word count within [2/3, 3/2] of the title's (checked loosely first)
      title: !!tWords && words > 0 && words <= 40 && 3 * words + 3 >= tWords.size && words <= 2 * tWords.size + 3 && titleSimilarity(norm, tWords) >= 0.8,
    };
    const f = { ...ZERO };
    f.bias = 1;
    f.short = words <= 3 ? 1 : 0;
    f.medium = words >= 4 && words <= 9 ? 1 : 0;
    f.logWords = Math.min(1, Math.log1p(words) / Math.log(60));
    f.terminal = terminal ? 1 : 0;
    f.colonEnd = colon ? 1 : 0;
    f.comma = /[،,]/.test(norm) ? 1 : 0;
    f.startsConj = CONJ_START.test(norm) || SENT_START.test(norm) ? 1 : 0;
    f.quote = /["']/.test(norm) ? 1 : 0;
    f.headline = headlineShape ? 1 : 0;
    f.ctaWeakShort = short && L.CTA_WEAK.test(norm) ? 1 : 0;
    f.dateOnly = line.n <= 3 && words <= 14 && !terminal && (L.DATE.test(norm) || L.WEEKDAY.test(norm) && words <= 4) ? 1 : 0;
    f.bylineCue = words <= 10 && L.BYLINE.test(norm) ? 1 : 0;
    f.creditCue = hard.credit ? 1 : 0;
    f.captionCue = words <= 25 && L.CAPTION.test(norm) ? 1 : 0;
    f.latin = latinShare(norm) > 0.5 ? 1 : 0;
    f.bullet = /^[-–—•*·]/.test(norm) || /^\d{1,2}\s*[.)-]\s/.test(norm) ? 1 : 0;
    f.question = words <= 12 && /[؟?]$/.test(stripClosers(norm)) ? 1 : 0;
    f.recur = recurrence >= 2 ? Math.min(1, Math.log2(recurrence) / 5) : 0;
    f.truncated = !terminal && words >= 15 ? 1 : 0;
    f.agencyShort = words <= 6 && L.AGENCY.test(norm) ? 1 : 0;
    return { line, empty, sentence, headlineShape, f, hard, recurrence, ellipsis, truncTail: false };
  });
  addContext(base);
  return base;
}

/** Position features that depend on the neighbours. */
function addContext(sig: LineSignals[]): void {
  const idx = sig.map((s, i) => (s.empty ? -1 : i)).filter((i) => i >= 0);
  // an article whose lines mostly recur is a re-scrape or an update of another: recurrence says nothing
  // (judged on the first half only: a teaser block at the end must not hide itself)
  const head = idx.slice(0, Math.ceil(idx.length / 2));
  const recurring = head.filter((i) => sig[i]!.recurrence >= 2).length;
  const duplicate = head.length >= 2 && recurring / head.length > 0.5;
  if (duplicate) for (const i of idx) sig[i]!.f.recur = 0;
  // a block of recurring lines that runs to the end of the article (teasers, footers)
  for (let k = idx.length - 1; k >= 0 && !duplicate; k--) {
    const s = sig[idx[k]!]!;
    if (s.recurrence < 2) break;
    s.f.recurTail = 1;
  }
  const isHard = (s: LineSignals): boolean => Object.values(s.hard).some(Boolean);
  const firstSentence = idx.find((i) => sig[i]!.sentence && !isHard(sig[i]!));
  let lastSentence = -1;
  for (const i of idx) if (sig[i]!.sentence && !isHard(sig[i]!)) lastSentence = i;
  // runs of consecutive headline-shaped lines (empty lines do not break a run)
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= 3) for (const j of run) sig[j]!.f.runOf3 = 1;
    run = [];
  };
  // a verse or list line may end in "..", ":" or "?" (poems quoted in columns, "قال في رثائها:")
  // without ending the run; such lines stay body-like, the run marks its headline-shaped members
  const verseLike = (s: LineSignals): boolean => s.headlineShape || (s.line.words <= 12 && (s.ellipsis || s.f.colonEnd === 1 || s.f.question === 1));
  for (const i of idx) {
    const s = sig[i]!;
    if (verseLike(s) && !isHard(s)) run.push(i);
    else flush();
  }
  flush();
  // teaser snippets cut at a fixed length run to the end of the article: ≥ 2 long lines without
  // final punctuation after a body whose long lines do end in punctuation
  let tail = idx.length;
  while (tail > 0 && sig[idx[tail - 1]!]!.f.truncated && !isHard(sig[idx[tail - 1]!]!)) tail--;
  if (idx.length - tail >= 2 && tail > 0) {
    const before = idx.slice(0, tail).map((i) => sig[i]!).filter((s) => s.line.words >= 15);
    const ended = before.filter((s) => s.f.terminal).length;
    if (before.length >= 2 && ended / before.length >= 0.6) for (const i of idx.slice(tail)) sig[i]!.truncTail = true;
  }
  // lines after a related marker, up to the first real sentence
  let inBlock = false;
  for (const i of idx) {
    const s = sig[i]!;
    if (s.hard.relatedMarker) {
      inBlock = true;
      continue;
    }
    if (inBlock && s.sentence && !s.f.truncated) inBlock = false;
    if (inBlock) s.f.afterMarker = 1;
  }
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const s = sig[i]!;
    const next = k + 1 < idx.length ? sig[idx[k + 1]!]! : null;
    const prev = k > 0 ? sig[idx[k - 1]!]! : null;
    s.f.nextSentence = next && next.sentence ? 1 : 0;
    s.f.prevSentence = prev && prev.sentence ? 1 : 0;
    s.f.topZone = firstSentence === undefined || i < firstSentence ? 1 : 0;
    s.f.bottomZone = lastSentence >= 0 && i > lastSentence ? 1 : 0;
    const mid = !s.f.topZone && !s.f.bottomZone;
    s.f.midHeadline = mid && s.headlineShape && s.line.words <= 6 ? 1 : 0;
    s.f.longHeadline = mid && s.headlineShape && s.line.words > 6 ? 1 : 0;
    s.f.recurSentence = s.f.recur && s.sentence ? 1 : 0;
  }
}
