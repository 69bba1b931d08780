/** The compare stage: fact alignment across outlets, coverage, and conflicts. */
export { alignFacts, analyseStory, coverageMatrix, sharedFacts, uniqueFacts, ALIGN_DEFAULTS, type AlignOptions, type StoryAnalysis } from './align.ts';
export { findConflicts, denialOf, rootOf, CONFLICT_DEFAULTS, type ConflictOptions, type FindConflictsOptions } from './conflicts.ts';
export type { StoryArticle, SentenceRef, AlignedFact, DetailedConflict, DetailedSide, CoverageMatrix } from './types.ts';
export { storySentences, type StorySentence } from './sentences.ts';
export { readNumbers, valuesAgree, sameSlot, type NumberMention, type NumberRole } from './numbers.ts';
export { readDates, datesAgree, type DateRef } from './dates.ts';
export { readPlaces, sameName, PlaceGraph, type PlaceSlot } from './places.ts';
