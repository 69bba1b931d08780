/** The entity stage: statistical tagging of mentions and cross-document resolution. */
export { tagEntities, type TagOptions } from './tagger.ts';
export { loadModel, defaultModelPath, type NerModel } from './modelFile.ts';
export { resolveEntities, mentionKey, entityId, type Merge, type MergeRule, type ResolveOptions, type ResolveResult } from './resolve.ts';
export { trainNer, tagWords } from './train.ts';
export { parseConll } from './conll.ts';
