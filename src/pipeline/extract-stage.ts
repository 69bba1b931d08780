/**
 * Pipeline step: per-article extraction over the cleaned body.
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
import type { Article, BodyParagraph, CleanResult, DateMention, EntityMention, Quote, Span } from '../model.ts';
import type { Store } from '../store/store.ts';
import { loadModel, tagEntities } from '../extract/entities/index.ts';
import { CLEAN_STAGE } from '../clean/stage.ts';
import { extractQuotes } from '../extract/quotes/index.ts';
import { extractDates, inferPublicationDate } from '../extract/time/index.ts';
import { articleView, type ArticleView } from './article-view.ts';

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

export async function runExtractStage(store: Store, opts: { batch?: number; onProgress?: (n: number) => void } = {}): Promise<number> {
  const batch = opts.batch ?? 200;
  let done = 0;
  for (;;) {
    const ids = await store.articlesWithoutAnalysis(NER_STAGE, batch);
    if (ids.length === 0) break;
    const [articles, cleans] = await Promise.all([store.getArticles(ids), store.getAnalyses<CleanResult>(CLEAN_STAGE, ids)]);
    const ner: { articleId: string; data: NerRecord }[] = [];
    const quotes: { articleId: string; data: Quote[] }[] = [];
    const dates: { articleId: string; data: DatesRecord }[] = [];
    for (const a of articles as Article[]) {
      const clean = cleans.get(a.id) ?? null;
      const view = articleView(a, clean);
      const mentions = tagBody(view);
      ner.push({ articleId: a.id, data: { mentions } });
      quotes.push({ articleId: a.id, data: quotesOf(view, mentions) });
      dates.push({ articleId: a.id, data: datesOf(view, a.publishedAt ?? clean?.meta.publishedAt ?? null) });
    }
    // one transaction: an article has all three records or none, so a crash never leaves it half-extracted
    await store.transaction(async () => {
      await store.putAnalyses(QUOTES_STAGE, quotes);
      await store.putAnalyses(DATES_STAGE, dates);
      await store.putAnalyses(NER_STAGE, ner);
    });
    const items = ner;
    done += items.length;
    opts.onProgress?.(done);
    if (ids.length < batch) break;
  }
  return done;
}
