/**
 * The readable text of an article in one coordinate system: CleanResult.text when the clean
 * stage has run (raw text for plain-text input, extracted text for HTML), else the raw text
 * (or the visible text of an HTML page). Reuse passages, removed spans and paragraphs all
 * index this string, so the web app can mark them without re-deriving offsets.
 */
import type { Article, BodyParagraph, CleanResult } from '../model.ts';
import { htmlToText } from '../ingest/html.ts';

export interface ArticleText {
  text: string;
  /** body paragraphs (offsets into `text`) */
  paragraphs: BodyParagraph[];
  cleaned: boolean;
}

export function articleText(article: Pick<Article, 'raw' | 'rawKind'>, clean: CleanResult | null): ArticleText {
  // a clean record without any body paragraph (an extraction failure) is not trusted: show the raw text
  if (clean && typeof clean.text === 'string' && Array.isArray(clean.paragraphs) && clean.paragraphs.length > 0) {
    return { text: clean.text, paragraphs: clean.paragraphs, cleaned: true };
  }
  const text = article.rawKind === 'html' ? htmlToText(article.raw) : article.raw;
  return { text, paragraphs: splitParagraphs(text), cleaned: false };
}

/** non-empty lines of `text` with their offsets */
export function splitParagraphs(text: string): BodyParagraph[] {
  const out: BodyParagraph[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const t = m[0].trim();
    if (t) out.push({ text: t, start: m.index + lead, end: m.index + lead + t.length });
  }
  return out;
}

/** the body as one string (paragraphs joined by newlines) */
export const bodyOf = (t: ArticleText): string => t.paragraphs.map((p) => p.text).join('\n');

/** a URL safe to link to: http(s) only */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
