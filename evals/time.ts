/**
 * `npm run eval -- time`: temporal expressions and publication dates.
 *   seeds   — acceptance check on /work/shared/seeds (the five articles of one story, no metadata)
 *   gold    — evals/data/time/gold.jsonl (our own sentences; dev/test split, tuned on dev only)
 *   public  — temporal/recognizers-ar.jsonl (date values) and temporal/dateparser-ar.jsonl
 *   corpus  — examples/corpus/truth.json (dates, publication dates, story timelines)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTimeline, extractDates, inferFromStory, inferPublicationDate, findTemporalExpressions } from '../src/extract/time/index.ts';
import { loadTruth, truthArticleText } from '../src/corpus/truth.ts';
import { normalize } from '../src/text/index.ts';
import { addDays, weekday } from '../src/extract/time/calendar.ts';
import { CURRENT_QUALIFIERS, GREGORIAN_MONTHS, NEXT_QUALIFIERS, PAST_QUALIFIERS, WEEKDAYS } from '../src/extract/time/lexicon.ts';
import { fmt, prf, projectRoot, sharedData, sharedFile, writeSection } from './report.ts';

const CMD = 'npm run eval -- time';
const md: string[] = [`## Temporal expressions and publication dates\n\nCommand: \`${CMD}\`\n`];
const say = (s: string): void => {
  console.log(s);
  md.push(s);
};

const norm = (s: string): string => normalize(s).replace(/\s+/g, ' ').trim();
/** a predicted mention matches a gold one when their normalised texts overlap (one contains the other) */
const overlaps = (a: string, b: string): boolean => {
  const x = norm(a);
  const y = norm(b);
  return x.includes(y) || y.includes(x);
};

// ---------------------------------------------------------------- seeds (acceptance)

function seeds(): void {
  const dir = join(sharedData, '..', 'seeds');
  if (!existsSync(dir)) {
    say('### seeds\n\nskipped: /work/shared/seeds not present\n');
    return;
  }
  const arts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(join(dir, f), 'utf8'), publishedAt: null as string | null }));
  const inferred = inferFromStory(arts);
  say('### seeds\n\n| seed | inferred publication | confidence | evidence |\n|---|---|---|---|');
  for (const a of arts) {
    const r = inferred.get(a.id)!;
    a.publishedAt = r.value;
    say(`| ${a.id} | ${r.value ?? '—'} | ${r.confidence} | ${r.evidence.replace(/\|/g, '/')} |`);
  }
  const timeline = buildTimeline(arts);
  // acceptance check from the issue: these events must come out on these days
  const expect: { what: string; date: string; words: RegExp }[] = [
    { what: 'arrival', date: '2023-09-12', words: /وصل/ },
    { what: 'summit', date: '2023-09-13', words: /لقاء|التقى|القم|الاجتماع/ },
    { what: 'Saturday inspection', date: '2023-09-16', words: /تفقد/ },
    { what: 'departure', date: '2023-09-17', words: /غادر|اختتم/ },
    { what: 'thank-you message', date: '2023-09-18', words: /شكر/ },
  ];
  say('\n| event | expected | found in timeline | articles |\n|---|---|---|---|');
  let ok = 0;
  for (const e of expect) {
    const hit = timeline.find((t) => t.date === e.date && e.words.test(t.text));
    if (hit) ok++;
    say(`| ${e.what} | ${e.date} | ${hit ? 'yes' : 'NO'} | ${hit ? hit.articleIds.join(', ') : '—'} |`);
  }
  say(`\nseed events right: ${ok}/${expect.length}; timeline entries: ${timeline.length}\n`);
}

// ---------------------------------------------------------------- gold

interface GoldItem {
  id: string;
  split: 'dev' | 'test';
  text: string;
  published_at: string | null;
  dates: { text: string; value: string }[];
}

function scoreDates(items: { text: string; pub: string | null; dates: { text: string; value: string }[] }[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  let found = 0;
  const errors: string[] = [];
  for (const it of items) {
    const pred = extractDates(it.text, it.pub);
    const used = new Set<number>();
    for (const g of it.dates) {
      // a merged span ("اليوم الأربعاء 5 رمضان 1446 هـ") may stand for several gold expressions of one value
      let k = pred.findIndex((p, i) => !used.has(i) && overlaps(p.text, g.text));
      const merged = pred.findIndex((p, i) => used.has(i) && p.value === g.value && norm(p.text).includes(norm(g.text)));
      if (merged >= 0 && (k < 0 || pred[k].value !== g.value)) {
        found++;
        exact++;
        tp++;
        continue;
      }
      if (k < 0) {
        fn++;
        errors.push(`missed "${g.text}" (${g.value})`);
        continue;
      }
      used.add(k);
      found++;
      if (pred[k].value === g.value) {
        exact++;
        tp++;
      } else {
        fp++;
        fn++;
        errors.push(`"${g.text}": ${pred[k].value} ≠ ${g.value}`);
      }
    }
    pred.forEach((p, i) => {
      if (!used.has(i)) {
        fp++;
        errors.push(`spurious "${p.text}" → ${p.value}`);
      }
    });
  }
  const total = items.reduce((s, i) => s + i.dates.length, 0);
  return { ...prf(tp, fp, fn), exactOfGold: total ? exact / total : 0, exactOfFound: found ? exact / found : 0, total, errors };
}

function gold(): void {
  const path = join(projectRoot, 'evals', 'data', 'time', 'gold.jsonl');
  const rows = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldItem);
  say('### gold (evals/data/time/gold.jsonl)\n\n| split | expressions | P | R | F1 | exact value / gold | exact value / found |\n|---|---|---|---|---|---|---|');
  for (const split of ['dev', 'test'] as const) {
    const s = scoreDates(rows.filter((r) => r.split === split).map((r) => ({ text: r.text, pub: r.published_at, dates: r.dates })));
    say(`| ${split} | ${s.total} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.f1)} | ${fmt(s.exactOfGold)} | ${fmt(s.exactOfFound)} |`);
    if (process.argv.includes('--errors') || split === 'dev') for (const e of s.errors.slice(0, 40)) console.log(`  [${split}] ${e}`);
  }
  say('');
}

// ---------------------------------------------------------------- public data

/**
 * Public files are split once by line number: odd lines (1, 3, 5, …) = dev (tune on these),
 * even lines = test (report). Every table gives dev, test and the total.
 */
type Split = 'dev' | 'test';
const splitOf = (lineIndex0: number): Split => (lineIndex0 % 2 === 0 ? 'dev' : 'test');
const SPLITS: (Split | 'total')[] = ['dev', 'test', 'total'];

interface Tally { n: number; found: number; exact: number; coarser: number }
const tally = (): Tally => ({ n: 0, found: 0, exact: 0, coarser: 0 });
function bump(t: Record<string, Tally>, split: Split, f: (x: Tally) => void): void {
  for (const k of [split, 'total']) f((t[k] ??= tally()));
}

const MONTH_NAMES = GREGORIAN_MONTHS.map(([w]) => w);
const dayPart = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);

/** Past and future readings Recognizers gives (parser records: *_resolution; model records: resolution_values). */
function readings(r: Record<string, any>): { past: string | null; future: string | null } {
  const pick = (x: any): string | null => (x ? (x.date ?? x.startDate ?? x.value ?? x.start ?? null) : null);
  if (r.past_resolution || r.future_resolution) return { past: pick(r.past_resolution), future: pick(r.future_resolution) };
  const vals = Array.isArray(r.resolution_values) ? r.resolution_values : [];
  const vs = vals.map(pick).filter((x: unknown) => typeof x === 'string' && /^\d{4}-\d{2}/.test(x as string));
  return { past: vs[0] ?? null, future: vs[1] ?? vs[0] ?? null };
}

/**
 * Where Recognizers' convention and ours differ by a stated rule, the value our convention gives
 * for the same phrase (computed from the reference date, not from our output):
 *  - "<month> الماضي" without a day: Recognizers = that month of the previous year; ours = the most recent one before.
 *  - "<weekday> القادم/المقبل": Recognizers = that day of next week; ours = the first one after the reference day.
 *  - a bare month ("في سبتمبر"): Recognizers = this year's; ours = the most recent (past clause) or the next (future clause).
 */
function conventionReadings(span: string, ref: string, expected: string): { past: string; future: string; rule: string } | null {
  const n = normalize(span);
  const words = n.split(/\s+/).filter(Boolean);
  const hasMonth = MONTH_NAMES.some((m) => new RegExp(`(^|\\s)${m}(\\s|$)`).test(n));
  const hasDigit = /\d/.test(n);
  const y = Number(ref.slice(0, 4));
  const rm = Number(ref.slice(5, 7));
  if (hasMonth && !hasDigit && /^\d{4}-\d{2}$/.test(expected)) {
    const m = Number(expected.slice(5, 7));
    const past = `${m < rm ? y : y - 1}-${expected.slice(5, 7)}`;
    const pastOrThis = `${m <= rm ? y : y - 1}-${expected.slice(5, 7)}`;
    const future = `${m >= rm ? y : y + 1}-${expected.slice(5, 7)}`;
    if (words.some((w) => PAST_QUALIFIERS.includes(w))) return { past, future: past, rule: 'month الماضي' };
    if (!words.some((w) => NEXT_QUALIFIERS.includes(w) || CURRENT_QUALIFIERS.includes(w) || /^هذ[اه]$/.test(w))) return { past: pastOrThis, future, rule: 'bare month' };
  }
  const wd = WEEKDAYS.find(([w]) => words.includes(w));
  if (wd && !words.includes('الاسبوع') && words.some((w) => NEXT_QUALIFIERS.includes(w)) && /^\d{4}-\d{2}-\d{2}$/.test(expected)) {
    const ahead = (wd[1] - weekday(ref) + 7) % 7 || 7;
    const v = addDays(ref, ahead);
    return { past: v, future: v, rule: 'weekday المقبل' };
  }
  return null;
}

/** Monday of ISO week `w` of year `y` (our value for "الأسبوع …"). */
function isoWeekMonday(y: number, w: number): string {
  const jan4 = `${y}-01-04`;
  const wd = (weekday(jan4) + 6) % 7;
  return addDays(addDays(jan4, -wd), 7 * (w - 1));
}

function publicData(): void {
  say('### public data\n');
  say('Convention: a month or day written without a year resolves to the occurrence nearest the reference date, a "past"/"الماضي" qualifier to the most recent one before it (news usage), "المقبل"/future verbs to the next one. Where Recognizers-Text resolves by another stated rule ("last <month>" = previous year, "next <weekday>" = next week\'s, a bare month = this year\'s) or gives past and future readings, the case is scored under "conventions differ" against the reading our convention calls for (the past one in a past clause, the future one in a future clause); the rest are "conventions agree".\n');
  say('Splits: each public file is split once by line number, odd lines = dev, even lines = test.\n');
  const rec = sharedFile('temporal/recognizers-ar.jsonl', 'time');
  if (rec) {
    const rows = readFileSync(rec, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const isDayish = (v: unknown): v is string => typeof v === 'string' && /^(\d{4}|XXXX)-(\d{2}|XX)(-\d{2})?$/.test(v);
    const main: Record<string, Record<string, Tally>> = { agree: {}, differ: {} };
    const other: Record<string, Record<string, Tally>> = {};
    const notScored = new Map<string, number>();
    const rules = new Map<string, number>();
    const misses: string[] = [];
    rows.forEach((r, line) => {
      const split = splitOf(line);
      const ref = String(r.reference_date ?? '').slice(0, 10) || null;
      const exp: unknown = r.expected;
      const type = String(r.type).split('.').pop()!;
      const inMain = /^(date|daterange)$/.test(type) && isDayish(exp) && !/XX$/.test(exp.slice(0, 7));
      // which values count as right, and under which bucket
      let bucket = 'agree';
      let accept: (v: string, tense: string | undefined) => 'exact' | 'coarser' | false;
      const { past, future } = readings(r);
      const byTense = (p: string | null, f: string | null, len: number) => (v: string, tense: string | undefined) => {
        const want = (tense === 'future' ? f : p)?.slice(0, len);
        return want === v ? 'exact' as const : want?.startsWith(v + '-') ? 'coarser' as const : false;
      };
      const among = (ws: string[]) => (v: string) => (ws.includes(v) ? 'exact' as const : ws.some((w) => w.startsWith(v + '-')) ? 'coarser' as const : false);
      let table: Record<string, Record<string, Tally>>;
      if (inMain) {
        table = main;
        const conv = ref ? conventionReadings(String(r.span), ref, exp) : null;
        if (conv && ref) {
          bucket = 'differ';
          rules.set(conv.rule, (rules.get(conv.rule) ?? 0) + 1);
          accept = byTense(conv.past, conv.future, exp.length);
        } else if (exp.startsWith('XXXX')) {
          if (past && future && past.slice(0, 10) !== future.slice(0, 10)) {
            bucket = 'differ';
            accept = byTense(past, future, exp.length);
          } else if (past || future) accept = among([past, future].filter((x): x is string => !!x).map((d) => d.slice(0, exp.length)));
          else accept = (v) => (v.length === exp.length && v.slice(4) === exp.slice(4) ? 'exact' : false); // no reading given: any year
        } else accept = among([exp]);
      } else {
        // other TIMEX forms, mapped onto our values (a day, YYYY-MM or YYYY)
        const e = String(exp ?? '');
        let shape: string | null = null;
        let ws: string[] = [];
        let m: RegExpExecArray | null;
        if (/^(time|timerange|duration|set)$/.test(type) || /^P|^T|^\(T/.test(e)) {
          const k = /^(time|timerange)$/.test(type) || /^T|^\(T/.test(e) ? 'time of day (T14, (T17,T18,PT1H))' : type === 'set' ? 'set (every …)' : 'duration (P3D, PT2H)';
          notScored.set(k, (notScored.get(k) ?? 0) + 1);
          return;
        } else if ((m = /^(\d{4})-W(\d{2})$/.exec(e))) {
          shape = 'week YYYY-Www → its Monday';
          ws = [isoWeekMonday(+m[1], +m[2])];
        } else if (/^\d{4}$/.test(e)) {
          shape = 'year YYYY';
          ws = [e];
        } else if ((m = /^\((\d{4}-\d{2}-\d{2})(?:T[\d:]+)?,(\d{4}-\d{2}-\d{2})/.exec(e))) {
          shape = 'range (a,b,P…) → start day a';
          ws = [m[1]];
        } else if (/-W\d{2}(-WE)?$/.test(e) && dayPart(past) && dayPart(future)) {
          shape = 'week of a month/year (YYYY-MM-Wnn), weekend (…-WE) → its start day';
          (other[shape] ??= {});
          accept = byTense(dayPart(past), dayPart(future), 10);
          table = other;
          bucket = shape;
        } else if ((m = /^(\d{4}-\d{2}-\d{2})T/.exec(e))) {
          shape = 'date-time YYYY-MM-DDT… → its day';
          ws = [m[1]];
          const conv = ref ? conventionReadings(String(r.span), ref, m[1]) : null;
          if (conv) {
            ws = [];
            accept = byTense(conv.past, conv.future, 10);
            bucket = shape;
          }
        } else if (/^XXXX-(WXX-\d|\d{2}-\d{2}T)/.test(e) && past && future) {
          shape = /^XXXX-WXX/.test(e) ? 'weekday XXXX-WXX-d (past/future readings)' : 'date-time XXXX-MM-DDT… (past/future readings)';
          const [pd, fd] = [dayPart(past), dayPart(future)];
          if (!pd || !fd) return;
          const sh = shape;
          (other[sh] ??= {});
          accept = byTense(pd, fd, 10);
          ws = [];
          table = other;
          bucket = sh;
        } else {
          const k = e ? 'other forms (XX months, weeks of a month, seasons, PRESENT_REF, unresolved)' : 'no value (not resolved)';
          notScored.set(k, (notScored.get(k) ?? 0) + 1);
          return;
        }
        if (ws.length) accept = among(ws);
        bucket = shape!;
        table = other;
      }
      const t = (table[bucket] ??= {});
      bump(t, split, (x) => x.n++);
      if (!ref) return;
      const preds = extractDates(r.text, ref);
      const span = { start: r.start as number, end: (r.start as number) + String(r.span).length };
      // some spec offsets are off by a few characters: fall back to the span's text
      const p = preds.find((x) => x.start < span.end && x.end > span.start) ?? preds.find((x) => String(r.span).trim() && overlaps(x.text, String(r.span)));
      if (!p) {
        if (split === 'dev' || process.argv.includes('--all')) misses.push(`[${split}] missed ${JSON.stringify(r.text)} span "${String(r.span).trim()}" ${e2s(exp)}`);
        return;
      }
      bump(t, split, (x) => x.found++);
      const tense = findTemporalExpressions(r.text).find((x) => x.start === p.start)?.tense;
      const verdict = accept!(p.value, tense);
      if (verdict === 'exact') bump(t, split, (x) => x.exact++);
      else if (verdict === 'coarser') { bump(t, split, (x) => x.coarser++); if (process.argv.includes('--all')) misses.push(`[${split}] coarser ${JSON.stringify(r.text)} "${p.text}" → ${p.value}, want ${e2s(exp)}`); }
      else if (split === 'dev' || process.argv.includes('--all')) misses.push(`[${split}] ${JSON.stringify(r.text)} "${p.text}" → ${p.value}, want ${e2s(exp)}`);
    });
    const row = (label: string, t: Record<string, Tally>) =>
      SPLITS.map((sp) => {
        const x = t[sp] ?? tally();
        return `| ${label} | ${sp} | ${x.n} | ${x.found} | ${x.exact} | ${fmt(x.n ? x.exact / x.n : 0)} | ${x.coarser} |`;
      }).join('\n');
    say('Recognizers-Text (`temporal/recognizers-ar.jsonl`), date and date-range cases whose value is a day or a month (as before this round):\n');
    say('| cases | split | n | found | exact | exact / n | coarser (our YYYY-MM for "قبل شهر") |\n|---|---|---|---|---|---|---|');
    for (const [k, t] of Object.entries(main)) say(row(`conventions ${k}`, t));
    say(`\nCases moved to "differ" by a stated rule: ${[...rules].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}.\n`);
    say('Other TIMEX forms, mapped onto our values (see docs/design/time.md, "Scoring against Recognizers TIMEX"):\n');
    say('| TIMEX form → compared with | split | n | found | exact | exact / n | coarser |\n|---|---|---|---|---|---|---|');
    for (const [k, t] of Object.entries(other)) say(row(k, t));
    say(`\nNot scored (we output no value of that kind): ${[...notScored].map(([k, v]) => `${k}: ${v}`).join('; ')}.\n`);
    if (process.argv.includes('--errors')) for (const m2 of misses) console.log(`  [rec] ${m2}`);
  }
  const dp = sharedFile('temporal/dateparser-ar.jsonl', 'time');
  if (dp) {
    const rows = readFileSync(dp, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const t: Record<string, Tally> = {};
    rows.forEach((r, line) => {
      const split = splitOf(line);
      bump(t, split, (x) => x.n++);
      const ref = r.reference_date ? String(r.reference_date).slice(0, 10) : null;
      const preds = extractDates(r.text, ref);
      if (preds.length === 0) return;
      bump(t, split, (x) => x.found++);
      const want = String(r.expected).slice(0, 10);
      if (preds.some((p) => p.value === want)) bump(t, split, (x) => x.exact++);
      else if (preds.some((p) => want.startsWith(p.value + '-'))) bump(t, split, (x) => x.coarser++);
    });
    say('dateparser (`temporal/dateparser-ar.jsonl`; expected date-times compared by their day):\n');
    say('| split | n | found | exact day | exact / n | coarser (month/year prefix) |\n|---|---|---|---|---|---|');
    for (const sp of SPLITS) {
      const x = t[sp] ?? tally();
      say(`| ${sp} | ${x.n} | ${x.found} | ${x.exact} | ${fmt(x.n ? x.exact / x.n : 0)} | ${x.coarser} |`);
    }
    say('');
  }
}
const e2s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

// ---------------------------------------------------------------- corpus truth

function corpus(): void {
  const truth = loadTruth(projectRoot);
  const texts = new Map(truth.articles.map((a) => [a.file, truthArticleText(projectRoot, a).text]));
  // 1. dates with the true publication date
  const withTruePub = scoreDates(truth.articles.map((a) => ({ text: texts.get(a.file)!, pub: a.published_at, dates: a.dates })));
  // 2. publication dates inferred per story (metadata where the truth says the input has it)
  const inferredPub = new Map<string, string | null>();
  let nInf = 0;
  let okInf = 0;
  const infErrors: string[] = [];
  for (const story of truth.stories) {
    const arts = truth.articles.filter((a) => a.story === story.id);
    const res = inferFromStory(arts.map((a) => ({ id: a.file, text: texts.get(a.file)!, publishedAt: a.published_at_in_metadata ? a.published_at : null })));
    for (const a of arts) {
      const r = res.get(a.file)!;
      inferredPub.set(a.file, r.value);
      if (!a.published_at_in_metadata) {
        nInf++;
        if (r.value?.slice(0, 10) === a.published_at.slice(0, 10)) okInf++;
        else infErrors.push(`${a.file}: ${r.value} ≠ ${a.published_at.slice(0, 10)} (${r.evidence})`);
      }
    }
  }
  const withInferred = scoreDates(truth.articles.map((a) => ({ text: texts.get(a.file)!, pub: inferredPub.get(a.file) ?? null, dates: a.dates })));
  // 3. the pipeline's per-article path (src/pipeline/extract-stage.ts): inferPublicationDate(text, metadata)
  //    without the story, then extractDates with it (no dates when nothing fixes the day)
  const single = new Map<string, string | null>();
  let singleNull = 0;
  const singleWrong: string[] = [];
  for (const a of truth.articles) {
    const r = inferPublicationDate(texts.get(a.file)!, a.published_at_in_metadata ? a.published_at : null);
    single.set(a.file, r.value);
    if (a.published_at_in_metadata) continue;
    if (!r.value) singleNull++;
    else if (r.value.slice(0, 10) !== a.published_at.slice(0, 10)) singleWrong.push(`${a.file}: ${r.value} ≠ ${a.published_at.slice(0, 10)} (${r.evidence})`);
  }
  const withSingle = scoreDates(truth.articles.map((a) => ({ text: texts.get(a.file)!, pub: single.get(a.file) ?? null, dates: a.dates })));
  say('### bundled corpus (examples/corpus/truth.json)\n\n| setting | dates | P | R | F1 | exact value / gold |\n|---|---|---|---|---|---|');
  say(`| true publication dates | ${withTruePub.total} | ${fmt(withTruePub.precision)} | ${fmt(withTruePub.recall)} | ${fmt(withTruePub.f1)} | ${fmt(withTruePub.exactOfGold)} |`);
  say(`| metadata only, the rest inferred | ${withInferred.total} | ${fmt(withInferred.precision)} | ${fmt(withInferred.recall)} | ${fmt(withInferred.f1)} | ${fmt(withInferred.exactOfGold)} |`);
  say(`| pipeline per-article path (no story context; undated articles get no dates) | ${withSingle.total} | ${fmt(withSingle.precision)} | ${fmt(withSingle.recall)} | ${fmt(withSingle.f1)} | ${fmt(withSingle.exactOfGold)} |`);
  say(`\nPer-article path on the ${nInf} articles without metadata: ${nInf - singleNull - singleWrong.length} right, ${singleNull} left undated (for the story step), ${singleWrong.length} wrong${singleWrong.length ? `: ${singleWrong.map((w) => w.split(' (')[0]).join('; ')}` : ''}.`);
  say(`\nPublication dates inferred for the ${nInf} articles without metadata: ${okInf}/${nInf} right (${fmt(nInf ? okInf / nInf : 0)}).\n`);
  for (const e of infErrors) console.log(`  [pub] ${e}`);
  for (const e of withTruePub.errors.slice(0, 60)) console.log(`  [corpus] ${e}`);
  // 3. timelines: truth (date, article) pairs covered by an entry on that date listing the article
  let pairs = 0;
  let covered = 0;
  for (const story of truth.stories) {
    const arts = truth.articles.filter((a) => a.story === story.id);
    const tl = buildTimeline(arts.map((a) => ({ id: a.file, text: texts.get(a.file)!, publishedAt: inferredPub.get(a.file) ?? null })));
    for (const e of story.timeline) {
      for (const f of e.files) {
        pairs++;
        if (tl.some((t) => t.date === e.date && t.articleIds.includes(f))) covered++;
      }
    }
  }
  say(`Timelines: ${covered}/${pairs} truth (date, article) pairs have a timeline entry on that date citing that article (${fmt(pairs ? covered / pairs : 0)}).\n`);
}

export async function run(_args: string[]): Promise<void> {
  seeds();
  gold();
  publicData();
  corpus();
  writeSection('EVAL.md', 'time', md.join('\n'));
}
