/**
 * GET /api/search: stories and articles matching a query, with snippets whose matched words
 * are given as offsets (the web app marks them with <mark> elements; no HTML is sent).
 */
import type { Store } from '../store/store.ts';
import { cleanOf, loadAnalyses } from './analyses.ts';
import type { ArticleSearch } from './search-index.ts';
import type { StoryCache } from './stories.ts';
import { queryTerms, snippetOf, type Snippet } from './terms.ts';
import { articleText } from './text.ts';
import { storySummary, type StorySummary } from './views.ts';
import { cursorFor } from './params.ts';

export interface SearchParams {
  q: string;
  type: 'all' | 'articles' | 'stories';
  source?: string;
  since?: string;
  until?: string;
  entity?: string;
  limit: number;
  offset: number;
}

export interface ArticleResult {
  id: string;
  title: string | null;
  source: string | null;
  published_at: string | null;
  story_id: string | null;
  score: number;
  title_highlights: Snippet['highlights'];
  snippet: Snippet;
}

export async function searchAll(ctx: { store: Store; search: ArticleSearch; stories: StoryCache }, p: SearchParams) {
  const { store, search, stories } = ctx;
  const terms = queryTerms(p.q);
  const termSet = new Set(terms);

  // entity filter: articles where the entity is mentioned (entities stage) or that its stories hold
  let ids: Set<string> | undefined;
  if (p.entity) {
    ids = new Set(search.articlesOfEntity(p.entity));
    for (const a of stories.entity(p.entity)?.articleIds ?? []) ids.add(a);
  }

  let storyResults: { total: number; items: (StorySummary & { snippet: Snippet; title_highlights: Snippet['highlights'] })[] } = { total: 0, items: [] };
  if (p.type !== 'articles') {
    const first = p.type === 'stories' ? p.offset : 0;
    const { total, hits } = stories.search(terms, {
      filter: (s) =>
        (!p.source || s.sources.includes(p.source)) &&
        (!p.since || !s.dateEnd || s.dateEnd >= p.since) &&
        (!p.until || !s.dateStart || s.dateStart.slice(0, p.until.length) <= p.until) &&
        (!ids || s.articleIds.some((a) => ids!.has(a))),
      offset: first,
      limit: p.limit,
    });
    storyResults = {
      total,
      items: hits.map(({ story: s }) => ({
        ...storySummary(s),
        title_highlights: snippetOf(s.title, termSet, 10_000).highlights,
        snippet: snippetOf([s.headline, ...(s.summary ?? []).map((x) => x.text)].filter(Boolean).join(' '), termSet),
      })),
    };
  }

  let articleResults: { total: number; items: ArticleResult[]; next_cursor: string | null } = { total: 0, items: [], next_cursor: null };
  if (p.type !== 'stories') {
    const { total, hits: pageHits } = search.search(terms, { source: p.source, since: p.since, until: p.until, ids }, { offset: p.offset, limit: p.limit });
    const pageIds = pageHits.map((h) => h.id);
    const [articles, analyses] = await Promise.all([store.getArticles(pageIds), loadAnalyses(store, pageIds, ['clean'])]);
    const byId = new Map(articles.map((a) => [a.id, a]));
    const items: ArticleResult[] = [];
    for (const h of pageHits) {
      const a = byId.get(h.id);
      if (!a) continue;
      const clean = cleanOf(analyses.get(a.id) ?? {});
      const t = articleText(a, clean);
      const title = a.title ?? clean?.title ?? null;
      items.push({
        id: a.id,
        title,
        source: a.source,
        published_at: a.publishedAt,
        story_id: stories.storyOf(a.id)?.id ?? null,
        score: Math.round(h.score * 1000) / 1000,
        title_highlights: title ? snippetOf(title, termSet, 10_000).highlights : [],
        snippet: snippetOf(t.paragraphs.map((x) => x.text).join(' '), termSet),
      });
    }
    const more = p.offset + pageHits.length < total;
    articleResults = { total, items, next_cursor: more ? cursorFor(p.offset + pageHits.length) : null };
  }

  return { query: p.q, terms, stories: storyResults, articles: articleResults, limit: p.limit, offset: p.offset };
}
