/**
 * Export records exactly as /work/shared/contract.md names them (snake_case, never renamed).
 * `articleRecord` fills what the stages have produced; absent fields are null or [].
 * Analyses are the per-stage JSON each stage stores with `putAnalyses(stage, …)`:
 *   clean: CleanResult · entities: EntityMention[] · quotes: Quote[] · dates: DateMention[]
 *   reuse: ReuseLink[] · story: { storyId, eventId }
 * (an object holding the list under `mentions`/`quotes`/`links`/`items` is accepted too).
 */
import type { Article, CleanResult, DateMention, EntityMention, Quote, ReuseLink, Story } from '../model.ts';
import { htmlToText } from '../ingest/html.ts';

export const EXPORT_STAGES = ['clean', 'entities', 'quotes', 'dates', 'reuse', 'story'] as const;
export type ExportStage = (typeof EXPORT_STAGES)[number];

export interface StoryAssignment {
  storyId: string | null;
  eventId?: string | null;
}

export interface DatesAnalysis {
  mentions?: DateMention[];
  /** a publication date the dates stage inferred when metadata had none */
  publishedAt?: string | null;
}

export type ArticleAnalyses = Partial<{
  clean: CleanResult | null;
  entities: EntityMention[] | { mentions: EntityMention[] } | null;
  quotes: Quote[] | { quotes: Quote[] } | null;
  dates: DateMention[] | DatesAnalysis | null;
  reuse: ReuseLink[] | { links: ReuseLink[] } | null;
  story: StoryAssignment | null;
}>;

function list<T>(value: unknown, ...keys: string[]): T[] {
  if (Array.isArray(value)) return value as T[];
  if (value && typeof value === 'object') for (const k of [...keys, 'items']) if (Array.isArray((value as Record<string, unknown>)[k])) return (value as Record<string, T[]>)[k];
  return [];
}

export interface ArticleRecord {
  id: string;
  input_id: string | null;
  url: string | null;
  source: string | null;
  origin: string;
  title: string | null;
  body: string;
  removed: { class: string; text: string; start: number; end: number }[];
  byline: { author: string | null; dateline: string | null } | null;
  published_at: string | null;
  published_at_inferred: boolean;
  story_id: string | null;
  event_id: string | null;
  entities: { entity_id: string | null; type: string; text: string; start: number; end: number }[];
  quotes: { speaker_entity_id: string | null; speaker_text: string | null; cue: string; content: string; direct: boolean; start: number; end: number }[];
  dates: { text: string; value: string; start: number; end: number }[];
  reuse: {
    other_id: string;
    similarity: number;
    passages: { text: string; start: number; end: number; other_start: number; other_end: number }[];
    /** added fields (the contract allows additions): share of this body in shared passages, who published first, credited agency */
    coverage: number | null;
    first_published: 'this' | 'other' | null;
    agency: string | null;
  }[];
}

export function articleRecord(article: Article, analyses: ArticleAnalyses = {}): ArticleRecord {
  const clean = analyses.clean ?? null;
  const body = clean
    ? clean.paragraphs.map((p) => p.text).join('\n')
    : article.rawKind === 'html'
      ? htmlToText(article.raw) // the visible text of the page until cleaning exists
      : article.raw;
  const dates = analyses.dates;
  const inferredDate = dates && !Array.isArray(dates) ? (dates.publishedAt ?? null) : null;
  const metaDate = article.publishedAt ?? clean?.meta?.publishedAt ?? null;
  return {
    id: article.id,
    input_id: article.inputId,
    url: article.url ?? clean?.meta?.url ?? null,
    source: article.source ?? clean?.meta?.publisher ?? null,
    origin: article.origin,
    title: article.title ?? clean?.title ?? clean?.meta?.title ?? null,
    body,
    removed: (clean?.removed ?? []).map((r) => ({ class: r.class, text: r.text, start: r.start, end: r.end })),
    byline: clean?.byline ? { author: clean.byline.author ?? null, dateline: clean.byline.dateline ?? null } : null,
    published_at: metaDate ?? inferredDate,
    published_at_inferred: metaDate === null && inferredDate !== null,
    story_id: analyses.story?.storyId ?? null,
    event_id: analyses.story?.eventId ?? null,
    entities: list<EntityMention>(analyses.entities, 'mentions').map((e) => ({ entity_id: e.entityId ?? null, type: e.type, text: e.text, start: e.start, end: e.end })),
    quotes: list<Quote>(analyses.quotes, 'quotes').map((q) => ({
      speaker_entity_id: q.speakerEntityId ?? null,
      speaker_text: q.speakerText ?? null,
      cue: q.cue,
      content: q.content,
      direct: q.direct,
      start: q.start,
      end: q.end,
    })),
    dates: list<DateMention>(dates, 'mentions').map((d) => ({ text: d.text, value: d.value, start: d.start, end: d.end })),
    reuse: list<ReuseLink>(analyses.reuse, 'links').map((l) => ({
      other_id: l.otherId,
      similarity: l.similarity,
      passages: l.passages.map((p) => ({ text: p.text, start: p.start, end: p.end, other_start: p.otherStart, other_end: p.otherEnd })),
      coverage: l.coverage ?? null,
      first_published: l.firstPublished ?? null,
      agency: l.agency ?? null,
    })),
  };
}

export function storyRecord(s: Story): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    headline: s.headline,
    article_ids: s.articleIds,
    sources: s.sources,
    first_reported_by: s.firstReportedBy ?? null,
    date_start: s.dateStart ?? null,
    date_end: s.dateEnd ?? null,
    events: (s.events ?? []).map((e) => ({ id: e.id, title: e.title, date: e.date ?? null, article_ids: e.articleIds })),
    entities: (s.entities ?? []).map((e) => ({ id: e.id, name: e.name, type: e.type, variants: e.variants, article_ids: e.articleIds })),
    timeline: (s.timeline ?? []).map((t) => ({ date: t.date, text: t.text, article_ids: t.articleIds })),
    facts: (s.facts ?? []).map((f) => ({ text: f.text, article_ids: f.articleIds })),
    conflicts: (s.conflicts ?? []).map((c) => ({
      type: c.type,
      about: c.about,
      sides: c.sides.map((x) => ({ text: x.text, article_ids: x.articleIds, speaker_entity_id: x.speakerEntityId ?? null })),
    })),
    summary: (s.summary ?? []).map((x) => ({ text: x.text, article_ids: x.articleIds })),
  };
}
