/** Training a tagger model from CoNLL sentences (used by scripts/train-ner.ts and the evals). */
import { Clusters, type ClusterData } from './clusters.ts';
import { buildGazetteer, Gazetteer } from './gazetteer.ts';
import type { LabelledSentence } from './conll.ts';
import { compactFeats, newSentenceFeats, sentenceFeatures } from './features.ts';
import { FEATURE_VERSION, makeModel, type NerModel } from './modelFile.ts';
import { trainPerceptron, viterbi, type LinearWeights, type TrainExample } from './perceptron.ts';
import { NUM_TAGS, O, TAGS, repairBio, tagsToSpans } from './tags.ts';
import { biasFeatureId } from './features.ts';
import { matchKey } from './arabic.ts';
import { consistentSpans, isNameLike, type DocSpan } from './consistency.ts';

export interface TrainNerOptions {
  bits?: number;
  epochs?: number;
  seed?: number;
  /** folds for the jackknifed training gazetteer */
  folds?: number;
  trainedOn?: string;
  clusters?: ClusterData | null;
  clustersFrom?: string | null;
  /** subtracted from the O score of every token after training: trades precision for recall */
  oBias?: number;
  onEpoch?: (epoch: number, model: NerModel, mistakes: number) => void;
}

export const DEFAULTS = { bits: 18, epochs: 8, seed: 13, folds: 5, oBias: 16 } as const;

export function trainNer(sentences: LabelledSentence[], opts: TrainNerOptions = {}): NerModel {
  const bits = opts.bits ?? DEFAULTS.bits;
  const epochs = opts.epochs ?? DEFAULTS.epochs;
  const seed = opts.seed ?? DEFAULTS.seed;
  const folds = Math.max(2, opts.folds ?? DEFAULTS.folds);
  // jackknife: the gazetteer features of fold k come from a gazetteer of the other folds
  const clusterData = opts.clusters ?? null;
  const clusters = clusterData ? new Clusters(clusterData) : null;
  const foldGaz: Gazetteer[] = [];
  for (let k = 0; k < folds; k++) foldGaz.push(new Gazetteer(buildGazetteer(sentences.filter((_, i) => i % folds !== k))));
  const scratch = newSentenceFeats();
  const examples: TrainExample[] = sentences.map((s, i) => ({
    feats: compactFeats(sentenceFeatures(s.words, foldGaz[i % folds], clusters, bits, scratch)),
    tags: repairBio(s.tags),
  }));
  const gazetteerData = buildGazetteer(sentences);
  const meta = {
    version: 1 as const,
    bits,
    tags: TAGS,
    epochs,
    seed,
    trainedOn: opts.trainedOn ?? 'unknown',
    trainTokens: sentences.reduce((n, s) => n + s.words.length, 0),
    clustersFrom: clusterData ? (opts.clustersFrom ?? 'unknown') : null,
    oBias: opts.oBias ?? DEFAULTS.oBias,
    features: FEATURE_VERSION,
  };
  const wrap = (w: LinearWeights): NerModel => makeModel(meta, w, gazetteerData, clusterData);
  const weights = trainPerceptron(examples, {
    bits,
    epochs,
    seed,
    onEpoch: opts.onEpoch ? (e, w, m) => opts.onEpoch!(e, wrap(w), m) : undefined,
  });
  weights.emission[biasFeatureId(bits) * NUM_TAGS + O] -= meta.oBias;
  return wrap(weights);
}

const tagScratch = newSentenceFeats();

/** Tags pre-tokenised sentences (CoNLL words) with a model. */
export function tagWords(model: NerModel, words: readonly string[]): number[] {
  const feats = sentenceFeatures(words, model.gazetteer, model.clusters, model.weights.bits, tagScratch, model.weights);
  return Array.from(viterbi(model.weights, feats));
}

/**
 * Tags the sentences of one document (CoNLL words), then makes labels consistent across the
 * document (see consistency.ts). Used by the evals on ANERcorp blocks of sentences.
 */
export function tagDocument(model: NerModel, sentences: readonly (readonly string[])[]): number[][] {
  const tags = sentences.map((s) => tagWords(model, s));
  const keys: string[] = [];
  const starts: number[] = [];
  const spans: DocSpan[] = [];
  sentences.forEach((s, k) => {
    starts.push(keys.length);
    for (const sp of tagsToSpans(tags[k])) spans.push({ start: sp.start + keys.length, end: sp.end + keys.length, type: sp.type });
    for (const w of s) keys.push(/[\p{L}\p{N}]/u.test(w) ? matchKey(w) : '\u0000' + w);
  });
  for (const a of consistentSpans(keys, spans, isNameLike)) {
    let k = starts.length - 1;
    while (starts[k] > a.start) k--;
    const st = a.start - starts[k];
    const b = TAGS.indexOf(`B-${a.type}`);
    tags[k][st] = b;
    for (let j = st + 1; j < a.end - starts[k]; j++) tags[k][j] = b + 1;
  }
  return tags;
}
