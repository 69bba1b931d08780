/**
 * Per-article extraction over the cleaned body (called by src/pipeline/analyse.ts).
 * - entity mentions, tagged paragraph by paragraph so related headlines and other residue never
 *   yield mentions; stored without entity ids under 'ner' (the story step resolves them into
 *   canonical entities and writes the 'entities' record the export reads);
 * - quotes (speakers linked to those mentions) under 'quotes';
 * - the publication date (metadata, else inferred from the text) and the dates the body
 *   mentions, resolved against it, under 'dates'. The story step may refine an inferred
 *   publication date with the story's other articles and re-resolve the dates.
 * Quotes and dates are extracted from the whole text (pronoun speakers and "أمس" need the
 * context) and kept only when they fall inside a body paragraph.
 */
import type { BodyParagraph, DateMention, EntityMention, Quote, Span } from '../model.ts';
import { loadModel, tagEntities } from '../extract/entities/index.ts';
import { extractQuotes } from '../extract/quotes/index.ts';
import { extractDates, inferPublicationDate } from '../extract/time/index.ts';
import type { ArticleView } from './article-view.ts';

export const NER_STAGE = 'ner';

export const QUOTES_STAGE = 'quotes';
export const DATES_STAGE = 'dates';

export interface NerRecord {
  mentions: EntityMention[];
}

/** What the export reads as `dates` and `published_at`. */
export interface DatesRecord {
  mentions: DateMention[];
  /** the publication date used to resolve relative dates (metadata or inferred) */
  publishedAt: string | null;
  publishedAtInferred: boolean;
  evidence: string;
}

function inBody(paragraphs: BodyParagraph[], s: Span): boolean {
  return paragraphs.some((p) => s.start >= p.start && s.start < p.end);
}

/** Publication date and the dates of the body, resolved against it. */
export function datesOf(view: ArticleView, metadataDate: string | null, knownPublication?: { value: string | null; inferred: boolean; evidence: string }): DatesRecord {
  const pub = knownPublication ?? inferPublicationDate(view.paragraphs.map((p) => p.text).join('\n'), metadataDate);
  const mentions = pub.value ? extractDates(view.text, pub.value).filter((d) => inBody(view.paragraphs, d)) : [];
  return { mentions, publishedAt: pub.value, publishedAtInferred: pub.inferred, evidence: pub.evidence };
}

export function quotesOf(view: ArticleView, mentions: EntityMention[]): Quote[] {
  return extractQuotes(view.text, { mentions }).filter((q) => inBody(view.paragraphs, q.contentSpan ?? q));
}

/** Mentions in the body paragraphs, offsets into the article text. */
export function tagBody(view: Pick<ArticleView, 'paragraphs' | 'title'>): EntityMention[] {
  const model = loadModel();
  const out: EntityMention[] = [];
  for (const p of view.paragraphs) {
    for (const m of tagEntities(p.text, model)) out.push({ ...m, start: m.start + p.start, end: m.end + p.start });
  }
  return out;
}
