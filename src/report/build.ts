/**
 * Builds a story's comparison fields (facts, conflicts, summary, headline) from its articles,
 * for the pipeline and for `marsad report` when the stored story does not have them yet.
 */
import type { Story } from '../model.ts';
import { alignFacts, coverageMatrix, findConflicts, type CoverageMatrix, type StoryArticle } from '../compare/index.ts';
import { bestHeadline, summarize } from '../summary/index.ts';

export interface StoryComparison {
  facts: Story['facts'];
  conflicts: Story['conflicts'];
  summary: Story['summary'];
  headline: string;
  coverage: CoverageMatrix;
}

export function compareStory(articles: StoryArticle[], opts: { maxSentences?: number; maxWords?: number } = {}): StoryComparison {
  const facts = alignFacts(articles);
  const conflicts = findConflicts(articles, facts);
  const summary = summarize(articles, facts, { maxSentences: opts.maxSentences ?? 6, maxWords: opts.maxWords });
  return {
    facts,
    conflicts,
    summary: summary.map((s) => ({ text: s.text, articleIds: s.articleIds })),
    headline: bestHeadline(articles, conflicts),
    coverage: coverageMatrix(articles, facts, { minArticles: 2 }),
  };
}

/** a Story record for articles that have none yet (ids, sources, dates, comparison fields) */
export function storyFromArticles(id: string, articles: StoryArticle[]): { story: Story; coverage: CoverageMatrix } {
  const c = compareStory(articles);
  const dated = articles.filter((a) => a.publishedAt).sort((a, b) => Date.parse(a.publishedAt!) - Date.parse(b.publishedAt!));
  return {
    story: {
      id,
      title: c.headline,
      headline: c.headline,
      articleIds: articles.map((a) => a.id),
      sources: [...new Set(articles.map((a) => a.source).filter((s): s is string => !!s))],
      firstReportedBy: dated[0]?.id ?? null,
      dateStart: dated[0]?.publishedAt?.slice(0, 10) ?? null,
      dateEnd: dated.at(-1)?.publishedAt?.slice(0, 10) ?? null,
      events: [],
      entities: [],
      timeline: [],
      facts: c.facts.map((f) => ({ text: f.text, articleIds: f.articleIds })),
      conflicts: c.conflicts,
      summary: c.summary,
    },
    coverage: c.coverage,
  };
}
