/**
 * Finds Arabic temporal expressions and resolves them to ISO values.
 *
 * Matching runs on the normalised text (`normalizeWithMap`) so spelling variants (أ/ا, ى/ي,
 * Arabic-Indic digits, tatweel, tanween) do not multiply the patterns; spans are mapped back
 * to raw offsets. A scanner tries every pattern at each word start (after an optional و/ف/ب/ل
 * proclitic, which stays outside the span) and keeps the longest match.
 *
 * Conventions (see docs/design/time.md): relative expressions resolve against the publication
 * day; "last <month>" / "<day> <month> الماضي" means the most recent one before publication
 * (news usage, not Recognizers' "previous year"); a bare weekday in a past context is the most
 * recent such day on or before publication, in a future context the next one after it.
 */
import { normalizeWithMap, rawSpan } from '../../text/index.ts';
import type { DateMention } from '../../model.ts';
import {
  addDays, addMonths, dayOf, daysInMonth, diffDays, gregorianToHijri, hijriToGregorian, isoDay, isValidDay, mondayOf, weekday, type IsoDay,
} from './calendar.ts';
import {
  AMBIGUOUS_MONTHS, CURRENT_QUALIFIERS, DURATION_UNITS, FUTURE_MARKERS, GREGORIAN_MONTHS, HIJRI_MONTHS, HOLIDAYS, MEDIA_BEFORE_TODAY,
  NEXT_QUALIFIERS, NOT_FUTURE_S, NOT_MONDAY_BEFORE, NOT_TODAY_AFTER, NUMBER_WORDS, ORDINAL_DAYS, PAST_QUALIFIERS, PERIOD_POSITIONS, SEASONS,
  TIME_OF_DAY, WEEKDAYS,
} from './lexicon.ts';

export type Tense = 'past' | 'future';
export type DayCue = 'today' | 'yesterday' | 'dayBefore' | 'tomorrow' | 'dayAfter';
const CUE_OFFSET: Record<DayCue, number> = { today: 0, yesterday: -1, dayBefore: -2, tomorrow: 1, dayAfter: 2 };

export interface ResolveOptions {
  /** the article uses a bare "أمس": a bare past weekday is then not yesterday */
  usesYesterday?: boolean;
  /** with usesYesterday: skip today and yesterday for bare weekdays (publication-date inference) */
  avoidRecent?: boolean;
}

/** A temporal expression found in text, resolvable against any publication day. */
export interface TemporalExpression {
  start: number;
  end: number;
  text: string;
  kind: DateMention['kind'];
  tense: Tense;
  /** true when the value depends on the publication date */
  anchored: boolean;
  /** a relative-day word (اليوم/أمس/غداً…) with the weekday written next to it, if any */
  dayCue: { cue: DayCue; weekday: number | null } | null;
  /** a bare weekday ("الأربعاء", "يوم السبت") without relative-day word or date */
  weekday: number | null;
  weekdayQualifier: 'past' | 'next' | null;
  /** the full date written out, when it is (a Gregorian or Hijri day with its year) */
  explicit: IsoDay | null;
  /** day and month written without a year (needs the publication year) */
  dayMonth: { month: number; day: number; qualifier: 'past' | 'next' | 'current' | null } | null;
  resolve(pub: IsoDay | null, opts?: ResolveOptions): string | null;
  /**
   * Narrative-anchored ("بعد يوم واحد من وصول البعثة", "العام التالي"): resolved from the
   * expression told before it, not from the publication date.
   */
  narrative?: { dir: -1 | 1; count: number; unit: 'day' | 'week' | 'month' | 'year'; sameSentence: boolean };
}

// ---------------------------------------------------------------- regex building blocks

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alt = (words: string[]): string => `(?:${[...new Set(words)].sort((a, b) => b.length - a.length).map(esc).join('|')})`;
const lookup = <T>(pairs: [string, T][]): Map<string, T> => new Map(pairs.map(([k, v]) => [k, v]));
const squash = (s: string): string => s.replace(/\s+/g, ' ');

const WE = '(?![\\p{L}\\p{N}])';
const MON = alt(GREGORIAN_MONTHS.map(([w]) => w));
const HMON = alt(HIJRI_MONTHS.map(([w]) => w));
const WD = alt(WEEKDAYS.map(([w]) => w));
const ORD = alt(ORDINAL_DAYS.map(([w]) => w));
const QUAL = alt([...PAST_QUALIFIERS, ...NEXT_QUALIFIERS, ...CURRENT_QUALIFIERS]);
const TOD = alt(TIME_OF_DAY);
const POS = alt(PERIOD_POSITIONS.map(([w]) => w));
const NUMW = alt(NUMBER_WORDS.map(([w]) => w));
const UNITS = alt(DURATION_UNITS.map(([w]) => w));
const HOL = alt(HOLIDAYS.map(([w]) => w));
const YEAR = '(?:1[3-9]\\d\\d|20\\d\\d|21\\d\\d)';
const ERA_G = `(?:\\s*(?:م|ميلادي[هة]?|للميلاد)${WE}\\.?)?`;
const ERA_H = `(?:\\s*(?:ه|هجري[هة]?|للهجر[هة])${WE}\\.?)`;

const monthOf = lookup(GREGORIAN_MONTHS);
const hmonthOf = lookup(HIJRI_MONTHS);
const weekdayOf = lookup(WEEKDAYS);
const ordinalOf = lookup(ORDINAL_DAYS);
const numberOf = lookup(NUMBER_WORDS);
const unitOf = new Map(DURATION_UNITS.map(([w, u, n]) => [w, { unit: u, n }]));
const positionOf = lookup(PERIOD_POSITIONS);
const seasonOf = lookup(SEASONS);
const holidayOf = new Map(HOLIDAYS.map(([w, m, d]) => [w, { m, d }]));

function qualifier(q: string | undefined): 'past' | 'next' | 'current' | null {
  if (!q) return null;
  if (PAST_QUALIFIERS.includes(q)) return 'past';
  if (NEXT_QUALIFIERS.includes(q)) return 'next';
  if (CURRENT_QUALIFIERS.includes(q)) return 'current';
  return null;
}

const PREFIX = `(?:(?<tod>${TOD})\\s+)?(?:(?<rday>اليوم|امس|غدا)\\s+)?(?:يوم\\s+)?(?:(?<wd>${WD})${WE}\\s*[،,]?\\s*)?`;

const RX = {
  dmy: new RegExp(
    `${PREFIX}(?<day>\\d{1,2})(?:\\s*[-./]\\s*|\\s+)(?:من\\s+)?(?:شهر\\s+)?(?<mon>${MON})${WE}(?:\\s*[/(-]\\s*(?<mon2>${MON})${WE}\\s*\\)?)?` +
      `(?:\\s*[،,]?\\s*(?:من\\s+)?(?:عام\\s+|العام\\s+|سن[هة]\\s+)?(?<year>${YEAR})(?!\\d)${ERA_G})?(?:\\s+(?<qual>${QUAL})${WE})?`,
    'uy',
  ),
  ordm: new RegExp(
    `${PREFIX}(?:يوم\\s+)?(?<ord>${ORD}|\\d{1,2}(?!\\d))${WE}\\s+(?:من\\s+(?:(?:شهر\\s+)?(?<mon>${MON})${WE}(?:\\s+(?<year>${YEAR})(?!\\d)${ERA_G})?|(?<thism>الشهر|هذا\\s+الشهر)${WE})|(?:في\\s+)?(?<thism2>الشهر|هذا\\s+الشهر)${WE})(?:\\s+(?<qual>${QUAL})${WE})?`,
    'uy',
  ),
  ymd: new RegExp(`${PREFIX}(?<y>${YEAR})(?<s>[-./])(?<m>\\d{1,2})\\k<s>(?<d>\\d{1,2})(?![\\d\\p{L}])(?:(?<hera>${ERA_H})|${ERA_G})`, 'uy'),
  dmyNum: new RegExp(`${PREFIX}(?<d>\\d{1,2})(?<s>[-./])(?<m>\\d{1,2})\\k<s>(?<y>${YEAR})(?![\\d\\p{L}])(?:(?<hera>${ERA_H})|${ERA_G})`, 'uy'),
  // day/month without a year ("22/04", "في 22-4"); month/year ("3/2015", "2015-3")
  dm: new RegExp(`(?<pre>(?:يوم|بتاريخ|تاريخ)\\s+)?(?<a>\\d{1,2})(?<s>[-./])(?<b>\\d{1,2})(?![\\d\\p{L}]|[-./,]\\s*\\d|\\s*[%٪])`, 'uy'),
  my: new RegExp(`(?:(?<m1>\\d{1,2})(?<s1>[-./])(?<y1>(?:19|20)\\d\\d)|(?<y2>(?:19|20)\\d\\d)(?<s2>[-./])(?<m2>\\d{1,2}))(?![\\d\\p{L}]|[-./]\\s*\\d)`, 'uy'),
  // a weekday of a named week: "الأسبوع المقبل يوم الجمعة", "الجمعة من الأسبوع الماضي", "هذا الأسبوع الجمعة"
  weekWd: new RegExp(
    `(?:(?:(?<this1>هذا)\\s+)?الاسبوع(?:\\s+(?<qual1>${QUAL}))?${WE}\\s*[،,]?\\s*(?:يوم\\s+)?(?<wd1>${WD})${WE}` +
      `|(?:يوم\\s+)?(?<wd2>${WD})\\s+(?:من|في)\\s+(?:(?<this2>هذا)\\s+)?الاسبوع(?:\\s+(?<qual2>${QUAL}))?${WE})`,
    'uy',
  ),
  // "بعد أسبوعين من الآن", "3 أيام من الآن": counted from the publication day
  fromNow: new RegExp(
    `(?<pre>بعد|خلال|منذ|قبل)\\s+(?:(?<n>\\d{1,3}|${NUMW})\\s+)?(?<unit>${UNITS})${WE}\\s+(?:من\\s+)?(?:الان|الحين|اليوم)${WE}`,
    'uy',
  ),
  // "منذ شهر و21 يوما", "قبل عامين وثلاثة أشهر", "بعد 2 عام و 21 يوما من الآن"
  compound: new RegExp(
    `(?:(?<pre>منذ|قبل|بعد)\\s+)?(?<parts>(?:(?:\\d{1,3}|${NUMW})\\s+)?${UNITS}(?:\\s*(?:[،,]\\s*)?(?:و\\s*)?(?:(?:\\d{1,3}|${NUMW})\\s+)?${UNITS}${WE})+)(?<now>\\s+(?:من\\s+)?(?:الان|الحين))?${WE}`,
    'uy',
  ),
  // "الأسبوع الثالث من هذا الشهر", "الأسبوع الأخير من يوليو", "الأسبوع الأول من عام 2015"
  weekOrd: new RegExp(
    `الاسبوع\\s+(?<ord>الاول|الثاني|الثالث|الرابع|الخامس|الاخير)\\s+(?:من\\s+|في\\s+)?(?:(?<relm>(?:هذا\\s+)?الشهر)(?:\\s+(?<qm>${QUAL}))?${WE}|(?:شهر\\s+)?(?<mon>${MON})${WE}(?:\\s*[،,]?\\s*(?:عام\\s+)?(?<my>${YEAR})(?!\\d))?|(?<rely>(?:هذا\\s+)?(?:العام|السن[هة]))(?:\\s+(?<qy>${QUAL}))?${WE}|(?:عام|سن[هة])\\s+(?<year>${YEAR})(?!\\d))`,
    'uy',
  ),
  // "نهاية الأسبوع", "عطلة نهاية الأسبوع الماضي", "نهاية هذا الأسبوع"
  weekend: new RegExp(`(?:عطل[هة]\\s+)?(?:نهاي[هة]|اخر)\\s+(?:(?<this>هذا)\\s+)?الاسبوع(?:\\s+(?<qual>${QUAL}))?${WE}`, 'uy'),
  gholiday: new RegExp(`(?:(?<eve>ليل[هة]|عشي[هة])\\s+)?(?:(?<yawm>يوم)\\s+)?(?<h>عيد\\s+الميلاد(?:\\s+المجيد)?|راس\\s+السن[هة](?:\\s+(?:الميلادي[هة]|الجديد[هة]))?|عيد\\s+العمال|عيد\\s+الحب)${WE}`, 'uy'),
  hijri: new RegExp(
    `${PREFIX}(?:الموافق\\s+(?:ل\\s*)?)?(?<day>\\d{1,2}|${ORD})\\s+(?:من\\s+)?(?:شهر\\s+)?(?<hmon>${HMON})${WE}(?:\\s+(?<year>1[3-5]\\d\\d)(?!\\d))?(?<era>${ERA_H})?`,
    'uy',
  ),
  relDay: new RegExp(
    `(?:(?<tod>${TOD})\\s+)?(?<rday>امس\\s+الاول|اول\\s+امس|اول\\s+من\\s+امس|قبل\\s+(?:يوم\\s+)?امس|بعد\\s+غد|الغد|هذا\\s+(?:الصباح|المساء)|هذه\\s+الليل[هة]|امس|الامس|اليوم|غدا|غد|الليل[هة](?:\\s+(?<nq>الماضي[هة]?|القادم[هة]?|المقبل[هة]?)${WE})?)${WE}(?:\\s*\\(\\s*(?<wd>${WD})\\s*\\)|\\s+(?<wd2>${WD})${WE})?`,
    'uy',
  ),
  weekday: new RegExp(
    `(?:(?<tod>${TOD})\\s+)?(?:(?<yawm>يوم)\\s+)?(?<wd>${WD})${WE}(?:\\s+(?<qual>الماضي|المنصرم|الفائت|السابق|المقبل|القادم)${WE})?(?:\\s+(?:الي|و)\\s*(?:يوم\\s+)?${WD}${WE})?`,
    'uy',
  ),
  month: new RegExp(
    `(?:(?<pos>${POS})\\s+)?(?:(?<this>هذا|هذه)\\s+)?(?:(?<shahr>شهر)\\s+)?(?<mon>${MON})${WE}(?:\\s*/\\s*(?<mon2>${MON})${WE})?(?:\\s*[،,]?\\s+(?:من\\s+)?(?:عام\\s+|العام\\s+)?(?<year>${YEAR})(?!\\d)${ERA_G}|\\s+(?<qual>${QUAL})${WE})?`,
    'uy',
  ),
  year: new RegExp(`(?<pre>عام|العام|سن[هة]|منذ|خلال|صيف|شتاء|خريف|ربيع|في|حتي|${POS})\\s+(?:عام\\s+)?(?<year>(?:19|20)\\d\\d)(?![\\d\\p{L}]|[-./]\\d)${ERA_G}`, 'uy'),
  period: new RegExp(
    `(?:(?<half>النصف\\s+(?:الاول|الثاني))\\s+من\\s+|(?<pos>${POS})\\s+)?(?:(?<this>هذا|هذه)\\s+)?(?<unit>الاسبوع|الشهر|العام|السن[هة]|الصيف|الخريف|الشتاء|الربيع)${WE}(?:\\s+(?<qual>${QUAL})${WE})?`,
    'uy',
  ),
  ago: new RegExp(
    `(?<pre>منذ|قبل)\\s+(?:(?<approx>اكثر\\s+من|اقل\\s+من|نحو|حوالي|قراب[هة]|زهاء|ما\\s+يزيد\\s+علي|ما\\s+يقرب\\s+من)\\s+)?(?:(?<n>\\d{1,3}|${NUMW})\\s+)?(?<unit>${UNITS})${WE}`,
    'uy',
  ),
  holiday: new RegExp(`(?:(?<pre>ليل[هة]|صباح|اول\\s+ايام|ثاني\\s+ايام|ثالث\\s+ايام)\\s+)?(?<h>${HOL}|العيد)${WE}`, 'uy'),
  // the first day of a range whose month is written once: "من 17 إلى 20 آذار", "بين 5 و9 نيسان"
  rangeStart: new RegExp(
    `(?<day>\\d{1,2})\\s*(?:الي|حتي|و|-|–)\\s*(?=\\d{1,2}\\s+(?:من\\s+)?(?:شهر\\s+)?(?<mon>${MON})${WE}(?:\\s*[،,]?\\s*(?:من\\s+)?(?:عام\\s+|العام\\s+|سن[هة]\\s+)?(?<year>${YEAR})(?!\\d))?(?:\\s+(?<qual>${QUAL})${WE})?` +
      `|\\d{1,2}\\s+(?:(?:من|في)\\s+)?(?<relm>(?:هذا\\s+)?الشهر)(?:\\s+(?<qual2>${QUAL}))?${WE})`,
    'uy',
  ),
  sinceTod: new RegExp(`(?:منذ|حتي)\\s+(?:ساعات\\s+)?(?:الصباح|الفجر|الظهر|الظهير[هة])${WE}`, 'uy'),
  // the event noun after من/على is in construct or carries a pronoun ("من وصول بعثة", "على توقيفه");
  // a definite noun is mostly the length of an activity ("بعد أسبوع من العروض")
  afterFrom: new RegExp(
    `بعد\\s+(?:(?:نحو|حوالي|قراب[هة]|زهاء)\\s+)?(?:(?<n>\\d{1,3}|${NUMW})\\s+)?(?<unit>${UNITS})(?:\\s+(?:واحد|واحده|واحدة))?${WE}(?=\\s+(?:من|علي)\\s+(?!ال)[\\p{L}])`,
    'uy',
  ),
  following: new RegExp(`(?:في\\s+)?(?<unit>اليوم|الاسبوع|الشهر|العام|السن[هة])\\s+(?:التالي|التاليه|التالية|اللاحق)${WE}`, 'uy'),
  hmonth: new RegExp(`(?:(?<shahr>شهر)\\s+)?(?<hmon>${HMON})${WE}(?:\\s+(?<year>1[3-5]\\d\\d)(?!\\d)${ERA_H}?)?(?:\\s+(?<adj>المبارك|الكريم|الفضيل|المعظم|الماضي|المقبل|الحالي|الجاري)${WE})?`, 'uy'),
};

// ---------------------------------------------------------------- context

const isLetterOrDigit = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

function prevWord(n: string, at: number): string {
  const m = /([\p{L}]+)\s*$/u.exec(n.slice(Math.max(0, at - 30), at));
  return m ? m[1] : '';
}
function nextWord(n: string, at: number): string {
  const m = /^\s*([\p{L}]+)/u.exec(n.slice(at, at + 30));
  return m ? m[1] : '';
}

/** Future when the clause around the expression carries a future marker or a سـ-verb. */
export function clauseTense(n: string, start: number, end: number): Tense {
  // the clause before the expression: back to the sentence start, or to a comma that opens a
  // subordinate clause ("، بعد أن انتهى …") which has its own tense
  let from = start;
  while (from > 0 && start - from < 120 && !/[.!؟?؛\n]/.test(n[from - 1])) {
    if (/[،,]/.test(n[from - 1]) && /^\s*(?:بعد|قبل|فيما|حيث|اذ|وكان|وكانت|بينما|عندما|منذ|وذلك)(?![\p{L}])/u.test(n.slice(from, from + 12))) break;
    from--;
  }
  const to = end;
  const words = n.slice(from, to).match(/[\p{L}]+/gu) ?? [];
  for (const w0 of words) {
    const w = w0.replace(/^[وف](?=.{3})/u, '');
    if (FUTURE_SET.has(w) || FUTURE_SET.has(w0)) return 'future';
    if (/^س[يتنا][\p{L}]{3,}$/u.test(w) && !NOT_FUTURE_S.has(w)) return 'future';
  }
  return 'past';
}
const FUTURE_SET = new Set(FUTURE_MARKERS);

// ---------------------------------------------------------------- resolution helpers

function nearestYear(pub: IsoDay, month: number, day: number, tense: Tense | null): IsoDay | null {
  const y = Number(pub.slice(0, 4));
  const cands: IsoDay[] = [];
  for (const yy of [y - 1, y, y + 1]) if (isValidDay(yy, month, Math.min(day, daysInMonth(yy, month)))) cands.push(isoDay(yy, month, day));
  const valid = cands.filter((c) => isValidDay(+c.slice(0, 4), month, day));
  if (valid.length === 0) return null;
  if (tense === 'future') return valid.find((c) => diffDays(c, pub) >= 0) ?? null;
  return valid.reduce((best, c) => (Math.abs(diffDays(c, pub)) < Math.abs(diffDays(best, pub)) ? c : best));
}

function dayMonthValue(pub: IsoDay, month: number, day: number, q: 'past' | 'next' | 'current' | null, tense: Tense): IsoDay | null {
  const y = Number(pub.slice(0, 4));
  if (q === 'current') return isValidDay(y, month, day) ? isoDay(y, month, day) : null;
  if (q === 'past') {
    for (const yy of [y, y - 1]) if (isValidDay(yy, month, day) && diffDays(isoDay(yy, month, day), pub) < 0) return isoDay(yy, month, day);
    return null;
  }
  if (q === 'next') {
    for (const yy of [y, y + 1]) if (isValidDay(yy, month, day) && diffDays(isoDay(yy, month, day), pub) > 0) return isoDay(yy, month, day);
    return null;
  }
  return nearestYear(pub, month, day, tense === 'future' ? 'future' : null);
}

const ym = (y: number, m: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;

function monthValue(pub: IsoDay, month: number, q: 'past' | 'next' | 'current' | null, tense: Tense): string {
  const y = Number(pub.slice(0, 4));
  const pm = Number(pub.slice(5, 7));
  if (q === 'current') return ym(y, month);
  if (q === 'past') return ym(month < pm ? y : y - 1, month);
  if (q === 'next') return ym(month > pm ? y : y + 1, month);
  if (tense === 'future') return ym(month >= pm ? y : y + 1, month);
  return ym(month <= pm ? y : y - 1, month);
}

function weekdayValue(pub: IsoDay, wd: number, q: 'past' | 'next' | null, tense: Tense, opts: ResolveOptions): IsoDay {
  const pw = weekday(pub);
  if (q === 'next' || (q === null && tense === 'future')) {
    const ahead = (wd - pw + 7) % 7 || 7;
    return addDays(pub, ahead);
  }
  let back = (pw - wd + 7) % 7;
  if (q === 'past' && back === 0) back = 7;
  // an article that says "أمس" for yesterday names older days by weekday (used by inference only)
  if (q === null && opts.avoidRecent && opts.usesYesterday && back <= 1) back += 7;
  return addDays(pub, -back);
}

/** Gregorian day of Hijri (month, day) in the Hijri year whose occurrence is nearest to `pub`. */
function hijriNear(pub: IsoDay, m: number, d: number): IsoDay | null {
  const h = gregorianToHijri(pub);
  const hy = h?.y ?? Math.round((Number(pub.slice(0, 4)) - 622) * (33 / 32));
  let best: IsoDay | null = null;
  for (const y of [hy - 1, hy, hy + 1]) {
    const g = hijriToGregorian(y, m, d);
    if (g && (best === null || Math.abs(diffDays(g, pub)) < Math.abs(diffDays(best, pub)))) best = g;
  }
  return best;
}

/** Day `day` of the publication month, or of the month before/after it. */
function dayOfRelativeMonth(pub: IsoDay, day: number, q: 'past' | 'next' | 'current' | null): IsoDay | null {
  const mDay = addMonths(pub.slice(0, 8) + '01', q === 'past' ? -1 : q === 'next' ? 1 : 0);
  const [y, m] = [Number(mDay.slice(0, 4)), Number(mDay.slice(5, 7))];
  return isValidDay(y, m, day) ? isoDay(y, m, day) : null;
}

/** Monday that starts week `ord` (1–5, or -1 = the last) of a month: weeks lying wholly in the month, from its first Monday. */
function weekOfMonth(y: number, m: number, ord: number): IsoDay | null {
  const first = isoDay(y, m, 1);
  const firstMonday = addDays(first, (8 - weekday(first)) % 7);
  if (ord > 0) {
    const v = addDays(firstMonday, 7 * (ord - 1));
    return Number(v.slice(5, 7)) === m ? v : null;
  }
  let v = firstMonday;
  while (Number(addDays(v, 13).slice(5, 7)) === m) v = addDays(v, 7);
  return v;
}

/** Monday that starts ISO week `ord` of a year (-1 = its last week). */
function weekOfYear(y: number, ord: number): IsoDay {
  const jan4 = isoDay(y, 1, 4);
  const w1 = addDays(jan4, -((weekday(jan4) + 6) % 7));
  if (ord > 0) return addDays(w1, 7 * (ord - 1));
  const dec28 = isoDay(y, 12, 28); // always in the last ISO week
  return addDays(dec28, -((weekday(dec28) + 6) % 7));
}

function ago(pub: IsoDay, n: number, unit: 'day' | 'week' | 'month' | 'year'): string {
  if (unit === 'day') return addDays(pub, -n);
  if (unit === 'week') return addDays(pub, -7 * n);
  const d = addMonths(pub, unit === 'month' ? -n : -12 * n);
  return d.slice(0, 7);
}

// ---------------------------------------------------------------- the scanner

interface Candidate extends Omit<TemporalExpression, 'start' | 'end' | 'text'> {
  nStart: number;
  nEnd: number;
}

type G = Record<string, string | undefined>;

function base(): Omit<Candidate, 'nStart' | 'nEnd' | 'kind' | 'resolve'> {
  return { tense: 'past', anchored: false, dayCue: null, weekday: null, weekdayQualifier: null, explicit: null, dayMonth: null };
}

const rdayCue = (rday: string): DayCue =>
  /^امس\s+الاول$|^اول|^قبل/.test(rday) ? 'dayBefore' : /^بعد/.test(rday) ? 'dayAfter' : /امس/.test(rday) ? 'yesterday' : rday === 'غدا' ? 'tomorrow' : 'today';

/** Applies the optional "اليوم/أمس/غداً + weekday" prefix of a full date to a candidate. */
function withPrefix(c: Candidate, g: G): Candidate {
  if (g.rday) c.dayCue = { cue: rdayCue(squash(g.rday)), weekday: g.wd ? (weekdayOf.get(g.wd) ?? null) : null };
  return c;
}

function tryAt(n: string, q: number): Candidate | null {
  const found: Candidate[] = [];
  const attempt = (rx: RegExp, build: (g: G, end: number) => Candidate | null): void => {
    rx.lastIndex = q;
    const m = rx.exec(n);
    if (!m) return;
    const c = build((m.groups ?? {}) as G, q + m[0].length);
    if (c) found.push(c);
  };

  // full dates: day month [year]
  attempt(RX.dmy, (g, end) => {
    const day = Number(g.day);
    const month = monthOf.get(squash(g.mon!))!;
    const q2 = qualifier(g.qual);
    if (day < 1 || day > 31) return null;
    if (!g.year && /^\s*(?:من\s+كل\s+(?:عام|سن[هة])|سنويا)/u.test(n.slice(end, end + 16))) return null; // a yearly date
    if (g.year) {
      const y = Number(g.year);
      if (!isValidDay(y, month, day)) return null;
      const v = isoDay(y, month, day);
      return withPrefix({ ...base(), nStart: q, nEnd: end, kind: 'absolute', explicit: v, resolve: () => v }, g);
    }
    const c: Candidate = {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, dayMonth: { month, day, qualifier: q2 },
      resolve(pub) {
        return pub ? dayMonthValue(pub, month, day, q2, this.tense) : null;
      },
    };
    return withPrefix(c, g);
  });
  attempt(RX.ordm, (g, end) => {
    const day = /^\d/.test(g.ord!) ? Number(g.ord) : ordinalOf.get(squash(g.ord!))!;
    const q2 = qualifier(g.qual);
    if (day < 1 || day > 31) return null;
    if (g.mon) {
      const month = monthOf.get(squash(g.mon))!;
      if (g.year) {
        const y = Number(g.year);
        if (!isValidDay(y, month, day)) return null;
        const v = isoDay(y, month, day);
        return withPrefix({ ...base(), nStart: q, nEnd: end, kind: 'absolute', explicit: v, resolve: () => v }, g);
      }
      return withPrefix({
        ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, dayMonth: { month, day, qualifier: q2 },
        resolve(pub) { return pub ? dayMonthValue(pub, month, day, q2, this.tense) : null; },
      }, g);
    }
    // "العاشر من الشهر الجاري/الماضي/المقبل"; without من only a qualified month ("22 الشهر المقبل", "4 هذا الشهر")
    if (g.thism2 && !q2 && !/^هذا/.test(g.thism2)) return null;
    return withPrefix({ ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, resolve: (pub) => (pub ? dayOfRelativeMonth(pub, day, q2) : null) }, g);
  });
  const numeric = (g: G, end: number): Candidate | null => {
    let [y, m, d] = [Number(g.y), Number(g.m), Number(g.d)];
    // a year 1300–1599 (or هـ) is Hijri: "14-09-1432 هـ"
    if (g.hera || (y >= 1300 && y < 1600)) {
      if (m < 1 || m > 12 || d < 1 || d > 30) return null;
      const v = hijriToGregorian(y, m, d);
      if (!v) return null;
      return withPrefix({ ...base(), nStart: q, nEnd: end, kind: 'absolute', explicit: v, resolve: () => v }, g);
    }
    if (m > 12 && d <= 12) [m, d] = [d, m];
    if (!isValidDay(y, m, d)) return null;
    const v = isoDay(y, m, d);
    return withPrefix({ ...base(), nStart: q, nEnd: end, kind: 'absolute', explicit: v, resolve: () => v }, g);
  };
  attempt(RX.ymd, numeric);
  attempt(RX.dmyNum, numeric);
  attempt(RX.hijri, (g, end) => {
    const day = /^\d/.test(g.day!) ? Number(g.day) : (ordinalOf.get(squash(g.day!)) ?? 0);
    const hm = hmonthOf.get(squash(g.hmon!))!;
    if (day < 1 || day > 30) return null;
    if (!g.year && !g.era && (hm === 2 || hm === 7)) return null; // صفر (zero) and رجب (a name) need the year
    if (g.year) {
      const v = hijriToGregorian(Number(g.year), hm, day);
      if (!v) return null;
      return withPrefix({ ...base(), nStart: q, nEnd: end, kind: 'absolute', explicit: v, resolve: () => v }, g);
    }
    return withPrefix({ ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, resolve: (pub) => (pub ? hijriNear(pub, hm, day) : null) }, g);
  });
  attempt(RX.relDay, (g, end) => {
    const rday = squash(g.rday!);
    if (rday === 'اليوم') {
      if (NOT_TODAY_AFTER.has(nextWord(n, end)) && !g.wd && !g.wd2) return null;
      if (MEDIA_BEFORE_TODAY.has(prevWord(n, q)) && !g.wd && !g.wd2) return null;
    }
    if (rday === 'غد' && !g.tod) return null;
    // "الغد" is also a newspaper and "the future": only after a preposition or a time of day
    if (rday === 'الغد' && !g.tod && !/^(منذ|حتي|في|من|الي|صباح|مساء)$/.test(prevWord(n, q))) return null;
    const cue: DayCue = /^هذ/.test(rday) ? 'today' : /^الليل/.test(rday) ? (g.nq ? (/^الماضي/.test(g.nq) ? 'yesterday' : 'tomorrow') : 'today') : rdayCue(rday === 'الامس' ? 'امس' : rday === 'غد' || rday === 'الغد' ? 'غدا' : rday);
    const wdName = g.wd ?? g.wd2;
    const wd = wdName ? (weekdayOf.get(wdName) ?? null) : null;
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, dayCue: { cue, weekday: wd },
      resolve: (pub) => (pub ? addDays(pub, CUE_OFFSET[cue]) : null),
    };
  });
  attempt(RX.weekday, (g, end) => {
    const wd = weekdayOf.get(g.wd!)!;
    if (wd === 1 && !g.yawm && !g.tod) {
      if (NOT_MONDAY_BEFORE.has(prevWord(n, q))) return null;
      if (/^(معا|منهما|منهم|الاخرين)$/.test(nextWord(n, end))) return null;
    }
    const q2 = g.qual ? (qualifier(g.qual) === 'next' ? 'next' : 'past') : null;
    return {
      ...base(), nStart: q, nEnd: end, kind: 'weekday', anchored: true, weekday: wd, weekdayQualifier: q2,
      resolve(pub, opts = {}) {
        return pub ? weekdayValue(pub, wd, q2, this.tense, opts) : null;
      },
    };
  });
  attempt(RX.month, (g, end) => {
    const mon = squash(g.mon!);
    const month = monthOf.get(mon)!;
    const q2 = g.this ? 'current' : qualifier(g.qual);
    if (g.year) {
      const v = ym(Number(g.year), month);
      return { ...base(), nStart: q, nEnd: end, kind: 'partial', resolve: () => v };
    }
    const pw = prevWord(n, q);
    const framed = !!(g.shahr || g.pos || q2 || /^(في|خلال|منذ|حتي|قبل|بعد|اواخر|مطلع|شهري|شهر)$/.test(pw));
    if (AMBIGUOUS_MONTHS.has(mon) ? !(g.shahr || q2) : !framed && !/^(الي|حتي|و|من)$/.test(pw) && isLetterOrDigit(n[end]) === false && false) return null;
    if (AMBIGUOUS_MONTHS.has(mon) && !(g.shahr || q2)) return null;
    return { ...base(), nStart: q, nEnd: end, kind: 'partial', anchored: true, resolve(pub) { return pub ? monthValue(pub, month, q2, this.tense) : null; } };
  });
  attempt(RX.year, (g, end) => {
    const pre = g.pre!;
    const y = Number(g.year);
    const inSpan = !/^(في|خلال|حتي)$/.test(pre);
    const start = inSpan ? q : q + n.slice(q).indexOf(g.year!);
    if (/^\s*(?:دولار|يورو|جنيه|ريال|درهم|دينار|ليره|ليرة|شخص|مليون|الف|ألف|طن|كيلو|متر)/u.test(n.slice(end, end + 12))) return null;
    return { ...base(), nStart: start, nEnd: end, kind: 'partial', resolve: () => String(y) };
  });
  attempt(RX.period, (g, end) => {
    const unit = g.unit!;
    const q2 = qualifier(g.qual);
    const pos = g.pos ? positionOf.get(squash(g.pos)) : undefined;
    const half = !!g.half && /^(العام|الشهر|السن[هة])$/.test(unit);
    if (!q2 && !g.this && !half && !(pos && /^(العام|الشهر|السن[هة])$/.test(unit))) return null;
    if (!q2 && !g.this && (pos || half) && /^ال/.test(nextWord(n, end))) return null; // "نهاية العام الدراسي"
    if (unit === 'الاسبوع' && pos === 'end') return null; // the weekend (RX.weekend)
    if (g.qual && /^(السابق)$/.test(g.qual)) return null;
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true,
      resolve(pub) {
        if (!pub) return null;
        const step = q2 === 'past' ? -1 : q2 === 'next' ? 1 : 0;
        const y = Number(pub.slice(0, 4));
        if (unit === 'الاسبوع') return addDays(mondayOf(pub), 7 * step);
        if (unit === 'الشهر') return addMonths(pub, step).slice(0, 7);
        if (/^(العام|السن)/.test(unit)) return pos === 'start' && step === 0 ? `${y}-01` : String(y + step);
        const startMonth = seasonOf.get(unit)!;
        // the season's year is the year it starts in; "الماضي" = the last one that began before this one
        const pm = Number(pub.slice(5, 7));
        // the last season of that name that has begun, and whether we are still in it
        const sy = startMonth <= pm ? y : y - 1;
        const monthsIn = (y - sy) * 12 + pm - startMonth;
        if (q2 === 'past') return String(monthsIn < 3 ? sy - 1 : sy);
        if (q2 === 'next') return String(monthsIn < 3 ? sy + 1 : sy + 1);
        return String(sy);
      },
    };
  });
  attempt(RX.ago, (g, end) => {
    const u = unitOf.get(g.unit!)!;
    let count = u.n;
    if (g.n) count = /^\d/.test(g.n) ? Number(g.n) : (numberOf.get(g.n) ?? null);
    if (count === null) {
      if (!/^(يوم|اسبوع|شهر|عام|سن[هة])$/.test(g.unit!)) return null;
      // "منذ يوم الجمعة", "منذ شهر رمضان", "منذ العام الماضي": a point, not a duration
      const nw = nextWord(n, end);
      if ((nw && !/^(تقريبا|واحد|فقط|كامل)$/.test(nw) && !/^\s*[.،,؛)]/.test(n.slice(end, end + 3))) || /^ال/.test(nw) || weekdayOf.has(nw) || hmonthOf.has(nw) || monthOf.has(nw) || /^\d/.test(n.slice(end).trim())) return null;
      count = 1;
    }
    if (g.pre === 'قبل' && /^(من|علي|ان|ان|بدء|انطلاق|موعد)$/.test(nextWord(n, end))) return null;
    if (g.pre === 'منذ' && /^(من|علي)$/.test(nextWord(n, end)) && false) return null;
    const c = count;
    return { ...base(), nStart: q, nEnd: end, kind: 'duration', anchored: true, resolve: (pub) => (pub ? ago(pub, c, u.unit) : null) };
  });
  attempt(RX.holiday, (g, end) => {
    const h = squash(g.h!);
    let hd = holidayOf.get(h);
    if (!hd) {
      if (!g.pre) return null;
      hd = undefined;
    }
    const eve = !!g.pre && /^ليل/.test(g.pre);
    const dayN = g.pre && /^ثاني/.test(g.pre) ? 1 : g.pre && /^ثالث/.test(g.pre) ? 2 : 0;
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true,
      resolve(pub) {
        if (!pub) return null;
        const cands = hd ? [hd] : [{ m: 10, d: 1 }, { m: 12, d: 10 }];
        let best: IsoDay | null = null;
        for (const c of cands) {
          const g2 = hijriNear(pub, c.m, c.d);
          if (g2 && (best === null || Math.abs(diffDays(g2, pub)) < Math.abs(diffDays(best, pub)))) best = g2;
        }
        return best ? addDays(best, (eve ? -1 : 0) + dayN) : null;
      },
    };
  });
  attempt(RX.hmonth, (g, end) => {
    const hm = hmonthOf.get(squash(g.hmon!))!;
    // a bare Hijri month ("في رمضان") only after a temporal preposition: رمضان/رجب are also given names
    const pw = prevWord(n, q).replace(/^و(?=.{2})/, '');
    if (!g.shahr && !g.adj && !g.year && !/^(في|خلال|طوال|قبل|بعد|حتي|بحلول|حلول|اواخر|اوائل|منتصف|مطلع|الاواخر|الاواسط)$/.test(pw)) return null;
    if (!g.shahr && !g.adj && !g.year && (hm === 7 || hm === 2)) return null; // "رجب"/"صفر" bare stay out
    return {
      ...base(), nStart: q, nEnd: end, kind: 'partial', anchored: !g.year,
      resolve(pub) {
        if (g.year) return hijriToGregorian(Number(g.year), hm, 15)?.slice(0, 7) ?? null;
        return pub ? (hijriNear(pub, hm, 15)?.slice(0, 7) ?? null) : null;
      },
    };
  });
  attempt(RX.rangeStart, (g) => {
    if (!/^(من|بين|مابين)$/.test(prevWord(n, q))) return null;
    const day = Number(g.day);
    const end = q + g.day!.length;
    if (day < 1 || day > 31) return null;
    if (g.relm) {
      // "من 4 إلى 22 هذا الشهر", "بين 4 و23 الشهر المقبل"
      const q3 = qualifier(g.qual2);
      return { ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, resolve: (pub) => (pub ? dayOfRelativeMonth(pub, day, q3) : null) };
    }
    const month = monthOf.get(squash(g.mon!))!;
    const q2 = qualifier(g.qual);
    if (g.year) {
      const y = Number(g.year);
      if (!isValidDay(y, month, day)) return null;
      const v = isoDay(y, month, day);
      return { ...base(), nStart: q, nEnd: end, kind: 'absolute', explicit: v, resolve: () => v };
    }
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, dayMonth: { month, day, qualifier: q2 },
      resolve(pub) {
        return pub ? dayMonthValue(pub, month, day, q2, this.tense) : null;
      },
    };
  });
  attempt(RX.sinceTod, (_g, end) => ({ ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, resolve: (pub) => pub }));
  attempt(RX.afterFrom, (g, end) => {
    const u = unitOf.get(g.unit!)!;
    const count = g.n ? (/^\d/.test(g.n) ? Number(g.n) : (numberOf.get(g.n) ?? null)) : (u.n ?? 1);
    if (count === null) return null;
    return { ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, narrative: { dir: -1, count, unit: u.unit, sameSentence: true }, resolve: () => null };
  });
  attempt(RX.following, (g, end) => {
    const w = g.unit!;
    const unit = w === 'اليوم' ? 'day' : w === 'الاسبوع' ? 'week' : w === 'الشهر' ? 'month' : 'year';
    return { ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, narrative: { dir: 1, count: 1, unit, sameSentence: false }, resolve: () => null };
  });
  attempt(RX.dm, (g, end) => {
    if (/[-./:\d]/.test(n[q - 1] ?? '') ) return null;
    let [d, m] = [Number(g.a), Number(g.b)];
    if (m > 12 && d <= 12) [d, m] = [m, d]; // "4/22" written month first
    if (d < 1 || d > 31 || m < 1 || m > 12) return null;
    // "-" and "." are also scores and decimals: only after a date word or a temporal preposition
    const pw = prevWord(n, q);
    if (g.s !== '/' && !g.pre && !/^(في|منذ|حتي|قبل|بعد|الموافق)$/.test(pw)) return null;
    if (/^(رقم|القرار|القانون|المرسوم|العدد|عدد|الماده|الماد[هة]|البند|الفصل)$/.test(pw)) return null;
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true, dayMonth: { month: m, day: d, qualifier: null },
      resolve(pub) { return pub ? dayMonthValue(pub, m, d, null, this.tense) : null; },
    };
  });
  attempt(RX.my, (g, end) => {
    if (/[-./:\d]/.test(n[q - 1] ?? '')) return null;
    const m = Number(g.m1 ?? g.m2);
    const y = Number(g.y1 ?? g.y2);
    if (m < 1 || m > 12) return null;
    if (/^(رقم|القرار|القانون|المرسوم|العدد|عدد|الماده|الماد[هة]|البند|الفصل|لسن[هة])$/.test(prevWord(n, q))) return null;
    const v = ym(y, m);
    return { ...base(), nStart: q, nEnd: end, kind: 'partial', resolve: () => v };
  });
  attempt(RX.weekWd, (g, end) => {
    const wd = weekdayOf.get((g.wd1 ?? g.wd2)!)!;
    const qs = g.qual1 ?? g.qual2;
    const q2 = qualifier(qs);
    if (!q2 && !(g.this1 ?? g.this2)) return null;
    if (qs && /^السابق$/.test(qs)) return null;
    const step = q2 === 'past' ? -1 : q2 === 'next' ? 1 : 0;
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true,
      // weeks run Monday–Sunday, as "الأسبوع الماضي" (its Monday) elsewhere
      resolve: (pub) => (pub ? addDays(mondayOf(pub), 7 * step + ((wd + 6) % 7)) : null),
    };
  });
  attempt(RX.fromNow, (g, end) => {
    const u = unitOf.get(g.unit!)!;
    const count = g.n ? (/^\d/.test(g.n) ? Number(g.n) : (numberOf.get(g.n) ?? null)) : (u.n ?? 1);
    if (count === null) return null;
    const dir = g.pre && /^(منذ|قبل)$/.test(g.pre) ? -1 : 1;
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true,
      resolve: (pub) => {
        if (!pub) return null;
        if (dir === -1) return ago(pub, count, u.unit);
        if (u.unit === 'day') return addDays(pub, count);
        if (u.unit === 'week') return addDays(pub, 7 * count);
        return addMonths(pub, u.unit === 'month' ? count : 12 * count).slice(0, 7);
      },
    };
  });
  attempt(RX.compound, (g, end) => {
    const parts = [...g.parts!.matchAll(new RegExp(`(?:(\\d{1,3}|${NUMW})\\s+)?(${UNITS})${WE}`, 'gu'))];
    if (parts.length < 2) return null;
    let days = 0;
    let months = 0;
    for (const [, num, unitWord] of parts) {
      const u = unitOf.get(unitWord)!;
      const c = num ? (/^\d/.test(num) ? Number(num) : (numberOf.get(num) ?? NaN)) : (u.n ?? 1);
      if (!Number.isFinite(c)) return null;
      if (u.unit === 'day') days += c;
      else if (u.unit === 'week') days += 7 * c;
      else months += u.unit === 'month' ? c : 12 * c;
    }
    if (g.pre === 'بعد' && !g.now && /^(من|علي)$/.test(nextWord(n, end))) return null; // counted from an event, not from today
    if (!g.pre && !g.now) return null; // a bare length ("استمر عامين وثلاثة أشهر")
    return {
      ...base(), nStart: q, nEnd: end, kind: 'duration', anchored: true,
      resolve(pub) {
        if (!pub) return null;
        // "… من الآن" without a preposition: ago in a past clause, ahead in a future one
        const dir = g.pre ? (g.pre === 'بعد' ? 1 : -1) : this.tense === 'future' ? 1 : -1;
        const v = addDays(addMonths(pub, dir * months), dir * days);
        return days ? v : v.slice(0, 7);
      },
    };
  });
  attempt(RX.weekOrd, (g, end) => {
    const ord = { الاول: 1, الثاني: 2, الثالث: 3, الرابع: 4, الخامس: 5, الاخير: -1 }[g.ord!] ?? 1;
    if (g.year) {
      const v = weekOfYear(Number(g.year), ord);
      return { ...base(), nStart: q, nEnd: end, kind: 'absolute', resolve: () => v };
    }
    if (g.mon && g.my) {
      const v = weekOfMonth(Number(g.my), monthOf.get(squash(g.mon))!, ord);
      return v ? { ...base(), nStart: q, nEnd: end, kind: 'absolute', resolve: () => v } : null;
    }
    const qq = qualifier(g.qm ?? g.qy);
    if ((g.relm || g.rely) && !qq && !/^هذ/.test((g.relm ?? g.rely)!)) return null; // "الأسبوع الأول من الشهر" of which month?
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true,
      resolve(pub) {
        if (!pub) return null;
        const step = qq === 'past' ? -1 : qq === 'next' ? 1 : 0;
        if (g.rely) return weekOfYear(Number(pub.slice(0, 4)) + step, ord);
        const mv = g.relm ? addMonths(pub.slice(0, 8) + '01', step).slice(0, 7) : monthValue(pub, monthOf.get(squash(g.mon!))!, null, this.tense);
        return weekOfMonth(Number(mv.slice(0, 4)), Number(mv.slice(5, 7)), ord);
      },
    };
  });
  attempt(RX.weekend, (g, end) => {
    const q2 = qualifier(g.qual);
    // bare "نهاية الأسبوع" is often habitual or a headline of another article: only with هذا or a qualifier
    if (!q2 && !g.this) return null;
    if (g.qual && /^السابق$/.test(g.qual)) return null;
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true,
      // the Saturday of that (Monday–Sunday) week; bare: the weekend that has begun (past) or is next (future)
      resolve(pub) {
        if (!pub) return null;
        const sat = addDays(mondayOf(pub), 5);
        if (q2 === 'past') return addDays(sat, -7);
        if (q2 === 'next') return addDays(sat, 7);
        if (g.this || this.tense === 'future') return sat;
        return diffDays(sat, pub) <= 0 ? sat : addDays(sat, -7);
      },
    };
  });
  attempt(RX.gholiday, (g, end) => {
    const h = squash(g.h!);
    const eve = !!g.eve;
    const [m, d] = /^عيد الميلاد/.test(h) ? [12, 25] : /^راس/.test(h) ? [1, 1] : /العمال/.test(h) ? [5, 1] : [2, 14];
    return {
      ...base(), nStart: q, nEnd: end, kind: 'relative', anchored: true,
      resolve(pub) {
        if (!pub) return null;
        const v = dayMonthValue(pub, m, d, null, this.tense);
        return v ? addDays(v, eve ? -1 : 0) : null;
      },
    };
  });
  if (found.length === 0) return null;
  return found.reduce((a, b) => (b.nEnd > a.nEnd ? b : a));
}

const PROCLITIC_PAIRS = new Set(['وب', 'ول', 'فب', 'فل', 'وف']);

/** Every temporal expression in `text`, in order, with raw offsets and a resolver. */
export function findTemporalExpressions(text: string): TemporalExpression[] {
  const norm = normalizeWithMap(text);
  const n = norm.text;
  const out: TemporalExpression[] = [];
  let p = 0;
  while (p < n.length) {
    if ((p > 0 && isLetterOrDigit(n[p - 1])) || !isLetterOrDigit(n[p])) {
      p++;
      continue;
    }
    let c = tryAt(n, p);
    if (!c && 'وفبل'.includes(n[p])) c = tryAt(n, p + 1);
    if (!c && PROCLITIC_PAIRS.has(n.slice(p, p + 2))) c = tryAt(n, p + 2);
    if (!c) {
      p++;
      continue;
    }
    // trim trailing spaces/punctuation matched by optional groups
    let e = c.nEnd;
    while (e > c.nStart && /[\s،,.]/.test(n[e - 1])) e--;
    c.nEnd = e;
    const span = rawSpan(norm, c.nStart, c.nEnd);
    const tense = clauseTense(n, c.nStart, c.nEnd);
    const { nStart: _s, nEnd: _e, ...rest } = c;
    const expr: TemporalExpression = { ...rest, tense, start: span.start, end: span.end, text: text.slice(span.start, span.end) };
    // resolvers read `this.tense`: bind them to the final record
    expr.resolve = c.resolve.bind(expr);
    out.push(expr);
    p = Math.max(c.nEnd, p + 1);
  }
  for (let i = 0; i < out.length; i++) if (out[i].narrative) out[i].resolve = narrativeResolver(text, out, i);
  return out;
}

/** How far back (characters) "العام التالي" looks for the date it follows. */
const NARRATIVE_WINDOW = 400;

/**
 * "X بعد يوم واحد من Y" is dated as Y (the event it counts from: "دخل القاعة أمس الاثنين، بعد
 * نحو عام على توقيفه" → a year before that Monday). X's date is a date written right before it
 * (at most a comma between); with no date anywhere in the sentence X is the article's own event,
 * the publication day; otherwise it is left unresolved (the date may be Y's, not X's).
 * "العام/اليوم التالي" follows the date told before it.
 */
function narrativeResolver(text: string, all: TemporalExpression[], i: number): TemporalExpression['resolve'] {
  const e = all[i];
  const nv = e.narrative!;
  let sStart = e.start;
  while (sStart > 0 && !/[.!؟?\n]/.test(text[sStart - 1])) sStart--;
  let sEnd = e.end;
  while (sEnd < text.length && !/[.!؟?\n]/.test(text[sEnd])) sEnd++;
  return (pub, opts) => {
    let anchor: string | null = null;
    if (nv.sameSentence) {
      const others = all.filter((a, k) => k !== i && a.start >= sStart && a.end <= sEnd);
      const adjacent = others.find((a) => a.end <= e.start && /^[\s،,]*$/.test(text.slice(a.end, e.start)));
      if (adjacent) anchor = adjacent.resolve(pub, opts);
      else if (others.length === 0) anchor = pub;
    } else {
      for (let k = i - 1; k >= 0 && anchor === null; k--) {
        const a = all[k];
        if (a.narrative || e.start - a.end > NARRATIVE_WINDOW) break;
        const v = a.resolve(pub, opts);
        if (v && (nv.unit === 'year' ? true : nv.unit === 'month' ? v.length >= 7 : v.length === 10)) anchor = v;
      }
      // nothing told before it: "في اليوم التالي" counts from the publication day
      if (anchor === null && !all.slice(0, i).some((a) => !a.narrative)) anchor = pub;
    }
    if (anchor === null) return null;
    if (nv.unit === 'year' && nv.dir === 1) return String(Number(anchor.slice(0, 4)) + 1);
    if (nv.unit === 'month' && nv.dir === 1) return addMonths(`${anchor.slice(0, 7)}-01`, 1).slice(0, 7);
    if (anchor.length !== 10) return null;
    if (nv.dir === 1) return addDays(anchor, nv.unit === 'week' ? 7 : 1);
    return ago(anchor, nv.count, nv.unit);
  };
}

/** Whether the article uses a bare "أمس" (so a bare past weekday is not yesterday). */
export function usesBareYesterday(exprs: TemporalExpression[]): boolean {
  return exprs.some((e) => e.dayCue?.cue === 'yesterday' && e.dayCue.weekday === null);
}

/**
 * Date mentions of `text` resolved against the publication date (ISO date or date-time, or null).
 * Every returned `value` is a valid ISO date / YYYY-MM / YYYY. Expressions that need a
 * publication date are left out when it is null (use findTemporalExpressions to see them, or
 * infer the date first with inferPublicationDate).
 */
export function extractDates(text: string, publishedAt: string | null): DateMention[] {
  const pub = publishedAt ? dayOf(publishedAt) : null;
  const exprs = findTemporalExpressions(text);
  const opts: ResolveOptions = { usesYesterday: usesBareYesterday(exprs) };
  const out: DateMention[] = [];
  for (const e of exprs) {
    const value = e.resolve(pub, opts);
    if (value === null || !isIsoValue(value)) continue;
    out.push({ start: e.start, end: e.end, text: e.text, value, kind: e.kind });
  }
  return out;
}

export function isIsoValue(v: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  if (!m) return false;
  if (m[3]) return isValidDay(+m[1], +m[2], +m[3]);
  if (m[2]) return +m[2] >= 1 && +m[2] <= 12;
  return true;
}
