/**
 * Structured averaged perceptron over BIO tags with first-order Viterbi decoding
 * (Collins 2002). Emission weights live in a hashed table `[feature * NUM_TAGS + tag]`;
 * transition weights in `[(prev + 1) * NUM_TAGS + cur]` with prev = -1 for the sentence start.
 */
import type { SentenceFeats } from './features.ts';
import { NUM_TAGS, allowedTransition } from './tags.ts';
import { seededRandom } from '../../util/random.ts';
export { seededRandom };

export interface LinearWeights {
  bits: number;
  emission: Float32Array;
  transition: Float32Array;
}

export function emptyWeights(bits: number): LinearWeights {
  return { bits, emission: new Float32Array((1 << bits) * NUM_TAGS), transition: new Float32Array((NUM_TAGS + 1) * NUM_TAGS) };
}

const NEG = -1e30;
/** Disallowed transitions (I-X after anything but X) are fixed to -inf. */
const ALLOWED: boolean[] = [];
for (let p = -1; p < NUM_TAGS; p++) for (let c = 0; c < NUM_TAGS; c++) ALLOWED.push(allowedTransition(p, c));

let emBuf = new Float64Array(128 * NUM_TAGS);
let scoreBuf = new Float64Array(128 * NUM_TAGS);
let backBuf = new Int8Array(128 * NUM_TAGS);
let tagBuf = new Int32Array(128);

function ensure(n: number): void {
  if (tagBuf.length >= n) return;
  const m = Math.max(n, tagBuf.length * 2);
  emBuf = new Float64Array(m * NUM_TAGS);
  scoreBuf = new Float64Array(m * NUM_TAGS);
  backBuf = new Int8Array(m * NUM_TAGS);
  tagBuf = new Int32Array(m);
}

/**
 * Best tag sequence under the weights. Allocation-free: the result is a view of a scratch
 * buffer, valid until the next call (copy it to keep it).
 */
export function viterbi(w: LinearWeights, feats: SentenceFeats): Int32Array {
  const n = feats.n;
  if (n === 0) return tagBuf.subarray(0, 0);
  ensure(n);
  const em = emBuf, score = scoreBuf, back = backBuf;
  const e = w.emission;
  const ids = feats.ids, offs = feats.offs;
  if (feats.pre) em.set(feats.pre.subarray(0, n * NUM_TAGS));
  else em.fill(0, 0, n * NUM_TAGS);
  for (let i = 0; i < n; i++) {
    const base = i * NUM_TAGS;
    for (let j = offs[i], end = offs[i + 1]; j < end; j++) {
      const off = ids[j] * NUM_TAGS;
      for (let t = 0; t < NUM_TAGS; t++) em[base + t] += e[off + t];
    }
  }
  const tr = w.transition;
  for (let c = 0; c < NUM_TAGS; c++) score[c] = ALLOWED[c] ? tr[c] + em[c] : NEG;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * NUM_TAGS;
    for (let c = 0; c < NUM_TAGS; c++) {
      let best = NEG;
      let arg = 0;
      for (let p = 0; p < NUM_TAGS; p++) {
        const k = (p + 1) * NUM_TAGS + c;
        if (!ALLOWED[k]) continue;
        const s = score[prev + p] + tr[k];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * NUM_TAGS + c] = best + em[i * NUM_TAGS + c];
      back[i * NUM_TAGS + c] = arg;
    }
  }
  const lastRow = (n - 1) * NUM_TAGS;
  let last = 0;
  for (let c = 1; c < NUM_TAGS; c++) if (score[lastRow + c] > score[lastRow + last]) last = c;
  const tags = tagBuf;
  tags[n - 1] = last;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * NUM_TAGS + tags[i]];
  return tags.subarray(0, n);
}


export interface TrainExample {
  feats: SentenceFeats;
  tags: number[];
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  seed: number;
  /** called after each epoch with the averaged weights so far (for dev monitoring) */
  onEpoch?: (epoch: number, averaged: LinearWeights, mistakes: number) => void;
}

/** Trains with the averaging trick: avg = w − acc / c, updated lazily per mistake. */
export function trainPerceptron(examples: readonly TrainExample[], opts: TrainOptions): LinearWeights {
  const w = emptyWeights(opts.bits);
  const accE = new Float64Array(w.emission.length);
  const accT = new Float64Array(w.transition.length);
  const rand = seededRandom(opts.seed);
  const order = examples.map((_, i) => i);
  let c = 1;
  const averaged = (): LinearWeights => {
    const a = emptyWeights(opts.bits);
    for (let i = 0; i < a.emission.length; i++) a.emission[i] = w.emission[i] - accE[i] / c;
    for (let i = 0; i < a.transition.length; i++) a.transition[i] = w.transition[i] - accT[i] / c;
    return a;
  };
  const bump = (arr: Float32Array, acc: Float64Array, idx: number, d: number): void => {
    arr[idx] += d;
    acc[idx] += c * d;
  };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let mistakes = 0;
    for (const idx of order) {
      const ex = examples[idx];
      const pred = viterbi(w, ex.feats);
      for (let i = 0; i < pred.length; i++) {
        const g = ex.tags[i];
        const p = pred[i];
        const gPrev = i === 0 ? -1 : ex.tags[i - 1];
        const pPrev = i === 0 ? -1 : pred[i - 1];
        if (g !== p) {
          mistakes++;
          const { ids, offs } = ex.feats;
          for (let j = offs[i]; j < offs[i + 1]; j++) {
            bump(w.emission, accE, ids[j] * NUM_TAGS + g, 1);
            bump(w.emission, accE, ids[j] * NUM_TAGS + p, -1);
          }
        }
        if (g !== p || gPrev !== pPrev) {
          bump(w.transition, accT, (gPrev + 1) * NUM_TAGS + g, 1);
          bump(w.transition, accT, (pPrev + 1) * NUM_TAGS + p, -1);
        }
      }
      c++;
    }
    opts.onEpoch?.(epoch, averaged(), mistakes);
  }
  return averaged();
}
