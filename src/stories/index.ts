/** The story stage: online clustering of articles into stories and events, and Story records. */
export { StoryClusterer, clusterBatch, DEFAULT_PARAMS, type ClusterParams, type Assignment, type SnapshotStory, type SnapshotEvent, type ClustererJSON } from './clusterer.ts';
export { articleTerms, termKey, entityKey, DEFAULT_TERM_WEIGHTS, type StoryInput, type TermWeights } from './features.ts';
export { DEFAULT_EVENT_PARAMS, type EventParams } from './events.ts';
export { buildStoryRecord, buildStoryRecords, representativeTitle, type ArticleMeta } from './record.ts';
export { baselineClusters } from './baseline.ts';
export { STORY_STATE_KEY } from './state.ts';
