/** Where the pipeline keeps the clusterer between runs: `store.setState(STORY_STATE_KEY, clusterer.toJSON())`. */
export const STORY_STATE_KEY = 'stories/clusterer';
