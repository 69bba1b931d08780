/** Training a tagger model from CoNLL sentences (used by scripts/train-ner.ts and the evals). */
import { Clusters, type ClusterData } from './clusters.ts';
import { buildGazetteer, Gazetteer } from './gazetteer.ts';
import type { LabelledSentence } from './conll.ts';
import { compactFeats, newSentenceFeats, sentenceFeatures } from './features.ts';
import { makeModel, type NerModel } from './modelFile.ts';
import { trainPerceptron, viterbi, type LinearWeights, type TrainExample } from './perceptron.ts';
import { TAGS, repairBio } from './tags.ts';

export interface TrainNerOptions {
  bits?: number;
  epochs?: number;
  seed?: number;
  /** folds for the jackknifed training gazetteer */
  folds?: number;
  trainedOn?: string;
  clusters?: ClusterData | null;
  clustersFrom?: string | null;
  onEpoch?: (epoch: number, model: NerModel, mistakes: number) => void;
}

export const DEFAULTS = { bits: 18, epochs: 10, seed: 13, folds: 5 } as const;

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
  };
  const wrap = (w: LinearWeights): NerModel => makeModel(meta, w, gazetteerData, clusterData);
  const weights = trainPerceptron(examples, {
    bits,
    epochs,
    seed,
    onEpoch: opts.onEpoch ? (e, w, m) => opts.onEpoch!(e, wrap(w), m) : undefined,
  });
  return wrap(weights);
}

const tagScratch = newSentenceFeats();

/** Tags pre-tokenised sentences (CoNLL words) with a model. */
export function tagWords(model: NerModel, words: readonly string[]): number[] {
  const feats = sentenceFeatures(words, model.gazetteer, model.clusters, model.weights.bits, tagScratch, model.weights);
  return Array.from(viterbi(model.weights, feats));
}
