/**
 * Reuse eval.
 * (1) ExAraPlagDet (PAN@FIRE 2015 external plagiarism detection, one part): index every source
 *     document, query every suspicious document, score
 *     - document pairs: does suspicious d reuse source s (any reported passage);
 *     - characters, PAN-style: detected vs annotated characters on both sides, micro-averaged,
 *       with granularity and plagdet = F1 / log2(1 + granularity); recall by obfuscation type.
 *     Suspicious documents are split into a fixed dev half and test half (hash of the id); alignment
 *     thresholds are picked on dev by plagdet and reported on test.
 * (2) examples/corpus/truth.json (when present): the bundled corpus through the whole pipeline; copy-pair
 *     precision/recall against the truth's copies (strict) and their transitive closure, passage agreement.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fmt, prf, projectRoot, sharedFile, writeSection, type PRF } from './report.ts';
import { hashString } from '../src/reuse/hash.ts';
import type { ReuseLink } from '../src/model.ts';
import { keyTokens, rawToText, ReuseIndex, storeTextSource, withParams, type AlignParams, type ReuseDoc, type ReuseFinding, type ReuseParams, type ReuseParamsInput, type TokenSeq } from '../src/reuse/index.ts';

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

/** Token intervals [from, to) of a text's key sequence. */
type TokIv = [number, number];

/** Where a truth passage lies in a document's tokens: exact key run, else with up to 8 words trimmed at either end (a dateline the cleaner moved out of the body). */
function locate(doc: TokenSeq, passage: string): TokIv | null {
  const g = keyTokens(passage).keys;
  for (let trim = 0; trim <= 8; trim++) {
    for (let lead = 0; lead <= trim; lead++) {
      const from = lead;
      const to = g.length - (trim - lead);
      if (to - from < 5) return null;
      const first = g[from];
      for (let i = 0; i + (to - from) <= doc.length; i++) {
        if (doc.keys[i] !== first) continue;
        let k = 1;
        while (k < to - from && doc.keys[i + k] === g[from + k]) k++;
        if (k === to - from) return [i, i + k];
      }
    }
  }
  return null;
}

/** Token interval of a character range of the document text. */
function tokenRange(doc: TokenSeq, start: number, end: number): TokIv {
  let a = 0;
  while (a < doc.length && doc.ends[a] <= start) a++;
  let b = a;
  while (b < doc.length && doc.starts[b] < end) b++;
  return [a, b];
}

/**
 * Copy pairs and passages on the bundled corpus, exactly as users get them: the corpus is
 * ingested into a temporary SQLite store and run through the whole pipeline (`processAll`:
 * clean, extract, reuse), then the stored 'reuse' links are read back.
 *
 * Gold: the truth's `copies`, closed transitively through a common article — two outlets that
 * both copied article X share X's passages, and a detector reporting them is right — but only
 * when the truth shows they copied the SAME passages of X (≥ 2 of X's passages in common, the
 * wire-copy shape the copy rule asks for). Other predicted pairs are false positives.
 */
async function bundledCorpus(lines: string[]): Promise<void> {
  const truthPath = join(projectRoot, 'examples', 'corpus', 'truth.json');
  if (!existsSync(truthPath)) {
    console.log(`[reuse] skipped: ${truthPath} not present`);
    lines.push('', '### Bundled corpus', '', 'skipped: examples/corpus/truth.json not present.');
    return;
  }
  const { loadTruth } = await import('../src/corpus/truth.ts');
  const { SqliteStore } = await import('../src/store/sqlite.ts');
  const { ingest } = await import('../src/ingest/index.ts');
  const { processAll } = await import('../src/pipeline.ts');
  const truth = loadTruth(projectRoot);
  const corpus = join(projectRoot, 'examples', 'corpus');
  const dir = mkdtempSync(join(tmpdir(), 'marsad-reuse-eval-'));
  const store = new SqliteStore(join(dir, 'eval.db'));
  try {
    const t0 = performance.now();
    await ingest(store, [corpus]);
    await processAll(store);
    const pipelineMs = performance.now() - t0;
    const articles = await store.listArticles({ limit: 100_000 });

    // truth file names → stored articles (jsonl records are stored as file#line, truth names them file#id)
    const jsonlIds = new Map<string, string>();
    for (const a of articles) {
      const m = /^(.*\.jsonl)#(\d+)$/.exec(a.origin);
      if (!m) continue;
      const rec = readFileSync(join(corpus, m[1]), 'utf8').split('\n')[Number(m[2]) - 1];
      const id = rec ? (JSON.parse(rec) as { id?: string }).id : undefined;
      if (id) jsonlIds.set(`${m[1]}#${id}`, a.origin);
    }
    const byOrigin = new Map(articles.map((a) => [a.origin, a.id]));
    const idOf = (file: string): string | undefined => byOrigin.get(jsonlIds.get(file) ?? file);
    const fileOf = new Map<string, string>();
    for (const a of truth.articles) {
      const id = idOf(a.file);
      if (!id) throw new Error(`[reuse eval] truth article ${a.file} was not ingested`);
      fileOf.set(id, a.file);
    }
    const key = (x: string, y: string) => [x, y].sort().join('|');

    // predicted copy pairs: every stored link (the stage stores copies and near-duplicates only)
    const links = await store.getAnalyses<ReuseLink[]>('reuse', articles.map((a) => a.id));
    const pred = new Map<string, { from: string; link: ReuseLink }[]>();
    for (const [id, ls] of links) {
      for (const l of ls ?? []) {
        const k = key(fileOf.get(id)!, fileOf.get(l.otherId)!);
        pred.set(k, [...(pred.get(k) ?? []), { from: fileOf.get(id)!, link: l }]);
      }
    }

    // documents as the reuse stage saw them (cleaned bodies), tokenised
    const docs = new Map<string, { doc: ReuseDoc; toks: TokenSeq }>();
    for (const d of await storeTextSource(store)(articles.map((a) => a.id))) docs.set(fileOf.get(d.id)!, { doc: d, toks: keyTokens(d.text) });

    // gold: direct copies, and sibling pairs that copied ≥ 2 common passages of the same article
    const gold = new Map<string, { a: string; b: string; passages: { a_text: string; b_text: string }[] }>();
    for (const c of truth.copies) gold.set(key(c.a, c.b), c);
    const passagesOn = new Map<string, Map<string, string[]>>(); // article X → copier → X-side passage texts
    for (const c of truth.copies) {
      for (const [x, other, side] of [[c.a, c.b, 'a_text'], [c.b, c.a, 'b_text']] as const) {
        const m = passagesOn.get(x) ?? new Map<string, string[]>();
        m.set(other, c.passages.map((p) => p[side]));
        passagesOn.set(x, m);
      }
    }
    const siblingGold = new Map<string, string>(); // pair → common article
    const siblingRejected = new Map<string, string>();
    for (const [x, copiers] of passagesOn) {
      const xt = docs.get(x)?.toks;
      const ivs = new Map([...copiers].map(([o, ps]) => [o, ps.map((p) => (xt ? locate(xt, p) : null)).filter((v): v is TokIv => v !== null)]));
      const cs = [...copiers.keys()];
      for (let i = 0; i < cs.length; i++)
        for (let j = i + 1; j < cs.length; j++) {
          const k = key(cs[i], cs[j]);
          if (gold.has(k)) continue;
          const common = ivs.get(cs[i])!.filter((p) => ivs.get(cs[j])!.some((q) => Math.min(p[1], q[1]) - Math.max(p[0], q[0]) >= 5)).length;
          if (common >= 2) siblingGold.set(k, x);
          else if (!siblingGold.has(k)) siblingRejected.set(k, `${x} (${common} common passage)`);
        }
    }
    for (const k of siblingGold.keys()) siblingRejected.delete(k);

    const notCopies = new Set(truth.not_copies.map((c) => key(c.a, c.b)));
    const scorePairs = (goldSet: Set<string>) => {
      let tp = 0;
      const fps: string[] = [];
      for (const k of pred.keys()) (goldSet.has(k) ? tp++ : fps.push(k));
      const missed = [...goldSet].filter((k) => !pred.has(k));
      return { ...prf(tp, fps.length, missed.length), tp, fps, missed };
    };
    const strict = scorePairs(new Set(gold.keys()));
    const closed = scorePairs(new Set([...gold.keys(), ...siblingGold.keys()]));
    const siblingsFound = [...siblingGold.keys()].filter((k) => pred.has(k)).length;
    const flaggedNot = [...notCopies].filter((k) => pred.has(k));

    // passages of the truth's direct copy pairs, in word tokens of the cleaned bodies, both sides
    let goldTok = 0;
    let predTok = 0;
    let hitTok = 0;
    let goldPassages = 0;
    let goldFound = 0;
    let unlocated = 0;
    let predPassages = 0;
    let predOnGold = 0;
    for (const [k, c] of gold) {
      const found = pred.get(k) ?? [];
      for (const [file, side] of [[c.a, 'a_text'], [c.b, 'b_text']] as const) {
        const d = docs.get(file);
        if (!d) continue;
        const g = c.passages.map((p) => locate(d.toks, p[side]));
        unlocated += g.filter((x) => x === null).length;
        const gi = g.filter((x): x is TokIv => x !== null);
        // this side's passages: from this article's own link (its `text` offsets are this side's)
        const own = found.find((f) => f.from === file)?.link.passages ?? [];
        const pi = own.map((p) => tokenRange(d.toks, rawToText(d.doc, p.start), rawToText(d.doc, p.end)));
        goldTok += unionLength(gi.map((x) => [...x] as TokIv));
        predTok += unionLength(pi.map((x) => [...x] as TokIv));
        hitTok += intersectLength(gi, pi);
        goldPassages += g.length;
        goldFound += gi.filter((x) => intersectLength([x], pi) >= 0.5 * (x[1] - x[0])).length;
        predPassages += pi.length;
        predOnGold += pi.filter((x) => intersectLength([x], gi) > 0).length;
      }
    }
    const tokP = predTok ? hitTok / predTok : 0;
    const tokR = goldTok ? hitTok / goldTok : 0;
    const tokF = tokP + tokR ? (2 * tokP * tokR) / (tokP + tokR) : 0;

    lines.push(
      '',
      `### Bundled corpus (\`examples/corpus/truth.json\`: ${truth.articles.length} articles, ${gold.size} copy pairs, ${notCopies.size} rewrites that are not copies)`,
      '',
      `The corpus is ingested into a temporary SQLite store and run through the whole pipeline (\`processAll\`: clean, extract, reuse; ${(pipelineMs / 1000).toFixed(1)} s), and the stored \`reuse\` links are scored — texts are the cleaned bodies, as users get them. ` +
        `**Closed** gold adds the ${siblingGold.size} sibling pairs implied by the truth: two outlets that both copied the same article X share X's passages, counted when the truth shows they copied ≥ 2 common passages of X (${siblingRejected.size} sibling pairs with fewer are not gold). **Strict** gold is the truth's \`copies\` list alone.`,
      '',
      '| gold | copy pairs P | R | F1 | TP | FP | FN | not_copies flagged |',
      '|---|---|---|---|---|---|---|---|',
      `| **closed** (copies + ${siblingGold.size} siblings) | ${fmt(closed.precision)} | ${fmt(closed.recall)} | ${fmt(closed.f1)} | ${closed.tp} | ${closed.fps.length} | ${closed.missed.length} | ${flaggedNot.length} / ${notCopies.size} |`,
      `| strict (copies only) | ${fmt(strict.precision)} | ${fmt(strict.recall)} | ${fmt(strict.f1)} | ${strict.tp} | ${strict.fps.length} | ${strict.missed.length} | ${flaggedNot.length} / ${notCopies.size} |`,
      '',
      `Sibling pairs found: ${siblingsFound} / ${siblingGold.size}.`,
      '',
      `Passages of the ${gold.size} truth copy pairs (${goldPassages} passage sides; ${unlocated} could not be located in the cleaned body), in word tokens of the cleaned bodies, both sides: ` +
        `token P ${fmt(tokP)}, R ${fmt(tokR)}, F1 ${fmt(tokF)}; truth passages ≥ 50 % covered by a reported passage: ${goldFound} / ${goldPassages - unlocated} (${fmt(goldFound / Math.max(1, goldPassages - unlocated))}); ` +
        `reported passages overlapping a truth passage: ${predOnGold} / ${predPassages} (${fmt(predOnGold / Math.max(1, predPassages))}).`,
    );
    if (closed.fps.length) lines.push('', `False positives (closed): ${closed.fps.join('; ')}`);
    if (closed.missed.length) lines.push('', `Missed (closed): ${closed.missed.join('; ')}`);
    if (siblingRejected.size) lines.push('', `Sibling pairs not in the closed gold (< 2 common passages): ${[...siblingRejected].map(([k, v]) => `${k} via ${v}`).join('; ')}`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const lines: string[] = ['Command: `npm run eval -- reuse`', ''];
  if (!args.includes('--no-exara')) await exaraplagdet(lines);
  await bundledCorpus(lines);
  const md = lines.join('\n');
  console.log(md);
  writeSection('EVAL.md', 'reuse', `## Reuse (wire copy, near-duplicates)\n\n${md}`);
}
