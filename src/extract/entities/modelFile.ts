/**
 * The shipped tagger model: hashed perceptron weights plus the gazetteer derived from the
 * training data. File format (gzip): "MNER1" magic, uint32 LE header length, JSON header,
 * then the emission and transition weights as little-endian Float32.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { InputError } from '../../errors.ts';
import { Clusters, type ClusterData } from './clusters.ts';
import { Gazetteer, type GazetteerData } from './gazetteer.ts';
import type { LinearWeights } from './perceptron.ts';
import { NUM_TAGS, TAGS } from './tags.ts';

const MAGIC = 'MNER1';
export const MODEL_FILE = 'ner.bin.gz';

export interface ModelMeta {
  version: 1;
  bits: number;
  tags: readonly string[];
  epochs: number;
  seed: number;
  trainedOn: string;
  trainTokens: number;
  /** where the word clusters were learned (unlabelled text), if any */
  clustersFrom: string | null;
  /** O-score penalty applied to the bias weight after training (absent in older models) */
  oBias?: number;
  /** feature templates the weights were trained with (absent = 1); see FEATURE_VERSION */
  features?: number;
}

/**
 * Version of the feature templates in features.ts/arabic.ts. Weights are hashed per template, so a
 * model trained with other templates would load fine and tag nonsense: loading refuses it instead.
 * 2: word keys from the toolkit's splitClitics, wide word table features.
 */
export const FEATURE_VERSION = 2;

export interface NerModel {
  meta: ModelMeta;
  weights: LinearWeights;
  gazetteer: Gazetteer;
  clusters: Clusters | null;
  /** kept for saving */
  gazetteerData: GazetteerData;
  clusterData: ClusterData | null;
}

export function makeModel(meta: ModelMeta, weights: LinearWeights, gazetteerData: GazetteerData, clusterData: ClusterData | null): NerModel {
  return { meta, weights, gazetteerData, gazetteer: new Gazetteer(gazetteerData), clusterData, clusters: clusterData ? new Clusters(clusterData) : null };
}

export function serializeModel(m: NerModel): Buffer {
  const header = Buffer.from(JSON.stringify({ meta: m.meta, gazetteer: m.gazetteerData, clusters: m.clusterData }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const e = Buffer.from(m.weights.emission.buffer, m.weights.emission.byteOffset, m.weights.emission.byteLength);
  const t = Buffer.from(m.weights.transition.buffer, m.weights.transition.byteOffset, m.weights.transition.byteLength);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC, 'ascii'), len, header, e, t]), { level: 9 });
}

export function deserializeModel(buf: Buffer, where = 'model'): NerModel {
  const raw = gunzipSync(buf);
  if (raw.subarray(0, 5).toString('ascii') !== MAGIC) {
    throw new InputError(where, 'not a Marsad NER model', { hint: 'train one with `npm run train:ner -- PATH`' });
  }
  const hlen = raw.readUInt32LE(5);
  const { meta, gazetteer, clusters } = JSON.parse(raw.subarray(9, 9 + hlen).toString('utf8')) as { meta: ModelMeta; gazetteer: GazetteerData; clusters: ClusterData | null };
  if (meta.tags.join() !== TAGS.join()) throw new InputError(where, 'model tag set differs from this version', { hint: 'retrain the model' });
  if ((meta.features ?? 1) !== FEATURE_VERSION) {
    throw new InputError(where, `model was trained with feature version ${meta.features ?? 1}, this code computes version ${FEATURE_VERSION}`, { hint: 'retrain it with `npm run train:ner -- ../shared/data/anercorp/train.txt`' });
  }
  const body = raw.subarray(9 + hlen);
  const eLen = (1 << meta.bits) * NUM_TAGS;
  const tLen = (NUM_TAGS + 1) * NUM_TAGS;
  if (body.length !== (eLen + tLen) * 4) throw new InputError(where, 'model weights are truncated', { hint: 'retrain the model' });
  // copy into aligned buffers (the slice offset is not a multiple of 4)
  const emission = new Float32Array(eLen);
  new Uint8Array(emission.buffer).set(body.subarray(0, eLen * 4));
  const transition = new Float32Array(tLen);
  new Uint8Array(transition.buffer).set(body.subarray(eLen * 4));
  return makeModel(meta, { bits: meta.bits, emission, transition }, gazetteer, clusters ?? null);
}

export function saveModel(m: NerModel, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, serializeModel(m));
}

/** models/ner.bin.gz of the package: found by walking up from this file (works from src/ and dist/). */
export function defaultModelPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'models', MODEL_FILE);
    if (existsSync(p)) return p;
    dir = resolve(dir, '..');
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../models', MODEL_FILE);
}

let cached: NerModel | null = null;

/** Loads a model (default: the shipped one, cached after the first call). */
export function loadModel(path?: string): NerModel {
  if (!path && cached) return cached;
  const p = path ?? defaultModelPath();
  if (!existsSync(p)) {
    throw new InputError(p, 'NER model file not found', { hint: 'train it with `npm run train:ner -- ../shared/data/anercorp/train.txt`' });
  }
  const m = deserializeModel(readFileSync(p), p);
  if (!path) cached = m;
  return m;
}
