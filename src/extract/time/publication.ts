/**
 * Publication-date inference for articles whose metadata has no date.
 *
 * One article: the publication day P is chosen among candidate days by a small cost:
 *   - "اليوم/أمس/غداً + weekday" cues must fit P's weekday (hard);
 *   - explicit full dates told in a past context must not be after P (hard);
 *   - "<day> <month> الجاري" must be in P's month (hard);
 *   - bare past weekdays ("وصل الثلاثاء") resolve to the most recent such day before P and
 *     should not fall before the story window's first day (soft, per day);
 *   - earlier P is preferred (0.2 per day): articles report recent events.
 * Candidates: from the latest explicit past date A to A+13, or around the story's known days.
 * A story pass (`inferFromStory`) first takes articles with metadata or self-contained evidence,
 * then resolves the others in order of evidence strength against the days known so far.
 */
import { addDays, dayOf, diffDays, weekday, type IsoDay } from './calendar.ts';
import { findTemporalExpressions, usesBareYesterday, type DayCue, type TemporalExpression } from './extract.ts';

export interface PublicationInference {
  /** ISO date (or the metadata's date-time as given), null when nothing supports a date */
  value: string | null;
  /** false only when the value comes from metadata */
  inferred: boolean;
  /** a short human-readable account of what the value rests on */
  evidence: string;
  /** 'metadata' | 'explicit' (a written date with a today/yesterday cue) | 'consistent' (cues fit) | 'weak' | 'none' */
  confidence: 'metadata' | 'explicit' | 'consistent' | 'weak' | 'none';
}

export interface StoryContext {
  /** days known to belong to the story: publication days of dated articles and the recent days they report */
  knownDays: IsoDay[];
  /** publication days of the story's dated articles (defaults to knownDays) */
  knownPubs?: IsoDay[];
}

/** Soft cost of a bare weekday falling on the publication day or the day before in an article that says "أمس". */
const RECENT_WEEKDAY_COST = 1.5;

const OFFSET: Record<DayCue, number> = { today: 0, yesterday: -1, dayBefore: -2, tomorrow: 1, dayAfter: 2 };
const WD_NAMES = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

interface Evidence {
  exprs: TemporalExpression[];
  anchors: { day: IsoDay; text: string }[];
  explicitPast: { day: IsoDay; text: string }[];
  cues: { cue: DayCue; weekday: number; text: string }[];
  bareWeekdays: TemporalExpression[];
  currentMonth: { month: number; text: string }[];
  usesYesterday: boolean;
}

/**
 * A written date that closes a period ("حتى نهاية السنة المالية في 30-6-2025", "قبل 15 أيار") is a
 * deadline, not a reported event: it says nothing about when the article was written.
 */
const DEADLINE_BEFORE = /(?:^|[^\p{L}])(?:حتى|لغاية|بحلول|قبل|مهلة|موعد|استحقاق|تنتهي|ينتهي|نهاية|أقصاه|اقصاه)(?:[^\p{L}][^.،,؛\n]{0,40})?$/u;

function gather(text: string): Evidence {
  const exprs = findTemporalExpressions(text);
  const ev: Evidence = { exprs, anchors: [], explicitPast: [], cues: [], bareWeekdays: [], currentMonth: [], usesYesterday: usesBareYesterday(exprs) };
  for (const e of exprs) {
    if (e.explicit && e.dayCue) ev.anchors.push({ day: addDays(e.explicit, -OFFSET[e.dayCue.cue]), text: e.text });
    else if (e.explicit && e.tense === 'past' && !DEADLINE_BEFORE.test(text.slice(Math.max(0, e.start - 50), e.start))) ev.explicitPast.push({ day: e.explicit, text: e.text });
    if (e.dayCue && e.dayCue.weekday !== null && !e.explicit) ev.cues.push({ cue: e.dayCue.cue, weekday: e.dayCue.weekday, text: e.text });
    if (e.kind === 'weekday' && e.weekday !== null && e.weekdayQualifier === null && e.tense === 'past') ev.bareWeekdays.push(e);
    if (e.dayMonth?.qualifier === 'current') ev.currentMonth.push({ month: e.dayMonth.month, text: e.text });
  }
  return ev;
}

/** Bonus for each relative day the article reports that the story already knows (e.g. "أمس" = a known hearing day). */
const KNOWN_DAY_BONUS = 1;

function cost(P: IsoDay, ev: Evidence, L: IsoDay, from: IsoDay, knownDays: Set<string> = new Set()): number {
  let c = 0;
  if (knownDays.size > 0) {
    for (const e of ev.exprs) {
      if (e.explicit || !e.anchored) continue;
      const v = e.resolve(P, { usesYesterday: ev.usesYesterday });
      // "اليوم" always lands on P; a bare weekday that does ("ضرب … فجر السبت" on a Saturday) is evidence
      if (v && v.length === 10 && (v !== P || e.kind === 'weekday') && knownDays.has(v)) c -= KNOWN_DAY_BONUS;
    }
  }
  for (const k of ev.cues) if (weekday(addDays(P, OFFSET[k.cue])) !== k.weekday) c += 10;
  for (const e of ev.explicitPast) if (diffDays(e.day, P) > 0) c += 5;
  for (const m of ev.currentMonth) if (Number(P.slice(5, 7)) !== m.month) c += 5;
  for (const w of ev.bareWeekdays) {
    const r = w.resolve(P, { usesYesterday: ev.usesYesterday });
    if (r && diffDays(L, r) > 0) c += diffDays(L, r);
    if (r && ev.usesYesterday && diffDays(P, r) <= 1) c += RECENT_WEEKDAY_COST;
  }
  return c + 0.2 * diffDays(P, from);
}

function describe(P: IsoDay, ev: Evidence): string {
  const parts: string[] = [];
  if (ev.cues.length) parts.push(`cues ${ev.cues.map((k) => `"${k.text}"`).join(', ')} fit ${WD_NAMES[weekday(P)]}`);
  if (ev.explicitPast.length) parts.push(`latest written date ${ev.explicitPast.map((e) => e.day).sort().at(-1)}`);
  if (ev.bareWeekdays.length) parts.push(`weekdays ${ev.bareWeekdays.map((w) => `"${w.text}"`).join(', ')}`);
  if (ev.currentMonth.length) parts.push(`"${ev.currentMonth[0].text}" in this month`);
  return parts.join('; ');
}

/**
 * The publication date of one article: from metadata when given, else inferred from the
 * text (and from the story's known days when given).
 */
export function inferPublicationDate(text: string, metadataDate: string | null, storyContext?: StoryContext): PublicationInference {
  if (metadataDate && dayOf(metadataDate)) return { value: metadataDate, inferred: false, evidence: 'metadata', confidence: 'metadata' };
  return inferFromEvidence(gather(text), storyContext);
}

function inferFromEvidence(evIn: Evidence, ctx?: StoryContext): PublicationInference {
  let ev = evIn;
  if (ev.anchors.length > 0) {
    // the most frequent anchor (several cues normally agree)
    const counts = new Map<string, number>();
    for (const a of ev.anchors) counts.set(a.day, (counts.get(a.day) ?? 0) + 1);
    const day = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const a = ev.anchors.find((x) => x.day === day)!;
    return { value: day, inferred: true, evidence: `"${a.text}" names the publication day`, confidence: 'explicit' };
  }
  const known = (ctx?.knownDays ?? []).slice().sort();
  const pubs = (ctx?.knownPubs ?? known).slice().sort();
  // with a story, written dates far after its known days are plans, not reported events
  if (pubs.length > 0) ev = { ...ev, explicitPast: ev.explicitPast.filter((e) => diffDays(e.day, pubs[pubs.length - 1]) <= 7) };
  const latestExplicit = ev.explicitPast.map((e) => e.day).sort().at(-1) ?? null;
  let from: IsoDay;
  let to: IsoDay;
  if (pubs.length > 0) {
    // around the story's dated articles; written dates only constrain (background dates are common)
    from = addDays(pubs[0], -2);
    to = addDays(pubs[pubs.length - 1], 10);
    if (latestExplicit && diffDays(latestExplicit, from) > 0) from = latestExplicit;
    if (diffDays(from, to) > 0) to = addDays(from, 13);
  } else if (latestExplicit) {
    from = latestExplicit;
    to = addDays(latestExplicit, 13);
  } else {
    return { value: null, inferred: true, evidence: 'no written date, no story context', confidence: 'none' };
  }
  const storyStart = known.find((d) => diffDays(from, d) <= 7) ?? null;
  const L = storyStart && (!latestExplicit || diffDays(storyStart, latestExplicit) < 0) ? storyStart : (latestExplicit ?? from);
  let best: IsoDay = from;
  let bestCost = Infinity;
  for (let P = from; diffDays(to, P) >= 0; P = addDays(P, 1)) {
    const c = cost(P, ev, L, from, new Set(known));
    if (c < bestCost - 1e-9) {
      best = P;
      bestCost = c;
    }
  }
  const hardOk = bestCost < 5 - 0;
  const confidence = ev.cues.length > 0 && hardOk ? 'consistent' : 'weak';
  const why = describe(best, ev) || (latestExplicit ? `latest written date ${latestExplicit}` : 'story days');
  return { value: best, inferred: true, evidence: ctx && !latestExplicit ? `${why}; story days ${known[0]}…${known.at(-1)}` : why, confidence };
}

export interface StoryArticle {
  id: string;
  text: string;
  /** metadata publication date, or null */
  publishedAt: string | null;
}

/** How far ahead a dated article's scheduled days count as story days. */
const SCHEDULED_DAYS = 21;

/** Recent story days an article with a known date reports (its day-level mentions in the week before it). */
function reportedDays(ev: Evidence, pub: IsoDay): IsoDay[] {
  const out: IsoDay[] = [pub];
  for (const e of ev.exprs) {
    const v = e.resolve(pub, { usesYesterday: ev.usesYesterday });
    // recent days it reports, and days it schedules ("رفع الجلسة إلى 18 آذار"): a later article's
    // "أمس" may well be that day
    if (v && v.length === 10 && diffDays(pub, v) >= -SCHEDULED_DAYS && diffDays(pub, v) <= 7) out.push(v);
  }
  return out;
}

/**
 * Publication dates for a story's articles: metadata first, then self-evident articles, then
 * the rest against the days the story already knows (strongest evidence first).
 */
export function inferFromStory(articles: StoryArticle[]): Map<string, PublicationInference> {
  const result = new Map<string, PublicationInference>();
  const evidence = new Map<string, Evidence>();
  const known: IsoDay[] = [];
  const pubs: IsoDay[] = [];
  const pending: StoryArticle[] = [];
  for (const a of articles) {
    const ev = gather(a.text);
    evidence.set(a.id, ev);
    const meta = a.publishedAt ? dayOf(a.publishedAt) : null;
    if (meta) {
      result.set(a.id, { value: a.publishedAt, inferred: false, evidence: 'metadata', confidence: 'metadata' });
      known.push(...reportedDays(ev, meta));
      pubs.push(meta);
    } else if (ev.anchors.length > 0) {
      const r = inferFromEvidence(ev);
      result.set(a.id, r);
      known.push(...reportedDays(ev, r.value!));
      pubs.push(r.value!);
    } else pending.push(a);
  }
  const strength = (ev: Evidence): number => (ev.explicitPast.length ? 2 : 0) + (ev.cues.length ? 1 : 0);
  pending.sort((a, b) => strength(evidence.get(b.id)!) - strength(evidence.get(a.id)!));
  for (const a of pending) {
    const ev = evidence.get(a.id)!;
    const r = inferFromEvidence(ev, known.length ? { knownDays: [...new Set(known)].sort(), knownPubs: [...new Set(pubs)].sort() } : undefined);
    result.set(a.id, r);
    if (r.value) {
      known.push(...reportedDays(ev, r.value.slice(0, 10)));
      pubs.push(r.value.slice(0, 10));
    }
  }
  return result;
}
