/**
 * Calendar arithmetic on plain ISO days ("YYYY-MM-DD"), all in UTC so no zone can shift a day,
 * and Hijri → Gregorian conversion.
 *
 * Hijri: Node's ICU ships the Umm al-Qura table (the Saudi official calendar, 1300–1600 AH),
 * so we search the Gregorian day whose Umm al-Qura date is the wanted one, starting from the
 * tabular (Kuwaiti) estimate. If ICU lacks the calendar we fall back to the tabular algorithm,
 * which can differ from the observed/official calendar by ±1 day (±2 rarely).
 */

export type IsoDay = string;

const DAY_MS = 86_400_000;

export function isoDay(y: number, m: number, d: number): IsoDay {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function toUtc(day: IsoDay): Date {
  return new Date(`${day.slice(0, 10)}T00:00:00Z`);
}

export function fromUtc(d: Date): IsoDay {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, n: number): IsoDay {
  return fromUtc(new Date(toUtc(day).getTime() + n * DAY_MS));
}

/** Adds n calendar months, clamping the day to the target month's length. */
export function addMonths(day: IsoDay, n: number): IsoDay {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return isoDay(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(day: IsoDay): number {
  return toUtc(day).getUTCDay();
}

export function diffDays(a: IsoDay, b: IsoDay): number {
  return Math.round((toUtc(a).getTime() - toUtc(b).getTime()) / DAY_MS);
}

/** Monday of the ISO week containing `day`. */
export function mondayOf(day: IsoDay): IsoDay {
  const w = weekday(day);
  return addDays(day, -((w + 6) % 7));
}

/** The ISO day of an ISO date or date-time as written (its local calendar day, no zone shift). */
export function dayOf(isoDateOrTime: string): IsoDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDateOrTime.trim());
  if (!m) return null;
  return isValidDay(+m[1], +m[2], +m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

// ---------------------------------------------------------------- Hijri

/** Tabular Islamic calendar (Kuwaiti algorithm, astronomical epoch): Julian day number of a Hijri date. */
function tabularJdn(y: number, m: number, d: number): number {
  return d + Math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + Math.floor((3 + 11 * y) / 30) + 1948439 - 1;
}

function jdnToIso(jdn: number): IsoDay {
  // JDN 2440588 = 1970-01-01
  return fromUtc(new Date((jdn - 2440588) * DAY_MS));
}

/** Tabular (Kuwaiti) conversion; may be ±1 day off the official Umm al-Qura calendar. */
export function hijriToGregorianTabular(y: number, m: number, d: number): IsoDay {
  return jdnToIso(tabularJdn(y, m, d));
}

let ummAlQura: Intl.DateTimeFormat | null | undefined;
function ummAlQuraFormat(): Intl.DateTimeFormat | null {
  if (ummAlQura !== undefined) return ummAlQura;
  try {
    const f = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
    ummAlQura = f.resolvedOptions().calendar === 'islamic-umalqura' ? f : null;
  } catch {
    ummAlQura = null;
  }
  return ummAlQura;
}

/** Hijri date of a Gregorian day per Umm al-Qura (null when ICU lacks the calendar). */
export function gregorianToHijri(day: IsoDay): { y: number; m: number; d: number } | null {
  const f = ummAlQuraFormat();
  if (!f) return null;
  const parts = f.formatToParts(toUtc(day));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? NaN);
  const y = get('year');
  return { y, m: get('month'), d: get('day') };
}

/** Gregorian day of a Hijri date: Umm al-Qura through ICU, tabular when unavailable. Null for impossible dates. */
export function hijriToGregorian(y: number, m: number, d: number): IsoDay | null {
  if (m < 1 || m > 12 || d < 1 || d > 30 || y < 1) return null;
  const estimate = hijriToGregorianTabular(y, m, d);
  if (!ummAlQuraFormat()) return estimate;
  for (const off of [0, -1, 1, -2, 2, -3, 3]) {
    const g = addDays(estimate, off);
    const h = gregorianToHijri(g);
    if (h && h.y === y && h.m === m && h.d === d) return g;
  }
  // day 30 of a 29-day month: not a real date in Umm al-Qura
  return d === 30 ? null : estimate;
}
