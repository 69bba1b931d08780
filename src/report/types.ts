/** What the story report renders: a Story record, its articles, and the analyses the lead passes. */
import type { Quote, ReuseLink, Story } from '../model.ts';
import type { CoverageMatrix } from '../compare/types.ts';

export interface ReportArticle {
  id: string;
  source: string | null;
  title: string | null;
  publishedAt: string | null;
  url: string | null;
}

export interface StoryReportInput {
  story: Story;
  articles: ReportArticle[];
  /** quotes per article id */
  quotes?: Map<string, Quote[]> | Record<string, Quote[]>;
  /** reuse links per article id */
  reuse?: Map<string, ReuseLink[]> | Record<string, ReuseLink[]>;
  coverage?: CoverageMatrix;
  /** when the report was made (ISO); defaults to now */
  generatedAt?: string;
}

export type ReportFormat = 'md' | 'html' | 'json';
