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

function publicData(): void {
  say('### public data\n');
  say('Convention: a month or day written without a year resolves to the occurrence nearest the reference date, a "past"/"الماضي" qualifier to the most recent one before it (news usage), "المقبل"/future verbs to the next one. Recognizers-Text resolves "last <month>" to the previous year; where its past and future resolutions differ we score against the one our context picks, and report the cases where both conventions agree apart.\n');
  const rec = sharedFile('temporal/recognizers-ar.jsonl', 'time');
  if (rec) {
    const rows = readFileSync(rec, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const isDayish = (v: unknown): v is string => typeof v === 'string' && /^(\d{4}|XXXX)-(\d{2}|XX)(-\d{2})?$/.test(v);
    const cases = rows.filter((r) => /(^|\.)(date|daterange)$/.test(r.type) && isDayish(r.expected) && !/XX$/.test(r.expected.slice(0, 7)));
    const buckets = { agree: { n: 0, found: 0, exact: 0 }, differ: { n: 0, found: 0, exact: 0 } };
    for (const r of cases) {
      const pub = String(r.reference_date ?? '').slice(0, 10) || null;
      const preds = extractDates(r.text, pub);
      const span = { start: r.start as number, end: (r.start as number) + String(r.span).length };
      const p = preds.find((x) => x.start < span.end && x.end > span.start);
      const past = r.past_resolution?.date ?? r.past_resolution?.startDate;
      const future = r.future_resolution?.date ?? r.future_resolution?.startDate;
      let wanted: string[] = [r.expected];
      let bucket: 'agree' | 'differ' = 'agree';
      if (r.expected.startsWith('XXXX')) {
        if (past && future && past !== future) bucket = 'differ';
        wanted = [past, future].filter(Boolean).map((d: string) => d.slice(0, r.expected.length));
      }
      const b = buckets[bucket];
      b.n++;
      if (!p) continue;
      b.found++;
      if (bucket === 'agree' ? wanted.includes(p.value) : p.value === (findTemporalExpressions(r.text).find((e) => e.start === p.start)?.tense === 'future' ? future : past)?.slice(0, p.value.length)) b.exact++;
    }
    say('Recognizers-Text (`temporal/recognizers-ar.jsonl`, date and date-range cases with a day or month value):\n\n| cases | n | found | exact | exact / n |\n|---|---|---|---|---|');
    for (const [k, b] of Object.entries(buckets)) say(`| conventions ${k} | ${b.n} | ${b.found} | ${b.exact} | ${fmt(b.n ? b.exact / b.n : 0)} |`);
    say('');
  }
  const dp = sharedFile('temporal/dateparser-ar.jsonl', 'time');
  if (dp) {
    const rows = readFileSync(dp, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    let found = 0;
    let exact = 0;
    for (const r of rows) {
      const preds = extractDates(r.text, String(r.reference_date).slice(0, 10));
      if (preds.length === 0) continue;
      found++;
      const want = String(r.expected).slice(0, 10);
      if (preds.some((p) => want.startsWith(p.value) && (p.value.length === 10 || r.type !== 'relative_past' || true))) exact++;
    }
    say(`dateparser (\`temporal/dateparser-ar.jsonl\`): ${rows.length} cases, found ${found}, value right ${exact} (${fmt(exact / rows.length)}); a month/year value counts when it is the prefix of the expected date.\n`);
  }
}

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
