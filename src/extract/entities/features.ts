/**
 * Token features for the tagger, hashed into a fixed-size table (feature hashing keeps the
 * model small and needs no feature dictionary). Features suit Arabic: the normalised word,
 * the word with proclitics (و ف ب ل ك ال) stripped, prefixes/suffixes, character trigrams,
 * shape, ±2 neighbouring words, gazetteer hits (derived from training data) and trigger words.
 */
import { normWord, splitProclitics } from './arabic.ts';
import type { Clusters } from './clusters.ts';
import type { Gazetteer } from './gazetteer.ts';
import { triggerOf } from './triggers.ts';

export interface TokenInfo {
  norm: string;
  key: string;
  procl: string;
  shape: string;
  gaz: string;
  trig: string;
  cl: string;
  cl2: string;
}

function shapeOf(w: string): string {
  if (/^\p{Nd}+([.,]\p{Nd}+)*$/u.test(w)) return 'NUM';
  if (/^[A-Z][A-Za-z]*$/.test(w)) return w.length > 1 && w === w.toUpperCase() ? 'LATCAPS' : 'LATCAP';
  if (/^[A-Za-z]/.test(w)) return 'LAT';
  if (/\p{Nd}/u.test(w)) return 'HASNUM';
  if (!/[\p{L}]/u.test(w)) return 'PUNCT';
  return w.length <= 2 ? 'AR2' : w.length <= 4 ? 'AR4' : w.length <= 7 ? 'AR7' : 'AR8';
}

const infoCache = new WeakMap<object, Map<string, TokenInfo>>();
const NO_GAZ = {};

export function tokenInfos(words: readonly string[], gaz: Gazetteer | null, clusters: Clusters | null = null): TokenInfo[] {
  // per-word info depends only on the word and the gazetteer/clusters: cache it per gazetteer
  const owner = gaz ?? NO_GAZ;
  let cache = infoCache.get(owner);
  if (!cache) infoCache.set(owner, (cache = new Map()));
  const infos = words.map((w) => {
    const hit = cache.get(w);
    if (hit && clusters) return { ...hit };
    const info = wordInfo(w, gaz, clusters);
    if (clusters) {
      if (cache.size > 200_000) cache.clear();
      cache.set(w, info);
    }
    return { ...info };
  });
  if (gaz) {
    const ph = gaz.phraseTags(infos.map((t) => t.key));
    ph.forEach((p, i) => {
      if (p) infos[i].gaz += '|' + p;
    });
  }
  return infos;
}

function wordInfo(w: string, gaz: Gazetteer | null, clusters: Clusters | null): TokenInfo {
  {
    const norm = normWord(w);
    const { proclitics, base } = splitProclitics(norm);
    let gazTag = '';
    if (gaz) {
      const g = gaz.wordType(base) ?? gaz.wordType(norm);
      if (g) gazTag = g.type + (g.strong ? '!' : '');
    }
    const c = clusters ? clusters.of(base) : { fine: '', coarse: '' };
    return { norm, key: base, procl: proclitics, shape: shapeOf(w), gaz: gazTag, trig: triggerOf(base) ?? '', cl: c.fine, cl2: c.coarse };
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

const PAD = { norm: '<s>', key: '<s>', procl: '', shape: 'PAD', gaz: '', trig: '', cl: 'PAD', cl2: 'PAD' } satisfies TokenInfo;

/** Feature strings of token i (exported for inspection and tests). */
export function featureStrings(infos: readonly TokenInfo[], i: number): string[] {
  const at = (j: number): TokenInfo => infos[j] ?? PAD;
  const t = infos[i];
  const k = t.key;
  const f: string[] = [
    'bias',
    'w=' + t.norm,
    'k=' + k,
    'pc=' + t.procl,
    'sh=' + t.shape,
    'p2=' + k.slice(0, 2),
    'p3=' + k.slice(0, 3),
    's1=' + t.norm.slice(-1),
    's2=' + t.norm.slice(-2),
    's3=' + t.norm.slice(-3),
    'k-1=' + at(i - 1).key,
    'k-2=' + at(i - 2).key,
    'k+1=' + at(i + 1).key,
    'k+2=' + at(i + 2).key,
    'w-1=' + at(i - 1).norm,
    'w+1=' + at(i + 1).norm,
    'kk-1=' + at(i - 1).key + '|' + k,
    'kk+1=' + k + '|' + at(i + 1).key,
    'sh-1=' + at(i - 1).shape + '|' + t.shape,
    'sh+1=' + t.shape + '|' + at(i + 1).shape,
    'g=' + t.gaz,
    'g-1=' + at(i - 1).gaz,
    'g+1=' + at(i + 1).gaz,
    'gg=' + at(i - 1).gaz + '|' + t.gaz + '|' + at(i + 1).gaz,
    't=' + t.trig,
    't-1=' + at(i - 1).trig,
    't-2=' + at(i - 2).trig,
    't+1=' + at(i + 1).trig,
    't-1k=' + at(i - 1).trig + '|' + k.slice(-2),
    'cl=' + t.cl,
    'cl2=' + t.cl2,
    'cl-1=' + at(i - 1).cl,
    'cl+1=' + at(i + 1).cl,
    'cl2-1=' + at(i - 1).cl2 + '|' + t.cl2,
    'cl2+1=' + t.cl2 + '|' + at(i + 1).cl2,
  ];
  const padded = `^${k}$`;
  for (let j = 0; j + 3 <= padded.length && j < 8; j++) f.push('c3=' + padded.slice(j, j + 3));
  return f;
}

/** Hashed feature ids of every token of a sentence, each in [0, 2^bits). */
export function sentenceFeatureIds(infos: readonly TokenInfo[], bits: number): Uint32Array[] {
  const mask = (1 << bits) - 1;
  return infos.map((_, i) => {
    const fs = featureStrings(infos, i);
    const ids = new Uint32Array(fs.length);
    for (let j = 0; j < fs.length; j++) ids[j] = hashString(fs[j]) & mask;
    return ids;
  });
}
