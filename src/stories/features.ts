/**
 * What the story clusterer sees of an article: weighted stemmed terms (title boosted, lead
 * boosted), title terms, and name-like terms (entities when the entity stage provides them).
 */
import { normalize } from '../text/index.ts';
import { STOPWORDS } from './stopwords.ts';

export interface StoryInput {
  id: string;
  /** epoch milliseconds (publication time, or ingest order when unknown) */
  time: number;
  title: string | null;
  /** cleaned body paragraphs */
  body: string;
  source: string | null;
  /** canonical entity ids or normalised names mentioned (optional) */
  entities?: string[];
}

export interface ArticleTerms {
  /** term → raw weight before idf (title ×3, lead ×1.5, rest ×1; log-damped) */
  tf: Map<string, number>;
  titleTerms: Set<string>;
  /** term → weight over the title and the lead only: what the article is about */
  leadTf: Map<string, number>;
  entities: Set<string>;
}

const LETTER = /[\u0621-\u064A\u0660-\u0669a-zA-Z0-9]+/g;

/** Provisional term key: normalised word, proclitics and common suffixes stripped. */
export function termKey(word: string): string | null {
  let w = normalize(word).replace(/[\u064B-\u065F]/g, '');
  if (STOPWORDS.has(w)) return null;
  if (/^[0-9]+$/.test(w)) return w.length >= 3 ? w : null;
  w = w.replace(/^(و|ف)(?=..)/, '');
  w = w.replace(/^(ب|ل|ك)?(ال)(?=...)/, '');
  w = w.replace(/^لل(?=...)/, '');
  w = w.replace(/^(ب|ل)(?=....)/, '');
  w = w.replace(/ة$/, 'ه');
  w = w.replace(/(ات|ون|ين|ان|يه|يون|يين)$(?<=.{5,})/, '');
  w = w.replace(/(ها|هم|هما|كم|نا)$(?<=.{5,})/, '');
  w = w.replace(/[هي]$(?<=.{4,})/, '');
  if (w.length < 2 || STOPWORDS.has(w)) return null;
  return w;
}

function addTerms(text: string, weight: number, tf: Map<string, number>, seen?: Set<string>): void {
  for (const m of text.matchAll(LETTER)) {
    const k = termKey(m[0]);
    if (!k) continue;
    tf.set(k, (tf.get(k) ?? 0) + weight);
    seen?.add(k);
  }
}

const LEAD_CHARS = Number(process.env.LEAD ?? 600);
const REST_W = Number(process.env.REST ?? 1);
const TITLE_W = Number(process.env.TW ?? 3);

export function articleTerms(a: StoryInput): ArticleTerms {
  const tf = new Map<string, number>();
  const leadTf = new Map<string, number>();
  const titleTerms = new Set<string>();
  if (a.title) addTerms(a.title, TITLE_W, tf, titleTerms);
  if (a.title) addTerms(a.title, 2, leadTf);
  const lead = a.body.slice(0, LEAD_CHARS);
  addTerms(lead, 1.5, tf);
  addTerms(a.body.slice(0, 300), 1, leadTf);
  if (REST_W > 0) addTerms(a.body.slice(LEAD_CHARS), REST_W, tf);
  for (const [k, v] of tf) tf.set(k, 1 + Math.log(v));
  return { tf, titleTerms, leadTf, entities: new Set(a.entities ?? []) };
}
