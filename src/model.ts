/**
 * The typed records that flow between Marsad's stages. Defined once, here.
 *
 * Offsets: every `start`/`end` is a UTF-16 code-unit offset into the article's RAW text
 * (`Article.raw`), end exclusive, so any derived claim can be traced back to its source.
 */

export type EntityType = 'PER' | 'LOC' | 'ORG' | 'MISC';

/** A character range of an article's raw text. */
export interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------- ingest

/** The input format an article came from. */
export type InputFormat = 'txt' | 'html' | 'jsonl' | 'feed' | 'warc';

/**
 * What ingest produces for one article before it is stored: raw content plus whatever
 * metadata the input carried. `raw` is the decoded text (for HTML: the decoded HTML).
 */
export interface IngestedArticle {
  /** the id the input gave (JSON Lines `id`, feed guid), so users can join exports to their data */
  inputId: string | null;
  url: string | null;
  source: string | null;
  /** file path relative to the ingested root (with `#line`/`#record` suffix for multi-article files), or URL */
  origin: string;
  format: InputFormat;
  /** ISO 8601 date or date-time, only when the input's metadata says so */
  publishedAt: string | null;
  title: string | null;
  lang: string | null;
  /** decoded raw text (plain-text articles) or decoded HTML (html pages) */
  raw: string;
  /** 'text' when raw is plain text, 'html' when it is an HTML document */
  rawKind: 'text' | 'html';
  /** name of the encoding the bytes were decoded from, e.g. 'utf-8', 'windows-1256' */
  encoding: string;
}

/** A stored article: the ingested record plus its stable id. */
export interface Article extends IngestedArticle {
  /** stable id derived from source and normalised content (see src/ingest/identity.ts) */
  id: string;
  /** when Marsad stored it (ISO date-time) */
  ingestedAt: string;
}

/** A per-item failure reported at the end of an ingest run. */
export interface IngestFailure {
  /** file path, `file#line` or URL */
  where: string;
  reason: string;
}

export interface IngestReport {
  added: number;
  alreadyPresent: number;
  failed: IngestFailure[];
  /** ids of the articles added in this run, in input order */
  addedIds: string[];
}

// ---------------------------------------------------------------- clean

/** Classes of lines/spans that are not article body (contract: `removed[].class`). */
export type RemovedClass =
  | 'cta'
  | 'related'
  | 'comment_prompt'
  | 'markup'
  | 'byline'
  | 'dateline'
  | 'credit'
  | 'title'
  | 'kicker'
  | 'subheading'
  | 'caption'
  | 'other';

export type LineClass = 'body' | RemovedClass;

export interface RemovedSpan extends Span {
  class: RemovedClass;
  text: string;
}

/** A body paragraph: its text is exactly `raw.slice(start, end)` (for text input). */
export interface BodyParagraph extends Span {
  text: string;
}

export interface Byline {
  author: string | null;
  dateline: string | null;
}

/**
 * The output of cleaning. For HTML input, `text` is the extracted plain text and all offsets
 * (paragraphs, removed) point into `text`; `textIsRaw` tells which string offsets index.
 */
export interface CleanResult {
  title: string | null;
  kicker: string | null;
  byline: Byline | null;
  paragraphs: BodyParagraph[];
  removed: RemovedSpan[];
  /** the text the offsets index: the raw text itself, or text extracted from HTML */
  text: string;
  textIsRaw: boolean;
  /** metadata found in the page (HTML: JSON-LD, OpenGraph, meta tags) */
  meta: {
    title?: string | null;
    author?: string | null;
    publisher?: string | null;
    publishedAt?: string | null;
    modifiedAt?: string | null;
    url?: string | null;
    lang?: string | null;
  };
}

// ---------------------------------------------------------------- extract

export interface EntityMention extends Span {
  /** canonical entity id (after cross-document resolution), or a local id before it */
  entityId: string | null;
  type: EntityType;
  text: string;
}

export interface Quote extends Span {
  speakerEntityId: string | null;
  speakerText: string | null;
  speaker: Span | null;
  cue: string;
  cueSpan: Span | null;
  content: string;
  contentSpan: Span;
  direct: boolean;
}

export interface DateMention extends Span {
  text: string;
  /** ISO date, or YYYY-MM / YYYY when that is all the expression says */
  value: string;
  /** how the value was obtained: absolute, relative to publication date, weekday… */
  kind: 'absolute' | 'relative' | 'weekday' | 'duration' | 'partial';
}

// ---------------------------------------------------------------- reuse

export interface ReusePassage extends Span {
  text: string;
  otherStart: number;
  otherEnd: number;
}

export interface ReuseLink {
  otherId: string;
  /** 0..1 document-level similarity */
  similarity: number;
  passages: ReusePassage[];
  /** share of this article's body covered by passages found in the other (0..1) */
  coverage?: number;
  /** which of the two published first, when known */
  firstPublished?: 'this' | 'other' | null;
  /** agency credited in the text, when any (أ ف ب، رويترز…) */
  agency?: string | null;
}

// ---------------------------------------------------------------- stories

export interface StoryEvent {
  id: string;
  title: string;
  date: string | null;
  articleIds: string[];
}

export interface StoryEntity {
  id: string;
  name: string;
  type: EntityType;
  variants: string[];
  articleIds: string[];
}

export interface TimelineEntry {
  date: string;
  text: string;
  articleIds: string[];
}

export interface Fact {
  text: string;
  articleIds: string[];
}

export interface ConflictSide {
  text: string;
  articleIds: string[];
  speakerEntityId: string | null;
}

export interface Conflict {
  type: 'place' | 'number' | 'date' | 'actor' | 'claim';
  about: string;
  sides: ConflictSide[];
}

export interface SummarySentence {
  text: string;
  articleIds: string[];
}

export interface Story {
  id: string;
  title: string;
  headline: string;
  articleIds: string[];
  sources: string[];
  firstReportedBy: string | null;
  dateStart: string | null;
  dateEnd: string | null;
  events: StoryEvent[];
  entities: StoryEntity[];
  timeline: TimelineEntry[];
  facts: Fact[];
  conflicts: Conflict[];
  summary: SummarySentence[];
}
