/**
 * One article as the analysis stages see it: the text every offset indexes (the raw text for
 * plain-text input; the text extracted from the page for HTML, which is stored with the clean
 * record) and its cleaned body paragraphs.
 */
import type { Article, BodyParagraph, CleanResult } from '../model.ts';

export { CLEAN_STAGE } from '../clean/stage.ts';

export interface ArticleView {
  id: string;
  source: string | null;
  title: string | null;
  /** ISO date or date-time, from metadata or inferred */
  publishedAt: string | null;
  publishedAtInferred: boolean;
  /** the text all offsets index */
  text: string;
  paragraphs: BodyParagraph[];
  clean: CleanResult;
}

/** The cleaned body as one string: paragraphs joined by "\n" (the export's `body`). */
export function bodyText(v: Pick<ArticleView, 'paragraphs'>): string {
  return v.paragraphs.map((p) => p.text).join('\n');
}

export function articleView(a: Article, stored: CleanResult | null, publishedAt?: { value: string | null; inferred: boolean }): ArticleView {
  const clean: CleanResult = stored ?? { title: a.title, kicker: null, byline: null, paragraphs: [{ start: 0, end: a.raw.length, text: a.raw }], removed: [], text: a.raw, textIsRaw: true, meta: {} };
  return {
    id: a.id,
    source: a.source,
    title: a.title ?? clean.title ?? clean.meta.title ?? null,
    publishedAt: publishedAt ? publishedAt.value : (a.publishedAt ?? clean.meta.publishedAt ?? null),
    publishedAtInferred: publishedAt ? publishedAt.inferred : !a.publishedAt && !clean.meta.publishedAt ? true : false,
    text: clean.text,
    paragraphs: clean.paragraphs,
    clean,
  };
}
