// The bundled corpus and its truth file agree: every string the truth quotes is found in its
// article at the stated place, every id it references exists, and the corpus has the shape
// the evals rely on (outlets, stories, formats, dates).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collapse, corpusDir, loadTruth, nthIndexOf, truthArticleText, type TruthArticle } from '../../src/corpus/truth.ts';
import { mergeTruthFragments } from '../../scripts/build-truth.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = corpusDir(root);
const truth = loadTruth(root);

function find(text: string, collapsed: boolean, needle: string, occurrence = 1): number {
  return collapsed ? nthIndexOf(text, collapse(needle), occurrence) : nthIndexOf(text, needle, occurrence);
}

const texts = new Map<string, { text: string; collapsed: boolean }>();
const textOf = (a: TruthArticle) => {
  if (!texts.has(a.file)) texts.set(a.file, truthArticleText(root, a));
  return texts.get(a.file)!;
};
const byFile = new Map(truth.articles.map((a) => [a.file, a]));

test('truth.json is the merge of the fragments in examples/corpus/truth/ (run scripts/build-truth.ts)', () => {
  const merged = mergeTruthFragments(corpus);
  const onDisk = JSON.parse(readFileSync(join(corpus, 'truth.json'), 'utf8'));
  delete onDisk.version;
  assert.deepEqual(JSON.parse(JSON.stringify(merged)), onDisk);
});

test('every article file of the corpus is in the truth, and every truth file exists', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (!['truth', 'notes'].includes(name)) walk(p);
      } else if (/\.(txt|html?|jsonl|xml)$/.test(name)) files.push(relative(corpus, p));
    }
  };
  walk(corpus);
  const truthFiles = new Set(truth.articles.map((a) => a.file.split('#')[0]));
  for (const f of files) assert.ok(truthFiles.has(f), `${f} has no truth entry`);
  for (const f of truthFiles) assert.ok(existsSync(join(corpus, f)), `${f} is in the truth but missing`);
});

test('every truth string is found verbatim in its article', () => {
  const problems: string[] = [];
  for (const a of truth.articles) {
    const { text, collapsed } = textOf(a);
    const check = (what: string, needle: string, occ = 1) => {
      if (find(text, collapsed, needle, occ) < 0) problems.push(`${a.file}: ${what} not found: ${needle.slice(0, 60)}`);
    };
    for (const l of a.lines) check(`line (${l.class})`, l.text);
    if (a.inline_prefix) check('inline prefix', a.inline_prefix.text.trim());
    for (const p of a.body_paragraphs ?? []) check('body paragraph', p);
    for (const e of a.entities) check(`entity ${e.entity} #${e.occurrence}`, e.text, e.occurrence);
    for (const q of a.quotes) check(`quote of ${q.speaker}`, q.content);
    for (const d of a.dates) check(`date ${d.value}`, d.text);
  }
  for (const s of truth.stories) {
    for (const c of [...s.conflicts, ...s.near_misses]) {
      for (const side of c.sides) {
        const a = byFile.get(side.file);
        if (!a) problems.push(`${s.id}: conflict side names unknown file ${side.file}`);
        else if (find(textOf(a).text, textOf(a).collapsed, side.text) < 0) problems.push(`${side.file}: conflict side not found: ${side.text.slice(0, 60)}`);
      }
    }
  }
  for (const c of truth.copies) {
    const a = byFile.get(c.a);
    const b = byFile.get(c.b);
    if (!a || !b) {
      problems.push(`copy ${c.a} ↔ ${c.b}: unknown file`);
      continue;
    }
    for (const p of c.passages) {
      if (find(textOf(a).text, textOf(a).collapsed, p.a_text) < 0) problems.push(`${c.a}: copied passage not found: ${p.a_text.slice(0, 60)}`);
      if (find(textOf(b).text, textOf(b).collapsed, p.b_text) < 0) problems.push(`${c.b}: copied passage not found: ${p.b_text.slice(0, 60)}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every id the truth references exists', () => {
  const stories = new Set(truth.stories.map((s) => s.id));
  const events = new Set(truth.stories.flatMap((s) => s.events.map((e) => e.id)));
  const entities = new Set(truth.entities.map((e) => e.id));
  const problems: string[] = [];
  for (const a of truth.articles) {
    if (!stories.has(a.story)) problems.push(`${a.file}: unknown story ${a.story}`);
    if (!events.has(a.event)) problems.push(`${a.file}: unknown event ${a.event}`);
    for (const e of a.entities) if (!entities.has(e.entity)) problems.push(`${a.file}: unknown entity ${e.entity}`);
    for (const q of a.quotes) if (q.speaker && !entities.has(q.speaker)) problems.push(`${a.file}: unknown speaker ${q.speaker}`);
  }
  for (const c of [...truth.copies, ...truth.not_copies]) {
    for (const f of [c.a, c.b]) if (!byFile.has(f)) problems.push(`copy pair names unknown file ${f}`);
  }
  assert.deepEqual(problems, []);
});

test('the corpus has the shape the evals rely on', () => {
  const n = truth.articles.length;
  assert.ok(n >= 48, `${n} articles`);
  assert.ok(new Set(truth.articles.map((a) => a.source)).size >= 8, 'at least 8 outlets');
  assert.ok(truth.stories.length >= 6, 'at least 6 stories');
  for (const s of truth.stories) {
    const k = truth.articles.filter((a) => a.story === s.id).length;
    assert.ok(k >= 2 && k <= 12, `${s.id} has ${k} articles`);
  }
  const times = truth.articles.map((a) => Date.parse(a.published_at));
  assert.ok((Math.max(...times) - Math.min(...times)) / 86_400_000 >= 21, 'spread over at least 3 weeks');
  const formats = new Set(truth.articles.map((a) => a.format));
  for (const f of ['txt', 'txt+meta', 'html', 'jsonl', 'rss']) assert.ok(formats.has(f as never), `format ${f} present`);
  assert.ok(truth.articles.some((a) => /1256/.test(a.encoding)), 'a Windows-1256 file is present');
  assert.ok(truth.copies.length >= 6, 'wire copy pairs are planted');
  assert.ok(truth.not_copies.length >= 3, 'rewrites that are not copies are planted');
});
