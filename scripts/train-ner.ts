/**
 * `npm run train:ner -- PATH [--dev DEV] [--epochs N] [--bits B] [--seed S] [--out FILE]`
 * (--clusters-from MODEL reuses the word clusters and wide word table of an existing model file instead of rebuilding them;
 * --unlabelled FILE.jsonl.gz (repeatable) replaces the default streams ../shared/data/{ant,saudinewsnet}/articles.jsonl.gz.)
 * Trains the entity tagger on a CoNLL file (`token TAG`, IOB2, blank line between sentences)
 * and writes the model to models/ner.bin.gz. Reproducible: shuffles are seeded.
 * With --dev, prints entity-level F1 on the dev file after every epoch (for tuning; never a test split).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConll, scoreSpans, type LabelledSentence } from '../src/extract/entities/conll.ts';
import { loadModel, saveModel, type NerModel } from '../src/extract/entities/modelFile.ts';
import { DEFAULTS, tagWords, trainNer } from '../src/extract/entities/train.ts';
import { ENTITY_TYPES } from '../src/extract/entities/tags.ts';
import { prf, sharedData } from '../evals/report.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildClusters, readCorpusKeys, type ClusterData } from '../src/extract/entities/clusters.ts';
import { buildWordTable } from '../src/extract/entities/wordTable.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dev: { type: 'string' },
    epochs: { type: 'string' },
    bits: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    unlabelled: { type: 'string', multiple: true },
    'cluster-tokens': { type: 'string' },
    'cluster-vocab': { type: 'string' },
    'no-clusters': { type: 'boolean' },
    'clusters-from': { type: 'string' },
  },
});

const path = positionals[0];
if (!path) {
  console.error('usage: npm run train:ner -- TRAIN.conll [--dev DEV.conll] [--epochs N] [--bits B] [--seed S] [--out FILE]');
  process.exit(2);
}

export function devF1(model: NerModel, dev: LabelledSentence[]): number {
  const pred = dev.map((s) => tagWords(model, s.words));
  const sc = scoreSpans(
    dev.map((s) => s.tags),
    pred,
  );
  let tp = 0, fp = 0, fn = 0;
  for (const t of ENTITY_TYPES) {
    tp += sc[t].tp;
    fp += sc[t].fp;
    fn += sc[t].fn;
  }
  return prf(tp, fp, fn).f1;
}

const train = parseConll(readFileSync(path, 'utf8'));
const dev = values.dev ? parseConll(readFileSync(values.dev, 'utf8')) : null;
const out = values.out ?? resolve(import.meta.dirname, '..', 'models', 'ner.bin.gz');
const t0 = Date.now();
// word clusters from unlabelled news (default: the ANT stream when ../shared/data is present)
let clusters: ClusterData | null = null;
let clustersFrom: string | null = null;
if (values['clusters-from']) {
  // reuse the clusters of an existing model file (same unlabelled text, skips the ~1 min build)
  const from = loadModel(values['clusters-from']);
  clusters = from.clusterData;
  clustersFrom = from.meta.clustersFrom;
  console.log(`clusters: reused from ${values['clusters-from']}`);
} else if (!values['no-clusters']) {
  // both public streams: the 30k-word clusters come from the ANT stream (the first path), the
  // wide word table (multi-level clusters + trigger-context profile) from all of them
  const paths = values.unlabelled ?? ['ant', 'saudinewsnet'].map((d) => join(sharedData, d, 'articles.jsonl.gz')).filter((p) => existsSync(p));
  if (paths.length) {
    const maxTokens = Number(values['cluster-tokens'] ?? 20_000_000);
    const perPath: string[][][] = [];
    for (const p of paths) perPath.push(await readCorpusKeys([p], maxTokens));
    const all = perPath.flat();
    const count = (ds: string[][]): number => ds.reduce((a, d) => a + d.length, 0);
    const n = count(all);
    const name = (p: string): string => `${basename(dirname(p))}/${basename(p)}`;
    const since = (): string => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
    console.log(`unlabelled: read ${n} tokens from ${paths.map(name).join(', ')} (${since()})`);
    const wide = buildWordTable(all, { log: (m) => console.log(`${m} (${since()})`) });
    clusters = { ...buildClusters(perPath[0], { vocab: Number(values['cluster-vocab'] ?? 30000), log: (m) => console.log(`clusters: ${m} (${since()})`) }), wide };
    clustersFrom = `${name(paths[0])} (${count(perPath[0])} tokens); wide word table: ${paths.map(name).join(' + ')} (${n} tokens, ${wide.codes.length} words)`;
  } else {
    console.log('clusters: no unlabelled text found (pass --unlabelled FILE.jsonl.gz); training without clusters');
  }
}
const model = trainNer(train, {
  clusters,
  clustersFrom,
  epochs: values.epochs ? Number(values.epochs) : DEFAULTS.epochs,
  bits: values.bits ? Number(values.bits) : DEFAULTS.bits,
  seed: values.seed ? Number(values.seed) : DEFAULTS.seed,
  trainedOn: basename(path),
  onEpoch: (e, m, mistakes) => {
    const extra = dev ? ` dev F1 ${(devF1(m, dev) * 100).toFixed(2)}` : '';
    console.log(`epoch ${e}: ${mistakes} token mistakes${extra} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  },
});
saveModel(model, out);
console.log(`trained on ${train.length} sentences (${model.meta.trainTokens} tokens) in ${((Date.now() - t0) / 1000).toFixed(1)}s → ${out}`);
