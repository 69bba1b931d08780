/**
 * What the story clusterer sees of an article: weighted stemmed terms (title boosted, lead
 * boosted), title terms, entity keys (when the entity stage provides them) and an optional
 * event date (when the temporal stage provides one).
 */
import { matchForm, normalize, stem } from '../text/index.ts';
import { STOPWORDS } from './stopwords.ts';

export interface StoryInput {
  id: string;
  /** epoch milliseconds (publication time, or ingest order when unknown) */
  time: number;
  title: string | null;
  /** cleaned body paragraphs joined by \n (raw text works, less well: related headlines leak in) */
  body: string;
  source: string | null;
  /** canonical entity ids or names mentioned; names are keyed with matchForm, ids kept as they are */
  entities?: string[];
  /** ISO date of what the article reports (from the temporal stage); groups events within a story */
  eventDate?: string;
}

export interface TermWeights {
  title: number;
  lead: number;
  rest: number;
  /** characters of the body that count as the lead */
  leadChars: number;
}

export const DEFAULT_TERM_WEIGHTS: TermWeights = { title: 3, lead: 1.5, rest: 1, leadChars: 600 };

export interface ArticleTerms {
  /** term → log-damped weight before idf (title, lead and rest weighted as TermWeights say) */
  tf: Map<string, number>;
  titleTerms: Set<string>;
  entities: Set<string>;
  /** entity key → mentions in the article (first-mention order) */
  entityCounts: Map<string, number>;
  /** the article's leading entity keys: the most frequent, ties broken by first mention */
  leadEntities: string[];
}

/** Entity keys an article "is about": this many of its most mentioned (first mention breaks ties). */
export const LEAD_ENTITIES = 5;

const LETTER = /[\u0621-\u064A\u0660-\u0669a-zA-Z0-9]+/g;

/** Term key: the light stem of a content word; null for function words and short numbers. */
export function termKey(word: string): string | null {
  const n = normalize(word);
  if (STOPWORDS.has(n)) return null;
  if (/^[0-9]+$/.test(n)) return n.length >= 3 ? n : null;
  const k = stem(n);
  if (k.length < 2 || STOPWORDS.has(k)) return null;
  return k;
}

function addTerms(text: string, weight: number, tf: Map<string, number>, seen?: Set<string>): void {
  for (const m of text.matchAll(LETTER)) {
    const k = termKey(m[0]);
    if (!k) continue;
    tf.set(k, (tf.get(k) ?? 0) + weight);
    seen?.add(k);
  }
}

/** Entity key: ids (containing ':' or '/') as they are, names in matching form. */
export function entityKey(e: string): string {
  return /[:/]/.test(e) ? e : e.split(/\s+/).filter(Boolean).map(matchForm).join(' ');
}

export function articleTerms(a: StoryInput, w: TermWeights = DEFAULT_TERM_WEIGHTS): ArticleTerms {
  const tf = new Map<string, number>();
  const titleTerms = new Set<string>();
  if (a.title) addTerms(a.title, w.title, tf, titleTerms);
  addTerms(a.body.slice(0, w.leadChars), w.lead, tf);
  if (w.rest > 0) addTerms(a.body.slice(w.leadChars), w.rest, tf);
  for (const [k, v] of tf) tf.set(k, 1 + Math.log(v));
  const keys = (a.entities ?? []).map(entityKey).filter((k) => k.length > 1);
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  // names the title carries lead (the tagger sees only the body), then the most mentioned;
  // Map order is first-mention order and sort is stable: ties keep the earlier mention
  const titleWords = new Set((a.title ?? '').split(/\s+/).filter(Boolean).map(matchForm));
  const inTitle = (k: string) => (k.split(' ').some((w) => titleWords.has(w)) ? 1 : 0);
  const leadEntities = [...counts].sort((x, y) => inTitle(y[0]) - inTitle(x[0]) || y[1] - x[1]).slice(0, LEAD_ENTITIES).map(([k]) => k);
  return { tf, titleTerms, entities: new Set(keys), entityCounts: counts, leadEntities };
}
