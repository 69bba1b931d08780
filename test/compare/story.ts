/** Builds small test stories: each article is a list of paragraphs (written for these tests). */
import type { StoryArticle } from '../../src/compare/index.ts';

export function article(id: string, source: string | null, publishedAt: string | null, title: string | null, paragraphs: string[]): StoryArticle {
  let text = '';
  const ps: StoryArticle['paragraphs'] = [];
  for (const p of paragraphs) {
    if (text) text += '\n';
    ps.push({ start: text.length, end: text.length + p.length, text: p });
    text += p;
  }
  return { id, source, publishedAt, title, text, paragraphs: ps };
}
