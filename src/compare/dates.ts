/**
 * Light date reading for comparison: explicit dates ("25 آذار", "الخميس 27 مارس", "2025/3/14",
 * "6-3-2025", "الثامن عشر من آذار"), relative days (اليوم، أمس، غداً، أمس الأول) and weekday
 * names, resolved against the article's publication date. A bare weekday stays ambiguous
 * (the last or the next such day), so it only disagrees with a date that is neither.
 * When the date stage's mentions are given they are used instead for the explicit values.
 */
import type { DateMention } from '../model.ts';
import type { Token } from '../text/index.ts';
import { matchForm } from '../text/index.ts';
import { MONTHS, ORDINAL_DAYS, WEEKDAYS } from './lexicon.ts';

export interface DateRef {
  /** token index range [from, to) in the sentence's token list */
  from: number;
  to: number;
  /** candidate days (ISO YYYY-MM-DD); null when the day cannot be resolved */
  days: string[] | null;
  /** weekday named, when one is (0 = Sunday) */
  weekday: number | null;
  /** true when resolved only from the publication date (اليوم، أمس…) */
  relative: boolean;
  text: string;
}

const DAY = 86_400_000;
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);

/** publication day as a UTC midnight timestamp, in the article's own zone when it gives one */
export function pubDay(publishedAt: string | null): number | null {
  if (!publishedAt) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt);
  if (!m) return null;
  return utcDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

const validDay = (y: number, m: number, d: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= 31 && y > 1900 && y < 2200;

/** nearest year for a day-month without a year: the one closest to publication */
function withYear(m: number, d: number, pub: number | null): number | null {
  if (pub === null) return null;
  const y = new Date(pub).getUTCFullYear();
  let best: number | null = null;
  for (const yy of [y - 1, y, y + 1]) {
    const t = utcDay(yy, m, d);
    if (best === null || Math.abs(t - pub) < Math.abs(best - pub)) best = t;
  }
  return best;
}

/** Reads the date references of one sentence's tokens. */
export function readDates(tokens: Token[], pub: number | null): DateRef[] {
  const out: DateRef[] = [];
  const key = (i: number): string => (i >= 0 && i < tokens.length ? matchForm(tokens[i]!.text) : '');
  const num = (i: number): number | null => (i >= 0 && i < tokens.length && tokens[i]!.kind === 'number' ? Number(tokens[i]!.norm) : null);
  const used = new Set<number>();
  const push = (from: number, to: number, days: string[] | null, weekday: number | null, relative: boolean): void => {
    for (let i = from; i < to; i++) used.add(i);
    const text = tokens.slice(from, to).map((t) => t.text).join(' ');
    out.push({ from, to, days, weekday, relative, text });
  };
  const month = (i: number): { m: number; len: number } | null => {
    const two = `${key(i)} ${key(i + 1)}`;
    if (MONTHS[two] !== undefined) return { m: MONTHS[two]!, len: 2 };
    if (MONTHS[key(i)] !== undefined) return { m: MONTHS[key(i)]!, len: 1 };
    return null;
  };
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const t = tokens[i]!;
    // numeric dates: 2025/3/14, 2025.3.8, 6-3-2025 (tokenised as one number or number-punct-number)
    if (t.kind === 'number') {
      const m1 = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$/.exec(t.norm);
      const m2 = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t.norm);
      if (m1 && validDay(+m1[1]!, +m1[2]!, +m1[3]!)) { push(i, i + 1, [iso(utcDay(+m1[1]!, +m1[2]!, +m1[3]!))], null, false); continue; }
      if (m2 && validDay(+m2[3]!, +m2[2]!, +m2[1]!)) { push(i, i + 1, [iso(utcDay(+m2[3]!, +m2[2]!, +m2[1]!))], null, false); continue; }
      // split tokens: 2025 / 3 / 14
      const seq = [num(i), tokens[i + 1]?.text, num(i + 2), tokens[i + 3]?.text, num(i + 4)];
      if (seq[0] !== null && seq[2] !== null && seq[4] !== null && /^[./-]$/.test(String(seq[1])) && seq[1] === seq[3]) {
        const [a, b, c] = [seq[0] as number, seq[2] as number, seq[4] as number];
        const d = a > 1900 ? [a, b, c] : [c, b, a];
        if (validDay(d[0]!, d[1]!, d[2]!)) { push(i, i + 5, [iso(utcDay(d[0]!, d[1]!, d[2]!))], null, false); continue; }
      }
      // 25 آذار [2025]
      const mo = month(i + 1);
      const d = Number(t.norm);
      if (mo && Number.isInteger(d) && d >= 1 && d <= 31) {
        let to = i + 1 + mo.len;
        let y: number | null = null;
        const yn = num(to);
        if (yn !== null && yn > 1900 && yn < 2200) { y = yn; to++; }
        const day = y !== null ? utcDay(y, mo.m, d) : withYear(mo.m, d, pub);
        push(i, to, day === null ? null : [iso(day)], null, false);
        continue;
      }
    }
    // الثامن عشر من آذار
    const ord = ORDINAL_DAYS[key(i)];
    if (ord !== undefined) {
      let d = ord, j = i + 1;
      if (key(j) === 'عشر') { d += 10; j++; }
      else if (key(j) === 'و' + 'عشرين' || key(j) === 'عشرين') { d += 20; j++; }
      if (key(j) === 'من') j++;
      const mo = month(j);
      if (mo && d <= 31) {
        const day = withYear(mo.m, d, pub);
        push(i, j + mo.len, day === null ? null : [iso(day)], null, false);
        continue;
      }
    }
    // weekdays and relative days
    const k = key(i);
    // a weekday name is definite ("الأحد", "يوم الأحد", "والأحد"): "بأحد فنادق" is "one of", not Sunday
    const wd = WEEKDAYS[k] !== undefined && (/^[وفبل]?ال|^لل/.test(tokens[i]!.norm) || key(i - 1) === 'يوم') ? WEEKDAYS[k] : undefined;
    const rel = k === 'يوم' && tokens[i]!.norm.startsWith('ال') ? 0 : k === 'امس' ? -1 : k === 'غدا' ? 1 : null;
    if (rel !== null || wd !== undefined) {
      let offset = rel;
      let weekday = wd ?? null;
      let j = i + 1;
      if (rel === -1 && (key(j) === 'اول' || key(j) === 'الاول')) { offset = -2; j++; }
      if (weekday === null && WEEKDAYS[key(j)] !== undefined && /^[وفبل]?ال|^لل/.test(tokens[j]!.norm)) { weekday = WEEKDAYS[key(j)]!; j++; }
      if (offset === null && weekday === null) continue;
      // an explicit date right after the weekday wins ("الخميس 27 مارس")
      let days: string[] | null = null;
      let relative = false;
      const next = readDates(tokens.slice(j, j + 5), pub).find((r) => r.from === 0 && !r.relative && r.days);
      if (next) {
        days = next.days;
        j += next.to;
      } else if (pub !== null && offset !== null) {
        days = [iso(pub + offset * DAY)];
        relative = true;
      } else if (pub !== null && weekday !== null) {
        const after = key(j);
        const pw = new Date(pub).getUTCDay();
        const back = (pw - weekday + 7) % 7;
        const fwd = (weekday - pw + 7) % 7;
        if (after === 'مقبل' || after === 'قادم') { days = [iso(pub + (fwd === 0 ? 7 : fwd) * DAY)]; j++; }
        else if (after === 'ماضي') { days = [iso(pub - (back === 0 ? 7 : back) * DAY)]; j++; }
        else days = [...new Set([iso(pub - back * DAY), iso(pub + fwd * DAY)])];
        relative = true;
      }
      push(i, j, days, weekday, relative);
      continue;
    }
  }
  return out;
}

/** DateMention values of the date stage inside [start, end), as DateRefs without token positions. */
export function fromMentions(mentions: DateMention[] | undefined, start: number, end: number): DateRef[] {
  if (!mentions) return [];
  return mentions
    .filter((m) => m.start >= start && m.end <= end && /^\d{4}-\d{2}-\d{2}$/.test(m.value))
    .map((m) => ({ from: -1, to: -1, days: [m.value], weekday: null, relative: m.kind === 'relative' || m.kind === 'weekday', text: m.text }));
}

/** true when two references can name the same day */
export function datesAgree(a: DateRef, b: DateRef): boolean {
  if (a.days && b.days) return a.days.some((d) => b.days!.includes(d));
  if (a.weekday !== null && b.weekday !== null) return a.weekday === b.weekday;
  if (a.weekday !== null && b.days) return b.days.some((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === a.weekday);
  if (b.weekday !== null && a.days) return a.days.some((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === b.weekday);
  return true;
}
