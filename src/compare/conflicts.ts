/**
 * Conflict detection: outlets (or speakers) that disagree on the same slot of the same event —
 * place, quantity, date, actor — or where one denies what another asserts.
 *
 * Precision first. A pair of sentences is only compared when it is about the same thing (close
 * in content, or sharing the slot's governing word / event frame) and about the same time.
 * Not conflicts: tolls that rise between reports (an update cue and different days), rounded
 * or bounded numbers that fit (نحو 300 / 312, أكثر من 45 ألفاً), two levels of one place
 * (a region and a town in it, learned from the story), a weekday and a date that agree,
 * numbers about different periods or units, and the same name spelled two ways.
 */
import type { EntityMention, Quote } from '../model.ts';
import { matchForm, normalize, type Token } from '../text/index.ts';
import type { AlignedFact, DetailedConflict, DetailedSide, SentenceRef, StoryArticle } from './types.ts';
import { analyseStory, type StoryAnalysis } from './align.ts';
import type { StorySentence } from './sentences.ts';
import { sameSlot, valuesAgree, type NumberMention } from './numbers.ts';
import { datesAgree, type DateRef } from './dates.ts';
import { readPlaces, learnPlaces, PlaceGraph, sameName, type PlaceSlot } from './places.ts';
import { bagCosine } from './similarity.ts';
import { OPPOSITES, ATTRIBUTION, CONTRAST, SCHEDULE_CUES, ACTOR_VERBS, DENIAL_FILLERS, DENIAL_PHRASES, DENIAL_VERBS, DENIAL_VERBS_OBJECT, POSTPOSED_DENIALS, HELD_FRAME, MEETING_FRAME, NEGATION_WORDS, REPORTING, STOP } from './lexicon.ts';

export interface ConflictOptions {
  /** minimum sentence similarity for comparing quantities */
  numberSim?: number;
  /** minimum similarity for comparing dates */
  dateSim?: number;
  /** minimum similarity for comparing places (with a shared frame or governing word) */
  placeSim?: number;
  /** minimum similarity for a denial to count against an assertion */
  claimSim?: number;
  /** reports further apart than this (days) are not compared on numbers or dates */
  maxDays?: number;
  /** minimum similarity for two dates of a scheduled event hanging on the same word */
  scheduledSim?: number;
  /** share (IDF-weighted) of a denied proposition the asserting sentence must carry, whatever the sentence similarity */
  claimCover?: number;
  /** the same for a bare "لم" negation */
  claimCoverWeak?: number;
  /** below this sentence similarity no denial is matched, however much it covers */
  claimSimFloor?: number;
  /** minimum similarity for two opposite verdicts without a denial word */
  oppositeSim?: number;
}

export const CONFLICT_DEFAULTS: Required<ConflictOptions> = { numberSim: 0.12, dateSim: 0.3, placeSim: 0.1, claimSim: 0.18, maxDays: 3, scheduledSim: 0.15, claimCover: 0.5, claimCoverWeak: 0.65, claimSimFloor: 0.04, oppositeSim: 0.25 };

type Kind = DetailedConflict['type'];

interface Edge {
  type: Kind;
  a: number;
  b: number;
  /** slot label for grouping and `about` */
  slot: string;
  about: string;
  valueA: string;
  valueB: string;
  numA?: NumberMention;
  numB?: NumberMention;
}

const DAY = 86_400_000;
const key = (t: Token | undefined): string => (t ? matchForm(t.text) : '');

/** the days a sentence is about: its resolved date references, else its publication day */
function referenceDays(s: StorySentence): string[] | null {
  const days = s.dates.flatMap((d) => d.days ?? []);
  if (days.length) return days;
  return s.pub === null ? null : [new Date(s.pub).toISOString().slice(0, 10)];
}
const daysMeet = (a: string[] | null, b: string[] | null): boolean => !a || !b || a.some((d) => b.includes(d));
const explicitDays = (s: StorySentence): string[] | null => {
  const d = s.dates.filter((r) => r.days).flatMap((r) => r.days!);
  return d.length ? d : null;
};
/** explicit calendar dates (not resolved from the publication day) */
const absoluteDays = (s: StorySentence): string[] => s.dates.filter((r) => r.days && !r.relative).flatMap((r) => r.days!);
const dayMs = (d: string): number => Date.parse(`${d}T00:00:00Z`);
/**
 * Temporal scope: a sentence dated explicitly ("في 6 مارس 2024") is about that day; one without
 * a date is about its publication day. Values further apart than `maxDays` are not compared.
 */
function withinDays(a: StorySentence, b: StorySentence, maxDays: number): boolean {
  const da = absoluteDays(a), db = absoluteDays(b);
  if (!da.length && !db.length) return true;
  const ra = da.length ? da.map(dayMs) : (referenceDays(a) ?? []).map(dayMs);
  const rb = db.length ? db.map(dayMs) : (referenceDays(b) ?? []).map(dayMs);
  if (!ra.length || !rb.length) return true;
  return ra.some((x) => rb.some((y) => Math.abs(x - y) <= maxDays * DAY));
}
const closeInTime = (a: StorySentence, b: StorySentence, maxDays: number): boolean =>
  a.pubTime === null || b.pubTime === null || Math.abs(a.pubTime - b.pubTime) <= maxDays * DAY;

/** nearest content key before token `at` (skipping dates and function words), within four words */
function governor(s: StorySentence, at: number, skip: Set<number> = new Set()): string {
  for (let k = at - 1; k >= Math.max(0, at - 5); k--) {
    if (skip.has(k)) continue;
    const t = s.tokens[k]!;
    if (t.kind === 'punct' && /[،,.؛]/.test(t.text)) break;
    if (s.keys[k]) return s.keys[k]!;
  }
  return '';
}

function frames(s: StorySentence): Set<string> {
  const f = new Set<string>();
  for (const t of s.tokens) {
    const k = key(t);
    if (MEETING_FRAME.has(k)) f.add('meet');
    if (HELD_FRAME.has(k)) f.add('held');
  }
  return f;
}

// ---------------------------------------------------------------- numbers

function localKeys(s: StorySentence, m: NumberMention): string[] {
  return s.keys.slice(Math.max(0, m.from - 6), Math.min(s.keys.length, m.to + 4)).filter(Boolean);
}

function numberEdges(an: StoryAnalysis, i: number, j: number, o: Required<ConflictOptions>): Edge[] {
  const a = an.sentences[i]!, b = an.sentences[j]!;
  if (an.sim.sim(i, j) < o.numberSim || !closeInTime(a, b, o.maxDays)) return [];
  const ra = referenceDays(a), rb = referenceDays(b);
  void daysMeet;
  const out: Edge[] = [];
  for (const x of a.numbers) {
    if (!x.unit) continue;
    const comparable = b.numbers.filter((y) => sameSlot(x, y));
    if (!comparable.length || comparable.some((y) => valuesAgree(x, y))) continue;
    for (const y of comparable) {
      // a running count: later reports differ by design unless they are about the same day
      // a figure for a named period (inflation in February) is fixed once published: no running count
      const samePeriod = x.period !== null && x.period === y.period;
      if ((x.update || y.update) && !samePeriod) {
        if (!(ra && rb && ra.length === 1 && rb.length === 1 && ra[0] === rb[0])) continue;
        // the later report of a rising count is larger by design
        const [early, late] = (a.pubTime ?? 0) <= (b.pubTime ?? 0) ? [x, y] : [y, x];
        if (late.value > early.value && late.update) continue;
      } else if (!daysMeet(explicitDays(a), explicitDays(b)) || !withinDays(a, b, o.maxDays)) continue;
      // the words around the two numbers must be about the same thing
      if (bagCosine(an.sim, localKeys(a, x), localKeys(b, y)) < 0.2) continue;
      // the other value must not be confirmed on this side either
      if (a.numbers.some((z) => z !== x && sameSlot(z, y) && valuesAgree(z, y))) continue;
      out.push({ type: 'number', a: i, b: j, slot: `number:${x.unit}:${x.role === 'plain' ? 'level' : x.role}:${x.period ?? ''}`, about: `${unitLabel(a, x)}`, valueA: x.text, valueB: y.text, numA: x, numB: y });
      break;
    }
  }
  return out;
}

/**
 * Two sources' figures in one sentence: "أعلنت الوزارة أن الحصيلة بلغت 120 قتيلاً، بينما قالت
 * منظمة … إن العدد 150". The same slot, values that do not agree, a contrast word between them
 * and an attribution (reporting verb, بحسب/وفق) for the second. Other articles' sentences that
 * give one of the two values join that side.
 */
function contrastEdges(an: StoryAnalysis, i: number, o: Required<ConflictOptions>): Edge[] {
  const a = an.sentences[i]!;
  const out: Edge[] = [];
  for (let p = 0; p < a.numbers.length; p++)
    for (let q = p + 1; q < a.numbers.length; q++) {
      const x = a.numbers[p]!, y = a.numbers[q]!;
      if (!sameSlot(x, y) || valuesAgree(x, y) || x.role !== y.role && (x.role === 'prior' || y.role === 'prior')) continue;
      const between = a.tokens.slice(x.to, y.from).map((t) => key(t));
      const c = between.findIndex((k) => CONTRAST.has(k));
      if (c < 0) continue;
      const after = [...between.slice(c + 1), ...a.tokens.slice(y.to, y.to + 6).map((t) => key(t))];
      if (!after.some((k) => REPORTING.has(k) || ATTRIBUTION.has(k))) continue;
      const slot = `number:${x.unit}:${x.role === 'plain' ? 'level' : x.role}:${x.period ?? ''}`;
      out.push({ type: 'number', a: i, b: i, slot, about: unitLabel(a, x), valueA: x.text, valueB: y.text, numA: x, numB: y });
      for (let j = 0; j < an.sentences.length; j++) {
        const b = an.sentences[j]!;
        if (b.articleId === a.articleId || an.sim.sim(i, j) < o.numberSim || !closeInTime(a, b, o.maxDays) || !withinDays(a, b, o.maxDays)) continue;
        for (const z of b.numbers) {
          const withX = sameSlot(z, x) && valuesAgree(z, x), withY = sameSlot(z, y) && valuesAgree(z, y);
          if (withX === withY) continue;
          const m = withX ? x : y;
          out.push({ type: 'number', a: i, b: j, slot, about: unitLabel(a, x), valueA: m.text, valueB: z.text, numA: m, numB: z });
          break;
        }
      }
    }
  return out;
}

function unitLabel(s: StorySentence, m: NumberMention): string {
  const g = s.tokens.slice(Math.max(0, m.from - 3), m.from).filter((t) => t.kind === 'word').map((t) => t.text).join(' ');
  const unit = s.tokens.slice(m.from, m.to).filter((t) => t.kind === 'word').map((t) => t.text).slice(-2).join(' ');
  return `الرقم (${[g, '…', unit].join(' ').trim()})`;
}

// ---------------------------------------------------------------- dates

function dateEdges(an: StoryAnalysis, i: number, j: number, o: Required<ConflictOptions>): Edge[] {
  const a = an.sentences[i]!, b = an.sentences[j]!;
  if (!closeInTime(a, b, o.maxDays)) return [];
  const s = an.sim.sim(i, j);
  if (s < Math.min(o.dateSim, o.scheduledSim)) return [];
  const govs = (x: StorySentence, d: DateRef): string => {
    const skip = new Set<number>();
    for (const r of x.dates) for (let k = r.from; k < r.to; k++) skip.add(k);
    return d.from < 0 ? '' : governor(x, d.from, skip);
  };
  for (const x of a.dates) {
    if (!x.days && x.weekday === null) continue;
    const gx = govs(a, x);
    for (const y of b.dates) {
      if (!y.days && y.weekday === null) continue;
      const gy = govs(b, y);
      // same governing word, or near-identical sentences (one outlet copying the other)
      if (!(gx && gx === gy) && s < 0.6) continue;
      // a scheduled event (the next hearing, a postponement "أرجأ … إلى") is its own slot: a looser
      // similarity suffices when both dates hang on the same word; other shared governors need more
      if (s < o.dateSim && !(gx && gx === gy && scheduled(a, x) && scheduled(b, y) && s >= o.scheduledSim)) continue;
      // dates aligned crosswise (each also agrees with some date of the other sentence) are two slots
      if (a.dates.some((z) => z !== x && datesAgree(z, y)) || b.dates.some((z) => z !== y && datesAgree(z, x))) continue;
      // the report dates themselves ("اليوم", "أمس") are not the slot unless the sentences are near copies
      if (x.relative && y.relative && s < 0.5) continue;
      // "منذ 15 آذار" is a start bound, not the date of the event
      if (sinceBefore(a, x) || sinceBefore(b, y)) continue;
      if (datesAgree(x, y)) continue;
      // agreement elsewhere in the pair (the same date also named on the other side) means no clash
      if (b.dates.some((z) => z !== y && datesAgree(x, z) && govs(b, z) === gx)) continue;
      return [{ type: 'date', a: i, b: j, slot: `date:${gx || gy}`, about: `موعد (${gx || gy || 'الحدث'})`, valueA: x.text, valueB: y.text }];
    }
  }
  return [];
}

/** a date of a scheduled event: a postponement or appointment word earlier in its clause (nine words) */
function scheduled(s: StorySentence, d: DateRef): boolean {
  if (d.from < 0) return false;
  for (let k = d.from - 1; k >= Math.max(0, d.from - 9); k--) {
    const t = s.tokens[k]!;
    if (t.kind === 'punct' && /[،,.؛]/.test(t.text)) break;
    if (SCHEDULE_CUES.has(key(t))) return true;
  }
  return false;
}

const sinceBefore = (s: StorySentence, d: DateRef): boolean => d.from > 0 && /^(منذ|حتى|قبل|بعد)$/.test(normalize(s.tokens[d.from - 1]!.text));

// ---------------------------------------------------------------- places

function placeEdges(an: StoryAnalysis, i: number, j: number, places: PlaceSlot[][], graph: PlaceGraph, o: Required<ConflictOptions>): Edge[] {
  const a = an.sentences[i]!, b = an.sentences[j]!;
  const s = an.sim.sim(i, j);
  if (s < o.placeSim) return [];
  if (!daysMeet(explicitDays(a), explicitDays(b))) return [];
  const fa = frames(a), fb = frames(b);
  const sharedFrame = fa.has('meet') && fb.has('meet');
  for (const x of places[i]!) {
    if (x.reference || x.level < 2) continue;
    const gx = governor(a, x.at);
    for (const y of places[j]!) {
      if (y.reference || y.level < 2) continue;
      const gy = governor(b, y.at);
      // with a shared meeting frame, only the places of the meeting: near a frame word, or where the
      // traveller arrived ("وصل … إلى مدينة X … وعقد قمة")
      const framed = sharedFrame && ofFrame(a, x, places[i]!) && ofFrame(b, y, places[j]!);
      if (!framed && !(gx && gx === gy && s >= o.placeSim * 1.5)) continue;
      if (sameName(x.key, y.key)) continue;
      if (graph.contains(x.key, y.key) || graph.contains(y.key, x.key)) continue;
      // a site and a city: only when the story says they are apart, or the site is in another city
      if (x.level !== y.level) {
        const [site, city] = x.level > y.level ? [x, y] : [y, x];
        const elsewhere = [...graph.ancestors(site.key)].some((p) => !sameName(p, city.key) && !graph.contains(p, city.key) && placeLevel(p, places) === 2);
        if (!graph.isApart(site.key, city.key) && !elsewhere) continue;
      }
      // the other side must not also name this place for the same slot
      if (places[j]!.some((z) => !z.reference && sameName(z.key, x.key)) || places[i]!.some((z) => !z.reference && sameName(z.key, y.key))) continue;
      return [{ type: 'place', a: i, b: j, slot: `place:${sharedFrame ? 'meet' : gx}`, about: sharedFrame ? 'مكان اللقاء' : `المكان (${a.tokens[x.at - 1]?.text ?? ''} في …)`, valueA: x.name, valueB: y.name }];
    }
  }
  return [];
}

/**
 * Is a place the meeting's place? The first place after a frame word (within 12 tokens: "التقى X،
 * اليوم الأربعاء، في موسكو"), a place right before one ("في العقبة عقدت القمة"), or the arrival place.
 */
function ofFrame(s: StorySentence, p: PlaceSlot, all: PlaceSlot[]): boolean {
  if (p.arrival) return true;
  for (let k = 0; k < s.tokens.length; k++) {
    if (!(MEETING_FRAME.has(key(s.tokens[k])) || HELD_FRAME.has(key(s.tokens[k])))) continue;
    const firstAfter = all.filter((q) => !q.reference && q.at > k && q.at - k <= 12).sort((u, v) => u.at - v.at)[0];
    if (firstAfter === p) return true;
    if (p.at < k && k - p.to <= 3) return true;
  }
  return false;
}

function placeLevel(k: string, places: PlaceSlot[][]): number | null {
  for (const ps of places) for (const p of ps) if (!p.reference && sameName(p.key, k)) return p.level;
  return null;
}

// ---------------------------------------------------------------- claims (denials)

interface Denial {
  /** content keys of the denied proposition */
  core: string[];
  cueAt: number;
  /** a bare "لم" negation (weaker than a denial verb or phrase) */
  weak: boolean;
}

/** the proposition a sentence denies, if it denies one */
export function denialOf(s: StorySentence): Denial | null {
  // questions and headlines-as-questions deny nothing
  if (/[؟?]\s*$/.test(s.text)) return null;
  const norms = s.tokens.map((t) => normalize(t.text).replace(/^و/, ''));
  const startsAt = (i: number, p: string): boolean => norms.slice(i, i + p.split(' ').length).join(' ').startsWith(p);
  for (let i = 0; i < s.tokens.length; i++) {
    const k = key(s.tokens[i]);
    const phrase = DENIAL_PHRASES.find((p) => startsAt(i, p));
    const postposed = POSTPOSED_DENIALS.find((p) => startsAt(i, p));
    const objectVerb = DENIAL_VERBS_OBJECT.has(k);
    const isCue = DENIAL_VERBS.has(k) || NEGATION_WORDS.has(norms[i]!) || !!phrase || !!postposed || objectVerb;
    if (!isCue) continue;
    // "لم يؤكد" (not confirmed) and "لا يستبعد" (does not rule out) are not denials
    const nextKey = key(s.tokens[i + 1]);
    if (NEGATION_WORDS.has(norms[i]!) && !phrase && (REPORTING.has(nextKey) || /^(يستبعد|تستبعد|يزال|تزال|يرد|سيما|بد)$/.test(norms[i + 1] ?? ''))) continue;
    // "غير صحيح أن …" denies what follows; "ما نشر … غير صحيح", "وهو ما نفته الوزارة" what precedes
    const before = objectVerb || (!!postposed && !/^(ان|بان)$/.test(norms[i + postposed.split(' ').length] ?? ''));
    const core = before ? keysBefore(s, i) : keysAfter(s, i, DENIAL_VERBS.has(k), norms);
    if (core.length >= 2) return { core, cueAt: i, weak: !phrase && !postposed && !objectVerb && !DENIAL_VERBS.has(k) };
  }
  return null;
}

/**
 * A rough root for matching a denied proposition against an assertion across verb and noun forms
 * ("يوقع" / "وقعا" / "توقيع" → "وقع", "تعهدت" / "التعهد" → "عهد"): imperfect and masdar prefixes
 * and long vowels inside the word are dropped.
 */
export function rootOf(k: string): string {
  let r = k;
  if (r.length >= 4) r = r.replace(/^(سي|ست|ي|ت|ن)/, '');
  if (r.length >= 4) r = r.replace(/(ات|ون|ين|وا|ت|ا)$/, '');
  if (r.length >= 4) r = r[0] + r.slice(1, -1).replace(/[اوي]/g, '') + r.slice(-1);
  return r;
}

/** the denied proposition after a cue: "نفى X أن …" skips the denier */
function keysAfter(s: StorySentence, i: number, verb: boolean, norms: string[]): string[] {
  const core: string[] = [];
  let from = i + 1;
  // "نفى X أن …", else "نفى X ما تردد عن …": the denier is not part of the proposition
  if (verb) {
    const that = norms.slice(i + 1, i + 10).findIndex((n) => /^(ان|بان)$/.test(n));
    const what = norms.slice(i + 1, i + 8).findIndex((n) => n === 'ما');
    if (that >= 0) from = i + 2 + that;
    else if (what >= 0) {
      from = i + 2 + what;
      // skip the reporting word after "ما" and "عن"/"من" ("ما تردد عن", "ما نشرته الصحيفة من")
      if (from < norms.length && !s.keys[from] === false && /^(تردد|نشر|نشرته|اورد|اوردته|ذكر|ذكرته|تداول|تناقل|اشيع|راج)/.test(norms[from]!)) from++;
      const about = norms.slice(from, from + 4).findIndex((n) => n === 'عن' || n === 'من');
      if (about >= 0) from += about + 1;
    }
  }
  for (let k2 = from; k2 < Math.min(s.tokens.length, from + 13); k2++) {
    const t = s.tokens[k2]!;
    if (t.kind === 'punct' && /[،,.؛:]/.test(t.text) && core.length >= 2) break;
    const ck = s.keys[k2];
    if (!ck || DENIAL_FILLERS.has(key(t))) continue;
    core.push(ck);
  }
  return core;
}

/** the judged proposition before a postposed cue, back to the clause or quotation start; nearest first */
function keysBefore(s: StorySentence, i: number): string[] {
  const core: string[] = [];
  for (let k2 = i - 1; k2 >= Math.max(0, i - 14); k2--) {
    const t = s.tokens[k2]!;
    if (t.kind === 'punct' && /[،,.؛:«"“]/.test(t.text) && core.length >= 2) break;
    if (/^(ان|إن|بان)$/.test(normalize(t.text)) && core.length >= 2) break;
    const ck = s.keys[k2];
    if (!ck || DENIAL_FILLERS.has(key(t)) || /^(كان|كانت|بانه|بانها|انه|انها)$/.test(normalize(t.text))) continue;
    core.push(ck);
  }
  // the head of the proposition is its first word: read it in text order
  return core.reverse();
}

function claimEdges(an: StoryAnalysis, i: number, j: number, denials: (Denial | null)[], o: Required<ConflictOptions>): Edge[] {
  const out: Edge[] = [];
  for (const [d, aff] of [[i, j], [j, i]] as [number, number][]) {
    const den = denials[d];
    if (!den || denials[aff]) continue;
    const other = an.sentences[aff]!;
    // the other sentence says the same negation ("أعمال لم تنجز" in both): they agree
    const denier = an.sentences[d]!;
    const cueKey = key(denier.tokens[den.cueAt]);
    const nextKey = denier.keys[den.cueAt + 1] ?? '';
    if (nextKey && other.tokens.some((t, m) => key(t) === cueKey && other.keys[m + 1] === nextKey)) continue;
    // "جدل حول ما إذا كان …", "هل …": the other sentence asks, it does not assert
    if (other.tokens.some((t, m) => /^(هل|وهل)$/.test(normalize(t.text)) || (normalize(t.text) === 'اذا' && /^ما$/.test(normalize(other.tokens[m - 1]?.text ?? ''))))) continue;
    const otherRoots = new Set([...other.keySet].map(rootOf));
    const inOther = (k: string): boolean => other.keySet.has(k) || otherRoots.has(rootOf(k));
    const s = an.sim.sim(i, j);
    // (1) the sentences are close and the denied proposition's head is in the other one
    const exactShared = new Set(den.core.filter((k) => other.keySet.has(k)));
    const headExact = den.core.slice(0, den.weak ? 1 : 2).some((k) => other.keySet.has(k));
    const close = headExact && ((exactShared.size >= 3 && s >= o.claimSim / 2) || (s >= o.claimSim && (exactShared.size >= 2 || s >= o.claimSim * 1.6)));
    // (2) the other sentence carries most of the denied proposition (IDF-weighted, across verb and
    //     noun forms), counting a name written in several words ("بيونغ يانغ") once
    let covered = false;
    if (!close && s >= o.claimSimFloor && den.core.slice(0, den.weak ? 1 : 2).some(inOther)) {
      const w = (k: string): number => an.sim.idf.get(k) ?? Math.log(2);
      const core = [...new Set(den.core)];
      const cover = core.reduce((acc, k) => acc + (inOther(k) ? w(k) : 0), 0) / Math.max(1e-9, core.reduce((acc, k) => acc + w(k), 0));
      let units = 0;
      den.core.forEach((k, m) => {
        if (!inOther(k)) return;
        const prev = den.core[m - 1];
        if (prev && inOther(prev) && Math.abs(w(prev) - w(k)) < 1e-9) return; // one name in two words
        units++;
      });
      covered = units >= 3 && cover >= (den.weak ? o.claimCoverWeak : o.claimCover);
    }
    if (!close && !covered) continue;
    const text = an.sentences[d]!.tokens.slice(den.cueAt, den.cueAt + 8).map((t) => t.text).join(' ');
    out.push({ type: 'claim', a: aff, b: d, slot: `claim:${d}`, about: `نفي: ${text}…`, valueA: 'يؤكد', valueB: 'ينفي' });
  }
  return out;
}

/**
 * Opposite verdicts without a denial word ("الهدف صحيح" / "من تسلل", "وافقت" / "رفضت"): the
 * sentences are close, each has one word of an opposite pair and not the other, and the words
 * before the two verdicts in their clauses share at least three content keys (the same subject).
 */
function oppositeEdges(an: StoryAnalysis, i: number, j: number, denials: (Denial | null)[], o: Required<ConflictOptions>): Edge[] {
  const a = an.sentences[i]!, b = an.sentences[j]!;
  if (an.sim.sim(i, j) < o.oppositeSim || denials[i] || denials[j]) return [];
  const asks = (s: StorySentence): boolean => /[؟?]\s*$/.test(s.text) || s.tokens.some((t, m) => /^و?هل$/.test(normalize(t.text)) || (normalize(t.text) === 'اذا' && normalize(s.tokens[m - 1]?.text ?? '') === 'ما'));
  if (asks(a) || asks(b)) return [];
  const at = (s: StorySentence, set: Set<string>): number => s.tokens.findIndex((t) => set.has(key(t)));
  // the verdict's subject: up to ten words before it in its clause, and three after
  const around = (s: StorySentence, k: number): Set<string> => {
    const out = new Set<string>();
    for (let m = k - 1; m >= Math.max(0, k - 10); m--) {
      if (s.tokens[m]!.kind === 'punct' && /[،,.؛:]/.test(s.tokens[m]!.text)) break;
      if (s.keys[m]) out.add(s.keys[m]!);
    }
    for (let m = k + 1; m < Math.min(s.tokens.length, k + 4); m++) if (s.keys[m]) out.add(s.keys[m]!);
    return out;
  };
  for (const [yes, no] of OPPOSITES) {
    for (const [p, q, pos, neg] of [[a, b, i, j], [b, a, j, i]] as [StorySentence, StorySentence, number, number][]) {
      const ky = at(p, yes), kn = at(q, no);
      if (ky < 0 || kn < 0 || at(p, no) >= 0 || at(q, yes) >= 0) continue;
      const ctx = around(q, kn);
      const shared = [...around(p, ky)].filter((x) => ctx.has(x));
      if (shared.length < 3) continue;
      return [{ type: 'claim', a: pos, b: neg, slot: `claim:opp:${pos}`, about: `${p.tokens[ky]!.text} / ${q.tokens[kn]!.text}`, valueA: p.tokens[ky]!.text, valueB: q.tokens[kn]!.text }];
    }
  }
  return [];
}

// ---------------------------------------------------------------- actors

function actorEdges(an: StoryAnalysis, i: number, j: number, o: Required<ConflictOptions>): Edge[] {
  const a = an.sentences[i]!, b = an.sentences[j]!;
  if (an.sim.sim(i, j) < o.numberSim) return [];
  // the same action verb and the same object in both, with different doers between them (VSO)
  const doers = (s: StorySentence): Map<string, { name: string; at: number }> => {
    const out = new Map<string, { name: string; at: number }>();
    for (let k = 0; k < s.tokens.length; k++) {
      if (!ACTOR_VERBS.has(key(s.tokens[k]))) continue;
      for (let m = k + 2; m <= Math.min(s.tokens.length - 1, k + 5); m++) {
        if (s.tokens[m - 1]!.kind === 'punct') break;
        const obj = s.keys[m];
        if (!obj) continue;
        const names = s.tokens.slice(k + 1, m).filter((t) => t.kind === 'word').map((t) => matchForm(t.text));
        if (names.length >= 2) out.set(`${s.keys[k] || key(s.tokens[k])}:${obj}`, { name: names.slice(-2).join(' '), at: k });
      }
    }
    return out;
  };
  const da = doers(a), db = doers(b);
  for (const [slot, x] of da) {
    const y = db.get(slot);
    if (!y) continue;
    if (sameName(x.name, y.name) || x.name.split(' ').some((w) => w.length > 3 && y.name.split(' ').some((v) => sameName(w, v)))) continue;
    return [{ type: 'actor', a: i, b: j, slot: `actor:${slot}`, about: `من ${a.tokens.slice(x.at, x.at + 1).map((t) => t.text).join(' ')} … ${slot.split(':')[1]}`, valueA: x.name, valueB: y.name }];
  }
  return [];
}

// ---------------------------------------------------------------- speakers and grouping

function speakerOf(s: StorySentence, article: StoryArticle | undefined): string | null {
  if (!article) return null;
  const q = (article.quotes ?? []).find((q: Quote) => q.start < s.end && s.start < q.end && q.speakerEntityId);
  if (q) return q.speakerEntityId;
  const ents = (article.entities ?? []).filter((m: EntityMention) => m.start >= s.start && m.end <= s.end && m.entityId && (m.type === 'PER' || m.type === 'ORG'));
  for (let k = 0; k < s.tokens.length; k++) {
    const kk = key(s.tokens[k]);
    if (!(REPORTING.has(kk) || DENIAL_VERBS.has(kk) || /^(بحسب|حسب|وفق|وفقا|نقلا)$/.test(normalize(s.tokens[k]!.text).replace(/^و/, '')))) continue;
    const after = ents.find((m) => m.start >= s.tokens[k]!.end && m.start - s.tokens[k]!.end < 40);
    if (after) return after.entityId;
  }
  return null;
}

export interface FindConflictsOptions extends ConflictOptions {
  /** compare sentences of the same article too (a text that contradicts itself) */
  withinArticle?: boolean;
}

/**
 * Finds conflicts between a story's articles. `facts` may be the output of alignFacts (it is
 * recomputed when omitted or empty); sides carry the sentences, articles and speaker.
 */
export function findConflicts(articles: StoryArticle[], facts?: AlignedFact[], opts: FindConflictsOptions = {}): DetailedConflict[] {
  void facts;
  const o = { ...CONFLICT_DEFAULTS, ...opts };
  const an = analyseStory(articles);
  const S = an.sentences;
  const byId = new Map(articles.map((a) => [a.id, a]));
  const places = S.map((s) => readPlaces(s.tokens, byId.get(s.articleId)?.entities));
  const graph = new PlaceGraph();
  S.forEach((s, i) => learnPlaces(graph, s.tokens, places[i]!));
  const denials = S.map(denialOf);
  const edges: Edge[] = [];
  for (let i = 0; i < S.length; i++)
    for (let j = i + 1; j < S.length; j++) {
      if (S[i]!.articleId === S[j]!.articleId && !opts.withinArticle) continue;
      if (an.sim.sim(i, j) < Math.min(o.placeSim, o.claimSim, o.claimSimFloor)) continue;
      edges.push(...numberEdges(an, i, j, o), ...dateEdges(an, i, j, o), ...placeEdges(an, i, j, places, graph, o), ...claimEdges(an, i, j, denials, o), ...oppositeEdges(an, i, j, denials, o), ...actorEdges(an, i, j, o));
    }
  for (let i = 0; i < S.length; i++) edges.push(...contrastEdges(an, i, o));
  return groupEdges(an, edges, byId);
}

function groupEdges(an: StoryAnalysis, edges: Edge[], byId: Map<string, StoryArticle>): DetailedConflict[] {
  // one conflict per (type, slot) component: edges sharing a sentence join
  const parent = edges.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const bySentence = new Map<string, number>();
  edges.forEach((e, k) => {
    for (const s of [e.a, e.b]) {
      const id = `${e.type}:${e.type === 'claim' ? '' : e.slot}:${s}`;
      const prev = bySentence.get(id);
      if (prev !== undefined) parent[find(k)] = find(prev);
      else bySentence.set(id, k);
    }
  });
  const comps = new Map<number, Edge[]>();
  edges.forEach((e, k) => comps.set(find(k), [...(comps.get(find(k)) ?? []), e]));
  const out: DetailedConflict[] = [];
  for (const es of comps.values()) {
    // each sentence takes the value it asserted; sides are values that agree
    // (a sentence that gives two sources' figures asserts both values)
    const valueOf = new Map<string, { s: number; v: string; n?: NumberMention }>();
    const assert = (s: number, v: string, n?: NumberMention): void => {
      const k = es.some((e) => e.a === e.b && e.a === s) ? `${s}|${normalize(v)}` : `${s}`;
      if (!valueOf.has(k)) valueOf.set(k, { s, v, n });
    };
    for (const e of es) { assert(e.a, e.valueA, e.numA); assert(e.b, e.valueB, e.numB); }
    const sides: { value: string; num?: NumberMention; sentences: number[] }[] = [];
    for (const { s, v, n } of valueOf.values()) {
      const side = sides.find((x) => (x.num && n ? valuesAgree(x.num, n) : sameValue(es[0]!.type, x.value, v)));
      if (side) { if (!side.sentences.includes(s)) side.sentences.push(s); }
      else sides.push({ value: v, num: n, sentences: [s] });
    }
    if (sides.length < 2) continue;
    const detailed: DetailedSide[] = sides.map((side) => {
      const refs: SentenceRef[] = side.sentences.map((k) => ({ articleId: an.sentences[k]!.articleId, start: an.sentences[k]!.start, end: an.sentences[k]!.end, text: an.sentences[k]!.text }));
      const first = an.sentences[side.sentences[0]!]!;
      const speakers = side.sentences.map((k) => speakerOf(an.sentences[k]!, byId.get(an.sentences[k]!.articleId))).filter(Boolean);
      return { text: first.text, articleIds: [...new Set(refs.map((r) => r.articleId))], speakerEntityId: speakers[0] ?? null, value: side.value, sentences: refs };
    });
    const arts = new Set(detailed.flatMap((d) => d.articleIds));
    if (arts.size < 2 && !es.some((e) => e.type === 'claim' || e.a === e.b)) continue;
    out.push({ type: es[0]!.type, about: es[0]!.about, sides: detailed });
  }
  return out;
}

function sameValue(type: Kind, a: string, b: string): boolean {
  if (type === 'place' || type === 'actor') return sameName(matchForm(a), matchForm(b)) || sameName(a, b);
  return normalize(a) === normalize(b);
}

export { STOP };
