/**
 * Input and output records of the compare stage. Inputs are plain records the pipeline
 * already has; every extraction from other stages is optional and the stage degrades to
 * its own light heuristics when one is missing.
 */
import type { BodyParagraph, Conflict, ConflictSide, DateMention, EntityMention, Fact, Quote } from '../model.ts';

/** One article of a story as compare/summary see it. Offsets index `text`. */
export interface StoryArticle {
  id: string;
  source: string | null;
  /** ISO date or date-time, or null when unknown */
  publishedAt: string | null;
  title: string | null;
  /** the text every offset indexes (raw text, or text extracted from HTML) */
  text: string;
  /** cleaned body paragraphs (offsets into `text`); when empty the whole text is the body */
  paragraphs: BodyParagraph[];
  /** sentence spans when a stage already split them (offsets into `text`) */
  sentences?: { start: number; end: number; text?: string }[];
  entities?: EntityMention[];
  quotes?: Quote[];
  dates?: DateMention[];
}

/** A sentence of one article, with where it is. */
export interface SentenceRef {
  articleId: string;
  start: number;
  end: number;
  text: string;
}

/** A fact with the sentences that carry it (Fact + detail; extra fields are allowed by the contract). */
export interface AlignedFact extends Fact {
  /** one sentence per carrying article, in article order of `articleIds` */
  sentences: SentenceRef[];
  /** publication time (ms) of the earliest carrying article, or null */
  firstSeen: number | null;
}

export interface DetailedSide extends ConflictSide {
  /** the value this side asserts, as written ("موسكو", "14.6 مليون دولار", "2025-03-25", "ينفي") */
  value: string;
  /** every sentence that asserts this side's value */
  sentences: SentenceRef[];
}

export interface DetailedConflict extends Conflict {
  sides: DetailedSide[];
}

/** facts × outlets: `cells[i][j]` is true when fact i is carried by outlet j */
export interface CoverageMatrix {
  outlets: string[];
  facts: { text: string; articleIds: string[] }[];
  cells: boolean[][];
}
