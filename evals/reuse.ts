/**
 * Reuse eval.
 * (1) ExAraPlagDet (PAN@FIRE 2015 external plagiarism detection, one part): index every source
 *     document, query every suspicious document, score
 *     - document pairs: does suspicious d reuse source s (any reported passage);
 *     - characters, PAN-style: detected vs annotated characters on both sides, micro-averaged,
 *       with granularity and plagdet = F1 / log2(1 + granularity); recall by obfuscation type.
 *     Suspicious documents are split into a fixed dev half and test half (hash of the id); alignment
 *     thresholds are picked on dev by plagdet and reported on test.
 * (2) examples/corpus/truth.json (when present): copy-pair precision/recall of the `copy` decision.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fmt, prf, projectRoot, sharedFile, writeSection, type PRF } from './report.ts';
import { hashString } from '../src/reuse/hash.ts';
import { ReuseIndex, withParams, type ReuseFinding, type ReuseParams, type ReuseParamsInput, type AlignParams } from '../src/reuse/index.ts';

interface Case {
  suspicious: string;
  source: string;
  susp_offset: number;
  susp_length: number;
  src_offset: number;
  src_length: number;
  obfuscation: string;
  type: string;
}

type Found = Map<string, ReuseFinding[]>; // suspicious id → findings (otherId = source id)

const isDev = (id: string): boolean => (hashString(id) & 1) === 0;

function unionLength(iv: [number, number][]): number {
  iv.sort((a, b) => a[0] - b[0]);
  let n = 0;
  let end = -1;
  for (const [s, e] of iv) {
    const from = Math.max(s, end);
    if (e > from) n += e - from;
    end = Math.max(end, e);
  }
  return n;
}

function intersectLength(a: [number, number][], b: [number, number][]): number {
  let n = 0;
  // small lists: quadratic on merged intervals is fine
  const ma = merge(a);
  const mb = merge(b);
  for (const [s1, e1] of ma) for (const [s2, e2] of mb) n += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return n;
}

function merge(iv: [number, number][]): [number, number][] {
  const s = [...iv].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of s) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

interface Scores {
  docPairs: PRF & { tp: number; fp: number; fn: number };
  chars: PRF;
  granularity: number;
  plagdet: number;
  recallByObf: Map<string, { recall: number; docRecall: number; cases: number }>;
}

function score(cases: Case[], susp: string[], found: Found): Scores {
  const suspSet = new Set(susp);
  const cs = cases.filter((c) => suspSet.has(c.suspicious));
  const gold = new Set(cs.map((c) => `${c.suspicious}|${c.source}`));
  const pred = new Set<string>();
  for (const s of susp) for (const f of found.get(s) ?? []) pred.add(`${s}|${f.otherId}`);
  let tp = 0;
  for (const p of pred) if (gold.has(p)) tp++;
  const docPairs = { ...prf(tp, pred.size - tp, gold.size - tp), tp, fp: pred.size - tp, fn: gold.size - tp };

  // characters: per (susp, src) pair, both sides
  let detChars = 0;
  let goldChars = 0;
  let detHit = 0;
  let goldHit = 0;
  const pairs = new Set([...gold, ...pred]);
  const detections = new Map<string, { s: [number, number]; o: [number, number] }[]>();
  for (const s of susp) {
    for (const f of found.get(s) ?? []) {
      detections.set(`${s}|${f.otherId}`, f.passages.map((p) => ({ s: [p.start, p.end] as [number, number], o: [p.otherStart, p.otherEnd] as [number, number] })));
    }
  }
  const casesOf = new Map<string, Case[]>();
  for (const c of cs) {
    const k = `${c.suspicious}|${c.source}`;
    const l = casesOf.get(k);
    if (l) l.push(c);
    else casesOf.set(k, [c]);
  }
  let detectedCases = 0;
  let detectionsOnDetected = 0;
  const byObf = new Map<string, { hit: number; len: number; cases: number; docHit: number }>();
  for (const k of pairs) {
    const det = detections.get(k) ?? [];
    const gc = casesOf.get(k) ?? [];
    const dS = det.map((d) => d.s);
    const dO = det.map((d) => d.o);
    const gS = gc.map((c) => [c.susp_offset, c.susp_offset + c.susp_length] as [number, number]);
    const gO = gc.map((c) => [c.src_offset, c.src_offset + c.src_length] as [number, number]);
    detChars += unionLength([...dS]) + unionLength([...dO]);
    goldChars += unionLength([...gS]) + unionLength([...gO]);
    const hit = intersectLength(dS, gS) + intersectLength(dO, gO);
    detHit += hit;
    goldHit += hit;
    for (const c of gc) {
      const cS: [number, number] = [c.susp_offset, c.susp_offset + c.susp_length];
      const cO: [number, number] = [c.src_offset, c.src_offset + c.src_length];
      const h = intersectLength(dS, [cS]) + intersectLength(dO, [cO]);
      const o = byObf.get(c.obfuscation) ?? { hit: 0, len: 0, cases: 0, docHit: 0 };
      o.hit += h;
      o.len += c.susp_length + c.src_length;
      o.cases++;
      if (det.length > 0) o.docHit++;
      byObf.set(c.obfuscation, o);
      const overlapping = det.filter((d) => intersectLength([d.s], [cS]) > 0 && intersectLength([d.o], [cO]) > 0).length;
      if (overlapping > 0) {
        detectedCases++;
        detectionsOnDetected += overlapping;
      }
    }
  }
  const precision = detChars === 0 ? 0 : detHit / detChars;
  const recall = goldChars === 0 ? 0 : goldHit / goldChars;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const granularity = detectedCases === 0 ? 1 : detectionsOnDetected / detectedCases;
  const recallByObf = new Map([...byObf].map(([k, v]) => [k, { recall: v.hit / v.len, docRecall: v.docHit / v.cases, cases: v.cases }]));
  return { docPairs, chars: { precision, recall, f1 }, granularity, plagdet: f1 / Math.log2(1 + granularity), recallByObf };
}

async function queryAll(index: ReuseIndex, docs: Map<string, string>, susp: string[]): Promise<Found> {
  const found: Found = new Map();
  for (const s of susp) found.set(s, await index.query({ id: s, text: docs.get(s)! }, { includeShared: true }));
  return found;
}

async function exaraplagdet(lines: string[]): Promise<void> {
  const docsPath = sharedFile('reuse/exaraplagdet/documents.jsonl.gz', 'reuse');
  const casesPath = sharedFile('reuse/exaraplagdet/cases.jsonl', 'reuse');
  if (!docsPath || !casesPath) {
    lines.push('ExAraPlagDet: skipped (data not present).');
    return;
  }
  const docs = new Map<string, string>();
  for (const l of gunzipSync(readFileSync(docsPath)).toString('utf8').split('\n')) {
    if (!l.trim()) continue;
    const d = JSON.parse(l) as { id: string; text: string };
    docs.set(d.id, d.text);
  }
  const cases = readFileSync(casesPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);
  const sources = [...docs.keys()].filter((id) => id.startsWith('source/'));
  const susp = [...docs.keys()].filter((id) => id.startsWith('suspicious/'));
  const dev = susp.filter(isDev);
  const test = susp.filter((s) => !isDev(s));

  // long ExAra documents (up to 138k chars) need more fingerprints than news articles
  const base: ReuseParamsInput = { maxFingerprints: 4000, maxCandidates: 20 };
  const t0 = performance.now();
  const grid: Partial<AlignParams>[] = [];
  for (const minMatched of [8, 12, 16])
    for (const maxGap of [8, 12])
      for (const [splitParagraphs, mergeGap] of [[true, 0], [false, 40]] as const) grid.push({ minMatched, maxGap, splitParagraphs, mergeGap });
  let best: { a: Partial<AlignParams>; s: Scores } | null = null;
  const devRows: string[] = [];
  // index once (alignment parameters apply at query time)
  const index = ReuseIndex.inMemory({ params: base });
  for (const id of sources) await index.add({ id, text: docs.get(id)! }, {});
  const indexMs = performance.now() - t0;
  for (const a of grid) {
    (index as unknown as { params: ReuseParams }).params = withParams({ ...base, align: a });
    const s = score(cases, dev, await queryAll(index, docs, dev));
    devRows.push(`| ${a.minMatched} | ${a.maxGap} | ${a.splitParagraphs} | ${a.mergeGap} | ${fmt(s.docPairs.f1)} | ${fmt(s.chars.precision)} | ${fmt(s.chars.recall)} | ${fmt(s.chars.f1)} | ${fmt(s.granularity, 2)} |`);
    if (!best || s.plagdet > best.s.plagdet) best = { a, s };
  }
  (index as unknown as { params: ReuseParams }).params = withParams({ ...base, align: best!.a });
  const ts = score(cases, test, await queryAll(index, docs, test));
  const ds = best!.s;
  const row = (name: string, s: Scores, n: number) =>
    `| ${name} (${n} susp.) | ${fmt(s.docPairs.precision)} | ${fmt(s.docPairs.recall)} | ${fmt(s.docPairs.f1)} | ${fmt(s.chars.precision)} | ${fmt(s.chars.recall)} | ${fmt(s.chars.f1)} | ${fmt(s.granularity, 2)} | ${fmt(s.plagdet)} |`;
  lines.push(
    `### ExAraPlagDet (\`reuse/exaraplagdet\`, ${sources.length} sources, ${susp.length} suspicious, ${cases.length} cases)`,
    '',
    `Index of all sources built in ${(indexMs / 1000).toFixed(1)} s. Alignment thresholds picked on the dev half by plagdet: ` +
      `minMatched=${best!.a.minMatched}, maxGap=${best!.a.maxGap}, splitParagraphs=${best!.a.splitParagraphs}, mergeGap=${best!.a.mergeGap}. Document pair = the suspicious document reuses that source (any passage reported).`,
    '',
    '| split | pair P | pair R | pair F1 | char P | char R | char F1 | granularity | plagdet |',
    '|---|---|---|---|---|---|---|---|---|',
    row('dev', ds, dev.length),
    row('**test**', ts, test.length),
    '',
    'Recall by obfuscation type (test half; char = share of annotated characters detected on both sides, pair = cases whose document pair was found):',
    '',
    '| obfuscation | cases | char recall | pair recall |',
    '|---|---|---|---|',
    ...[...ts.recallByObf].sort().map(([k, v]) => `| ${k} | ${v.cases} | ${fmt(v.recall)} | ${fmt(v.docRecall)} |`),
    '',
    '<details><summary>dev grid</summary>',
    '',
    '| minMatched | maxGap | split at paragraphs | mergeGap | pair F1 | char P | char R | char F1 | gran. |',
    '|---|---|---|---|---|---|---|---|---|',
    ...devRows,
    '',
    '</details>',
  );
}

async function bundledCorpus(lines: string[]): Promise<void> {
  const truthPath = join(projectRoot, 'examples', 'corpus', 'truth.json');
  if (!existsSync(truthPath)) {
    console.log(`[reuse] skipped: ${truthPath} not present`);
    lines.push('', '### Bundled corpus', '', 'skipped: examples/corpus/truth.json not present.');
    return;
  }
  const { loadTruth, truthArticleText } = await import('../src/corpus/truth.ts');
  const truth = loadTruth(projectRoot);
  const index = ReuseIndex.inMemory();
  const pred = new Map<string, string>();
  for (const a of truth.articles) {
    const { text } = truthArticleText(projectRoot, a);
    for (const f of await index.add({ id: a.file, text, publishedAt: a.published_at })) {
      pred.set([a.file, f.otherId].sort().join('|'), f.kind);
    }
  }
  const gold = new Set(truth.copies.map((c) => [c.a, c.b].sort().join('|')));
  const notCopies = new Set(truth.not_copies.map((c) => [c.a, c.b].sort().join('|')));
  let tp = 0;
  const fps: string[] = [];
  for (const k of pred.keys()) {
    if (gold.has(k)) tp++;
    else fps.push(k);
  }
  const missed = [...gold].filter((k) => !pred.has(k));
  const s = prf(tp, fps.length, missed.length);
  const flaggedNot = [...notCopies].filter((k) => pred.has(k)).length;
  // two outlets that both copy the same wire share its passages: the truth lists copy pairs to the
  // source only, so also report with such sibling pairs (same connected component of gold copies) counted right
  const parent = new Map<string, string>();
  const find = (x: string): string => (parent.get(x) ?? x) === x ? x : find(parent.get(x)!);
  for (const c of truth.copies) parent.set(find(c.a), find(c.b));
  const siblings = fps.filter((k) => {
    const [a, b] = k.split('|');
    return find(a) === find(b);
  });
  const st = prf(tp + siblings.length, fps.length - siblings.length, missed.length);
  lines.push(
    '',
    `### Bundled corpus (\`examples/corpus/truth.json\`: ${truth.articles.length} articles, ${gold.size} copy pairs, ${notCopies.size} rewrites that are not copies)`,
    '',
    '| copy pairs P | R | F1 | TP | FP | FN | not_copies flagged |',
    '|---|---|---|---|---|---|---|',
    `| ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.f1)} | ${tp} | ${fps.length} | ${missed.length} | ${flaggedNot} / ${notCopies.size} |`,
    '',
    `Counting the ${siblings.length} pairs of outlets that both copy the same wire (siblings, not listed in the truth) as right: precision ${fmt(st.precision)}, F1 ${fmt(st.f1)}. Texts are the truth's article texts (HTML pages: all visible text, site chrome included, since the eval does not run the clean stage).`,
  );
  if (fps.length) lines.push('', `False positives: ${fps.join('; ')}`);
  if (missed.length) lines.push('', `Missed: ${missed.join('; ')}`);
}

export async function run(args: string[]): Promise<void> {
  const lines: string[] = ['Command: `npm run eval -- reuse`', ''];
  if (!args.includes('--no-exara')) await exaraplagdet(lines);
  await bundledCorpus(lines);
  const md = lines.join('\n');
  console.log(md);
  writeSection('EVAL.md', 'reuse', `## Reuse (wire copy, near-duplicates)\n\n${md}`);
}
