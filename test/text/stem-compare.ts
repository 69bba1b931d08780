/**
 * Compares light stemmers on test/text/stem-gold.tsv by pairwise conflation:
 * precision = share of same-stem pairs that are in one class, recall = share of same-class
 * pairs that got one stem.   Run: npx tsx test/text/stem-compare.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stem, light10, snowballStem } from '../../src/text/index.ts';

export interface StemScore {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  classes: number;
  stems: number;
}

export function loadStemGold(): { word: string; cls: string }[] {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'stem-gold.tsv');
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [word, cls] = l.split('\t');
      return { word, cls };
    });
}

export function scoreStemmer(name: string, fn: (w: string) => string, gold = loadStemGold()): StemScore {
  const stems = gold.map((g) => fn(g.word));
  let tp = 0;
  let fp = 0;
  let fn_ = 0;
  for (let i = 0; i < gold.length; i++) {
    for (let j = i + 1; j < gold.length; j++) {
      const same = gold[i].cls === gold[j].cls;
      const conflated = stems[i] === stems[j];
      if (same && conflated) tp++;
      else if (!same && conflated) fp++;
      else if (same && !conflated) fn_++;
    }
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn_ === 0 ? 0 : tp / (tp + fn_);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { name, precision, recall, f1, classes: new Set(gold.map((g) => g.cls)).size, stems: new Set(stems).size };
}

export function compareStemmers(): StemScore[] {
  const gold = loadStemGold();
  return [
    scoreStemmer('snowball-stemmers (arabic)', snowballStem, gold),
    scoreStemmer('light10 (Larkey)', light10, gold),
    scoreStemmer('stem(): clitic-aware light', stem, gold),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = compareStemmers();
  console.log(`| stemmer | pair precision | pair recall | F1 | distinct stems (classes ${rows[0].classes}) |`);
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.precision.toFixed(3)} | ${r.recall.toFixed(3)} | ${r.f1.toFixed(3)} | ${r.stems} |`);
  if (process.argv.includes('--errors')) {
    for (const g of loadStemGold()) console.log(g.cls, g.word, stem(g.word), light10(g.word), snowballStem(g.word));
  }
}
