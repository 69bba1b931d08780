/**
 * Events: within a story, sub-groups by what happened when. An article joins the most similar
 * event of its story that is close enough in time, else it starts a new event.
 *
 * "Close in time" uses the best time evidence there is: the date the article reports
 * (`eventDate`, from the temporal stage) when both sides have one — two reported dates at most
 * `dateDays` apart — else publication times at most `eventHours` apart. With a reported date the
 * content bar is lower (`dateThreshold`): the date already says it is the same happening.
 */
import { addInto, cosine, topK, type Vec } from './vectors.ts';

export interface EventParams {
  /** content similarity needed to join an event by publication time */
  threshold: number;
  /** content similarity needed when reported dates agree */
  dateThreshold: number;
  /** publication-time window */
  eventHours: number;
  /** reported-date window (days) */
  dateDays: number;
  maxCentroidTerms: number;
}

export const DEFAULT_EVENT_PARAMS: EventParams = { threshold: 0.35, dateThreshold: 0.1, eventHours: 30, dateDays: 1, maxCentroidTerms: 300 };

export interface EventState {
  id: string;
  centroid: Vec;
  first: number;
  last: number;
  /** the earliest reported date of its articles (ISO date), when any */
  date: string | null;
  articleIds: string[];
}

export interface EventArticle {
  id: string;
  time: number;
  eventDate: string | null;
  vec: Vec;
}

const DAY = 86_400_000;

function dayNumber(iso: string): number | null {
  const t = Date.parse(iso.slice(0, 10));
  return Number.isNaN(t) ? null : Math.round(t / DAY);
}

/** Adds the article to `events` (mutated) and returns its event. */
export function assignEvent(events: EventState[], a: EventArticle, p: EventParams, newId: () => string): EventState {
  const day = a.eventDate ? dayNumber(a.eventDate) : null;
  let best: EventState | null = null;
  let bestSim = -1;
  for (const e of events) {
    const eDay = e.date ? dayNumber(e.date) : null;
    let bar: number;
    if (day !== null && eDay !== null) {
      if (Math.abs(day - eDay) > p.dateDays) continue;
      bar = p.dateThreshold;
    } else {
      if (Math.abs(a.time - e.last) / 3_600_000 > p.eventHours && Math.abs(a.time - e.first) / 3_600_000 > p.eventHours) continue;
      bar = p.threshold;
    }
    const sim = cosine(a.vec, e.centroid);
    if (sim >= bar && sim > bestSim) {
      best = e;
      bestSim = sim;
    }
  }
  if (!best) {
    best = { id: newId(), centroid: new Map(), first: a.time, last: a.time, date: null, articleIds: [] };
    events.push(best);
  }
  addInto(best.centroid, a.vec);
  best.centroid = topK(best.centroid, p.maxCentroidTerms);
  best.first = Math.min(best.first, a.time);
  best.last = Math.max(best.last, a.time);
  if (a.eventDate && (!best.date || a.eventDate.slice(0, 10) < best.date)) best.date = a.eventDate.slice(0, 10);
  best.articleIds.push(a.id);
  return best;
}
