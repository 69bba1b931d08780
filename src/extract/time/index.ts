/** The temporal stage: date expressions, publication dates, story timelines. */
export { extractDates, findTemporalExpressions, isIsoValue, clauseTense, type TemporalExpression, type ResolveOptions } from './extract.ts';
export { inferPublicationDate, inferFromStory, type PublicationInference, type StoryArticle, type StoryContext } from './publication.ts';
export { hijriToGregorian, hijriToGregorianTabular, gregorianToHijri, weekday, addDays, dayOf } from './calendar.ts';
export { buildTimeline, SAME_EVENT_SIMILARITY, type TimelineArticle } from './timeline.ts';
