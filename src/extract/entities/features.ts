/**
 * Token features for the tagger, hashed into a fixed-size table (feature hashing keeps the
 * model small and needs no feature dictionary). Features suit Arabic: the normalised word,
 * the word with proclitics (و ف ب ل ك ال) stripped, prefixes/suffixes, character trigrams,
 * shape, a ±3 window of neighbouring words and their clusters, gazetteer hits (derived from
 * training data), trigger words, and how the word behaves in unlabelled news (frequency,
 * whether it takes the article or pronoun suffixes: names rarely do).
 *
 * Speed: everything that depends on one word form alone is computed once per distinct raw
 * token (bounded cache) as integer hashes; per token, only the context features are mixed
 * from those integers, with no string building in the hot loop.
 */
import { normalize, wordCount } from '../../text/index.ts';
import { normWord, splitProclitics } from './arabic.ts';
import type { Clusters } from './clusters.ts';
import type { Gazetteer } from './gazetteer.ts';
import type { LinearWeights } from './perceptron.ts';
import { NUM_TAGS } from './tags.ts';
import { triggerOf } from './triggers.ts';
import { NO_WIDE } from './wordTable.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of s[a, b). */
export function hashRange(s: string, a = 0, b = s.length, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = a; i < b; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h | 0;
}

export function hashString(s: string): number {
  return hashRange(s) >>> 0;
}

/** One murmur3 mixing step: combines a running hash with a value. */
function mix(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3 finaliser: spreads the bits before masking to the table size. */
function fin(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Value slots of a word used by its neighbours' features. */
const enum S {
  KEY,
  NORM,
  SHAPE,
  GAZ,
  TRIG,
  CL,
  CL2,
  KS2,
  LEX,
  W64,
  W256,
  N,
}

/** Feature templates: each id seeds the hash so equal values in different templates differ. */
let nextTemplate = 1;
const T = (): number => Math.imul(nextTemplate++, 0x9e3779b1) | 0;
const TL = {
  bias: T(), w: T(), k: T(), pc: T(), sh: T(), p2: T(), p3: T(), s1: T(), s2: T(), s3: T(), t: T(), cl: T(), cl2: T(), c3: T(),
  lf: T(), al: T(), sfx: T(), lex: T(), lexsh: T(), w64: T(), w256: T(), w1024: T(), prof: T(), profal: T(),
};
const TC = {
  km1: T(), km2: T(), km3: T(), kp1: T(), kp2: T(), kp3: T(), wm1: T(), wp1: T(), kkm1: T(), kkp1: T(), shm1: T(), shp1: T(),
  g: T(), gm1: T(), gp1: T(), gg: T(), tm1: T(), tm2: T(), tp1: T(), tm1k: T(), clm1: T(), clp1: T(), clm2: T(), clp2: T(),
  cl2m1: T(), cl2p1: T(), lexm1: T(), lexp1: T(), km1cl: T(), tm1cl: T(), w256m1: T(), w256p1: T(), w64m2: T(), w64p2: T(),
};

/** What one word form contributes, computed once per distinct raw token. */
export interface WordFeats {
  /** matching key (normalised, proclitics stripped): the phrase gazetteer looks these up */
  key: string;
  /** mixed (not finalised) hashes of the features that depend on this word alone */
  local: Int32Array;
  /** value hashes by slot (S) for the neighbours' features */
  v: Int32Array;
  /**
   * mixed hashes of the features this word gives the token at distance d from it, in the
   * order of OFFSETS (e.g. "the word before is X"): they depend on this word alone too
   */
  pos: Int32Array[];
  /** tagging only: summed emission weights (local, then one block per offset) for the weights in `emitOf` */
  emit: Float32Array | null;
  emitOf: LinearWeights | null;
}

/** Distances (neighbour − token) of the single-neighbour features, and their templates. */
const OFFSETS = [-1, -2, -3, 1, 2, 3] as const;
const POS_TEMPLATES: [number, S][][] = [
  [[TC.km1, S.KEY], [TC.wm1, S.NORM], [TC.tm1, S.TRIG], [TC.clm1, S.CL], [TC.lexm1, S.LEX], [TC.w256m1, S.W256]],
  [[TC.km2, S.KEY], [TC.tm2, S.TRIG], [TC.clm2, S.CL], [TC.w64m2, S.W64]],
  [[TC.km3, S.KEY]],
  [[TC.kp1, S.KEY], [TC.wp1, S.NORM], [TC.tp1, S.TRIG], [TC.clp1, S.CL], [TC.lexp1, S.LEX], [TC.w256p1, S.W256]],
  [[TC.kp2, S.KEY], [TC.clp2, S.CL], [TC.w64p2, S.W64]],
  [[TC.kp3, S.KEY]],
];
const posOf = (v: Int32Array): Int32Array[] => POS_TEMPLATES.map((ts) => Int32Array.from(ts, ([t, slot]) => mix(t, v[slot])));

function shapeOf(w: string): string {
  if (/^\p{Nd}+([.,]\p{Nd}+)*$/u.test(w)) return 'NUM';
  if (/^[A-Z][A-Za-z]*$/.test(w)) return w.length > 1 && w === w.toUpperCase() ? 'LATCAPS' : 'LATCAP';
  if (/^[A-Za-z]/.test(w)) return 'LAT';
  if (/\p{Nd}/u.test(w)) return 'HASNUM';
  if (!/[\p{L}]/u.test(w)) return 'PUNCT';
  return w.length <= 2 ? 'AR2' : w.length <= 4 ? 'AR4' : w.length <= 7 ? 'AR7' : 'AR8';
}

const bucket = (c: number): number => (c === 0 ? 0 : c < 10 ? 1 : c < 100 ? 2 : c < 1000 ? 3 : c < 10000 ? 4 : 5);

/**
 * How the word behaves in the unlabelled streams (src/text lexicon): frequency, the share of
 * its occurrences that carry the article (names rarely do: بوتين vs البوتين) and whether it is
 * seen with pronoun suffixes (ه ها هم: common nouns and verbs, seldom names).
 */
function lexClass(raw: string): { lf: number; al: number; sfx: number } {
  const n0 = normalize(raw);
  const { base } = splitProclitics(n0);
  const lf = bucket(wordCount(base));
  let al = 9;
  if (!base.startsWith('ال')) {
    const bare = wordCount(base);
    const art = wordCount('ال' + base);
    const tot = bare + art;
    al = tot < 5 ? 8 : art / tot < 0.02 ? 0 : art / tot < 0.2 ? 1 : art / tot < 0.6 ? 2 : 3;
  }
  const stem = base.endsWith('ة') ? base.slice(0, -1) + 'ت' : base;
  const s = wordCount(stem + 'ه') + wordCount(stem + 'ها') + wordCount(stem + 'هم');
  const sfx = base.length < 3 ? 9 : bucket(s);
  return { lf, al, sfx };
}

function wordFeats(w: string, gaz: Gazetteer | null, clusters: Clusters | null): WordFeats {
  const norm = normWord(w);
  const { proclitics, base: k } = splitProclitics(norm);
  let gazTag = '';
  if (gaz) {
    const g = gaz.wordType(k) ?? gaz.wordType(norm);
    if (g) gazTag = g.type + (g.strong ? '!' : '');
  }
  const c = clusters ? clusters.of(k) : { fine: '', coarse: '' };
  const shape = shapeOf(w);
  const trig = triggerOf(k) ?? '';
  const lx = lexClass(w);
  const wide = clusters?.wide?.of(k) ?? NO_WIDE;
  const v = new Int32Array(S.N);
  v[S.KEY] = hashRange(k);
  v[S.NORM] = hashRange(norm);
  v[S.SHAPE] = hashRange(shape);
  v[S.GAZ] = hashRange(gazTag);
  v[S.TRIG] = hashRange(trig);
  v[S.CL] = c.fine === '' ? 1 : hashRange(c.fine) ^ 0x55;
  v[S.CL2] = c.coarse === '' ? 1 : hashRange(c.coarse) ^ 0x77;
  v[S.KS2] = hashRange(k, Math.max(0, k.length - 2));
  v[S.LEX] = (lx.lf * 16 + lx.al) * 16 + lx.sfx;
  v[S.W64] = wide.c64;
  v[S.W256] = wide.c256;
  const local: number[] = [
    TL.bias,
    mix(TL.w, v[S.NORM]),
    mix(TL.k, v[S.KEY]),
    mix(TL.pc, hashRange(proclitics)),
    mix(TL.sh, v[S.SHAPE]),
    mix(TL.p2, hashRange(k, 0, Math.min(2, k.length))),
    mix(TL.p3, hashRange(k, 0, Math.min(3, k.length))),
    mix(TL.s1, hashRange(norm, Math.max(0, norm.length - 1))),
    mix(TL.s2, hashRange(norm, Math.max(0, norm.length - 2))),
    mix(TL.s3, hashRange(norm, Math.max(0, norm.length - 3))),
    mix(TL.t, v[S.TRIG]),
    mix(TL.cl, v[S.CL]),
    mix(TL.cl2, v[S.CL2]),
    mix(TL.lf, lx.lf),
    mix(TL.al, lx.al),
    mix(TL.sfx, lx.sfx),
    mix(TL.lex, v[S.LEX]),
    mix(mix(TL.lexsh, v[S.LEX]), v[S.SHAPE]),
  ];
  if (clusters?.wide) {
    // wide table (both streams): 3 cluster granularities and the trigger-context profile,
    // alone and with the article share (a name after titles that never takes ال)
    local.push(mix(TL.w64, wide.c64), mix(TL.w256, wide.c256), mix(TL.w1024, wide.c1024));
    for (let d = 0; d < wide.profile.length; d++) {
      local.push(mix(mix(TL.prof, d), wide.profile[d]));
      local.push(mix(mix(mix(TL.profal, d), wide.profile[d]), lx.al));
    }
  }
  // character trigrams of ^key$ (at most 8)
  const padded = `^${k}$`;
  for (let j = 0; j + 3 <= padded.length && j < 8; j++) local.push(mix(TL.c3, hashRange(padded, j, j + 3)));
  return { key: k, local: Int32Array.from(local), v, pos: posOf(v), emit: null, emitOf: null };
}

const PAD_V = Int32Array.from({ length: S.N }, (_, i) => hashRange('<PAD>' + i));
const PAD: WordFeats = { key: '<s>', local: new Int32Array(0), v: PAD_V, pos: posOf(PAD_V), emit: null, emitOf: null };

const NO_GAZ = {};
const caches = new WeakMap<object, Map<string, WordFeats>>();
const CACHE_MAX = 200_000;

/** Per-word features of `words`, cached per gazetteer (training folds use different gazetteers). */
export function wordFeatsOf(words: readonly string[], gaz: Gazetteer | null, clusters: Clusters | null): WordFeats[] {
  const owner = gaz ?? NO_GAZ;
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const out = new Array<WordFeats>(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let f = cache.get(w);
    if (f === undefined) {
      f = wordFeats(w, gaz, clusters);
      if (clusters) {
        if (cache.size >= CACHE_MAX) cache.clear();
        cache.set(w, f);
      }
    }
    out[i] = f;
  }
  return out;
}

/** Hashed feature ids of a sentence: token i owns ids[offs[i], offs[i+1]). */
export interface SentenceFeats {
  ids: Uint32Array;
  offs: Uint32Array;
  n: number;
  /**
   * When set (tagging with fixed weights), n × NUM_TAGS emission scores of the word-local
   * features, already summed per word form; `ids` then hold only the context features.
   */
  pre: Float64Array | null;
}

export function newSentenceFeats(): SentenceFeats {
  return { ids: new Uint32Array(4096), offs: new Uint32Array(129), n: 0, pre: null };
}

/** Emission blocks of a word: [0] its local features, [1 + k] what it gives the token at OFFSETS[k]. */
function wordEmission(t: WordFeats, w: LinearWeights, mask: number): Float32Array {
  if (t.emitOf === w && t.emit) return t.emit;
  const e = new Float32Array(NUM_TAGS * (1 + OFFSETS.length));
  const table = w.emission;
  const add = (block: number, hs: Int32Array): void => {
    for (let j = 0; j < hs.length; j++) {
      const off = (fin(hs[j]) & mask) * NUM_TAGS;
      for (let c = 0; c < NUM_TAGS; c++) e[block * NUM_TAGS + c] += table[off + c];
    }
  };
  add(0, t.local);
  t.pos.forEach((hs, k) => add(1 + k, hs));
  t.emit = e;
  t.emitOf = w;
  return e;
}

const NUM_PAIR = 13;
const NUM_POS = POS_TEMPLATES.reduce((a, t) => a + t.length, 0);

/**
 * Feature ids of every token of a sentence, each in [0, 2^bits). Pass `into` to reuse its
 * buffers (the tagger does, per sentence); without it a fresh record is returned (training keeps them).
 */
export function sentenceFeatures(
  words: readonly string[],
  gaz: Gazetteer | null,
  clusters: Clusters | null,
  bits: number,
  into?: SentenceFeats,
  weights?: LinearWeights,
): SentenceFeats {
  const wf = wordFeatsOf(words, gaz, clusters);
  const n = wf.length;
  const out = into ?? newSentenceFeats();
  let total = 0;
  for (let i = 0; i < n; i++) total += (weights ? 0 : wf[i].local.length + NUM_POS) + NUM_PAIR;
  if (weights) {
    if (!out.pre || out.pre.length < n * NUM_TAGS) out.pre = new Float64Array(Math.max(n, 128) * NUM_TAGS * 2);
  } else out.pre = null;
  if (out.ids.length < total) out.ids = new Uint32Array(Math.max(total, out.ids.length * 2));
  if (out.offs.length < n + 1) out.offs = new Uint32Array(Math.max(n + 1, out.offs.length * 2));
  // phrase gazetteer hits are per sentence: fold them into the gazetteer value of each token
  const gazv = gazValues(wf, gaz);
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  const ids = out.ids;
  const at = (j: number): WordFeats => (j >= 0 && j < n ? wf[j] : PAD);
  const gAt = (j: number): number => (j >= 0 && j < n ? gazv[j] : PAD.v[S.GAZ]);
  let p = 0;
  for (let i = 0; i < n; i++) {
    out.offs[i] = p;
    const t = wf[i];
    if (weights) {
      // tagging: every single-word feature's weights come summed from the word cache
      const pre = out.pre!;
      const row = i * NUM_TAGS;
      const e0 = wordEmission(t, weights, mask);
      for (let c = 0; c < NUM_TAGS; c++) pre[row + c] = e0[c];
      for (let k = 0; k < OFFSETS.length; k++) {
        const e = wordEmission(at(i + OFFSETS[k]), weights, mask);
        const b = (1 + k) * NUM_TAGS;
        for (let c = 0; c < NUM_TAGS; c++) pre[row + c] += e[b + c];
      }
    } else {
      const loc = t.local;
      for (let j = 0; j < loc.length; j++) ids[p++] = fin(loc[j]) & mask;
      for (let k = 0; k < OFFSETS.length; k++) {
        const hs = at(i + OFFSETS[k]).pos[k];
        for (let j = 0; j < hs.length; j++) ids[p++] = fin(hs[j]) & mask;
      }
    }
    const m1 = at(i - 1).v, p1 = at(i + 1).v;
    const v = t.v;
    const g0 = gAt(i), gm = gAt(i - 1), gp = gAt(i + 1);
    ids[p++] = fin(mix(mix(TC.kkm1, m1[S.KEY]), v[S.KEY])) & mask;
    ids[p++] = fin(mix(mix(TC.kkp1, v[S.KEY]), p1[S.KEY])) & mask;
    ids[p++] = fin(mix(mix(TC.shm1, m1[S.SHAPE]), v[S.SHAPE])) & mask;
    ids[p++] = fin(mix(mix(TC.shp1, v[S.SHAPE]), p1[S.SHAPE])) & mask;
    ids[p++] = fin(mix(TC.g, g0)) & mask;
    ids[p++] = fin(mix(TC.gm1, gm)) & mask;
    ids[p++] = fin(mix(TC.gp1, gp)) & mask;
    ids[p++] = fin(mix(mix(mix(TC.gg, gm), g0), gp)) & mask;
    ids[p++] = fin(mix(mix(TC.tm1k, m1[S.TRIG]), v[S.KS2])) & mask;
    ids[p++] = fin(mix(mix(TC.cl2m1, m1[S.CL2]), v[S.CL2])) & mask;
    ids[p++] = fin(mix(mix(TC.cl2p1, v[S.CL2]), p1[S.CL2])) & mask;
    ids[p++] = fin(mix(mix(TC.km1cl, m1[S.KEY]), v[S.CL])) & mask;
    ids[p++] = fin(mix(mix(TC.tm1cl, m1[S.TRIG]), v[S.LEX])) & mask;
  }
  out.offs[n] = p;
  out.n = n;
  return out;
}

const gazScratch: { arr: Int32Array } = { arr: new Int32Array(256) };

function gazValues(wf: readonly WordFeats[], gaz: Gazetteer | null): Int32Array {
  const n = wf.length;
  if (gazScratch.arr.length < n) gazScratch.arr = new Int32Array(n * 2);
  const g = gazScratch.arr;
  for (let i = 0; i < n; i++) g[i] = wf[i].v[S.GAZ];
  if (gaz && n > 1) {
    const ph = gaz.phraseTags(wf.map((w) => w.key));
    for (let i = 0; i < n; i++) if (ph[i]) g[i] = mix(g[i], hashRange(ph[i]!));
  }
  return g;
}

/** Copies a reusable feature record into exactly-sized arrays (for keeping across sentences). */
export function compactFeats(f: SentenceFeats): SentenceFeats {
  return { ids: f.ids.slice(0, f.offs[f.n]), offs: f.offs.slice(0, f.n + 1), n: f.n, pre: f.pre ? f.pre.slice(0, f.n * NUM_TAGS) : null };
}

/** Id of the always-on bias feature: its O weight shifts the precision/recall balance. */
export function biasFeatureId(bits: number): number {
  return fin(TL.bias) & (bits >= 32 ? 0xffffffff : (1 << bits) - 1);
}
