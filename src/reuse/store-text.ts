/**
 * Texts for the Store-backed index: the cleaned body when the clean stage has run (paragraphs
 * joined by "\n", mapped back to raw offsets piece by piece), else the raw text.
 */
import type { Article, CleanResult } from '../model.ts';
import type { Store } from '../store/store.ts';
import { htmlToText } from '../ingest/html.ts';
import type { ReuseDoc, TextSource } from './reuse-index.ts';

/** Analyses stage name the clean stage writes its CleanResult under. */
export const CLEAN_STAGE = 'clean';

export function reuseDocFromArticle(article: Pick<Article, 'id' | 'raw' | 'rawKind' | 'publishedAt'>, clean: CleanResult | null): ReuseDoc {
  if (clean && clean.paragraphs.length > 0) {
    const pieces: { from: number; rawStart: number; rawEnd: number }[] = [];
    let text = '';
    for (const p of clean.paragraphs) {
      if (text.length > 0) text += '\n';
      pieces.push({ from: text.length, rawStart: p.start, rawEnd: p.end });
      text += p.text;
    }
    return { id: article.id, text, pieces, publishedAt: article.publishedAt };
  }
  // HTML not yet cleaned: compare its visible text (offsets then index that text, as CleanResult's do for HTML)
  if (article.rawKind === 'html') return { id: article.id, text: htmlToText(article.raw), offsetBase: 0, publishedAt: article.publishedAt };
  return { id: article.id, text: article.raw, offsetBase: 0, publishedAt: article.publishedAt };
}

export function storeTextSource(store: Pick<Store, 'getArticles' | 'getAnalyses'>): TextSource {
  return async (ids) => {
    const [articles, cleans] = await Promise.all([store.getArticles(ids), store.getAnalyses<CleanResult>(CLEAN_STAGE, ids)]);
    return articles.map((a) => reuseDocFromArticle(a, cleans.get(a.id) ?? null));
  };
}
