/**
 * The contract's Story fields from a clusterer snapshot plus article metadata: title (the most
 * representative headline), date span, outlets, article count, first reported by, events.
 * Fields later stages fill (entities, timeline, facts, conflicts, summary) start empty.
 */
import type { Story, StoryEvent } from '../model.ts';
import type { SnapshotEvent, SnapshotStory } from './clusterer.ts';
import { termKey } from './features.ts';

export interface ArticleMeta {
  id: string;
  title: string | null;
  source: string | null;
  /** ISO date-time of publication, when known */
  publishedAt: string | null;
}

function titleTerms(title: string | null): Set<string> {
  const out = new Set<string>();
  for (const m of (title ?? '').matchAll(/[\u0621-\u064A\u0660-\u0669a-zA-Z0-9]+/g)) {
    const k = termKey(m[0]);
    if (k) out.add(k);
  }
  return out;
}

/**
 * The headline sharing most terms with the other headlines (ties: the earliest). A headline
 * that says what most of the group says names the story better than the first or the longest.
 */
export function representativeTitle(articles: ArticleMeta[]): string {
  const withTitle = articles.filter((a) => a.title && a.title.trim());
  if (withTitle.length === 0) return '';
  const sets = withTitle.map((a) => titleTerms(a.title));
  const df = new Map<string, number>();
  for (const s of sets) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < withTitle.length; i++) {
    let score = 0;
    for (const t of sets[i]) score += (df.get(t) ?? 1) - 1;
    // per term shared, so long headlines do not win by length alone; a headline of one term counts little
    score /= Math.max(3, sets[i].size);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return withTitle[best].title!.trim();
}

function byPublication(a: ArticleMeta, b: ArticleMeta): number {
  return (a.publishedAt ?? '\uffff').localeCompare(b.publishedAt ?? '\uffff') || a.id.localeCompare(b.id);
}

function eventRecord(e: SnapshotEvent, meta: Map<string, ArticleMeta>): StoryEvent {
  const arts = e.articleIds.map((id) => meta.get(id) ?? { id, title: null, source: null, publishedAt: null });
  const dated = arts.map((a) => a.publishedAt).filter((d): d is string => !!d).sort();
  return { id: e.id, title: representativeTitle(arts), date: e.date ?? (dated[0] ? dated[0].slice(0, 10) : null), articleIds: [...e.articleIds] };
}

/** One Story record; `meta` must hold the story's articles (missing ones count with no metadata). */
export function buildStoryRecord(s: SnapshotStory, meta: Map<string, ArticleMeta>): Story {
  const arts = s.articleIds.map((id) => meta.get(id) ?? { id, title: null, source: null, publishedAt: null }).sort(byPublication);
  const dates = arts.map((a) => a.publishedAt).filter((d): d is string => !!d).sort();
  const sources = [...new Set(arts.map((a) => a.source).filter((x): x is string => !!x))].sort();
  const title = representativeTitle(arts);
  const events = s.events.map((e) => eventRecord(e, meta)).sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.id.localeCompare(b.id));
  return {
    id: s.id,
    title,
    headline: title,
    articleIds: arts.map((a) => a.id),
    sources,
    // the earliest publication; with no dates, the first article the clusterer saw
    firstReportedBy: dates.length ? arts[0].id : (s.articleIds[0] ?? null),
    dateStart: dates.length ? dates[0].slice(0, 10) : null,
    dateEnd: dates.length ? dates[dates.length - 1].slice(0, 10) : null,
    events,
    entities: [],
    timeline: [],
    facts: [],
    conflicts: [],
    summary: [],
  };
}

export function buildStoryRecords(snapshot: SnapshotStory[], meta: Map<string, ArticleMeta>): Story[] {
  return snapshot.map((s) => buildStoryRecord(s, meta));
}
