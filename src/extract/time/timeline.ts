/**
 * A story's timeline: every sentence that carries a day-level date becomes a dated event; the
 * same event told by several outlets (same date, similar wording) is merged into one entry
 * listing every article that reports it. Entries come in date order, best-attested first
 * within a day.
 */
import type { TimelineEntry } from '../../model.ts';
import { matchForm, splitSentences, wordTokens, type Sentence } from '../../text/index.ts';
import { extractDates } from './extract.ts';

export interface TimelineArticle {
  id: string;
  text: string;
  /** the article's publication date (metadata or inferred); relative dates need it */
  publishedAt: string | null;
  /** sentences with offsets into `text`, when the caller has them already */
  sentences?: Sentence[];
}

/** Jaccard similarity of content-word sets at or above which two same-day sentences are one event. */
export const SAME_EVENT_SIMILARITY = 0.3;

interface EventCandidate {
  date: string;
  text: string;
  words: Set<string>;
  articleIds: string[];
  order: number;
}

function contentWords(s: string): Set<string> {
  const out = new Set<string>();
  for (const t of wordTokens(s)) {
    if (t.kind !== 'word') continue;
    const f = matchForm(t.text);
    if (f.length >= 3) out.add(f);
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

export function buildTimeline(articles: TimelineArticle[]): TimelineEntry[] {
  const byDate = new Map<string, EventCandidate[]>();
  let order = 0;
  for (const a of articles) {
    const dates = extractDates(a.text, a.publishedAt).filter((d) => d.value.length === 10);
    if (dates.length === 0) continue;
    const sentences = a.sentences ?? splitSentences(a.text);
    for (const s of sentences) {
      const inside = dates.filter((d) => d.start >= s.start && d.end <= s.end);
      for (const value of new Set(inside.map((d) => d.value))) {
        const words = contentWords(s.text);
        const list = byDate.get(value) ?? [];
        const same = list.find((e) => jaccard(e.words, words) >= SAME_EVENT_SIMILARITY);
        if (same) {
          if (!same.articleIds.includes(a.id)) same.articleIds.push(a.id);
          for (const w of words) same.words.add(w);
        } else list.push({ date: value, text: s.text.trim().slice(0, 400), words, articleIds: [a.id], order: order++ });
        byDate.set(value, list);
      }
    }
  }
  return [...byDate.entries()]
    .sort((x, y) => x[0].localeCompare(y[0]))
    .flatMap(([, list]) => list.sort((x, y) => y.articleIds.length - x.articleIds.length || x.order - y.order))
    .map((e) => ({ date: e.date, text: e.text, articleIds: e.articleIds }));
}
