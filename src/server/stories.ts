/**
 * Stories held in memory (there are far fewer stories than articles): the article → story
 * map, the entities seen across stories, and a stem index for searching stories by title,
 * headline, summary, timeline and entity names. Reloaded after an ingest, and at most every
 * `maxAgeMs` when another process (`marsad run`) may have re-clustered the store.
 */
import type { Story, StoryEntity } from '../model.ts';
import type { Store } from '../store/store.ts';
import { termsOf } from './terms.ts';

export interface EntityInfo {
  id: string;
  name: string;
  type: StoryEntity['type'];
  variants: string[];
  storyIds: string[];
  articleIds: string[];
}

export class StoryCache {
  private stories = new Map<string, Story>();
  private storyOfArticle = new Map<string, string>();
  private entities = new Map<string, EntityInfo>();
  private stemIndex = new Map<string, string[]>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 30_000,
  ) {}

  async load(): Promise<void> {
    const list = await this.store.listStories({});
    const stories = new Map<string, Story>();
    const storyOfArticle = new Map<string, string>();
    const entities = new Map<string, EntityInfo>();
    const stemIndex = new Map<string, string[]>();
    for (const s of list) {
      stories.set(s.id, s);
      for (const a of s.articleIds) storyOfArticle.set(a, s.id);
      for (const e of s.entities ?? []) {
        let info = entities.get(e.id);
        if (!info) entities.set(e.id, (info = { id: e.id, name: e.name, type: e.type, variants: [], storyIds: [], articleIds: [] }));
        info.storyIds.push(s.id);
        for (const v of [e.name, ...(e.variants ?? [])]) if (!info.variants.includes(v)) info.variants.push(v);
        for (const a of e.articleIds ?? []) if (!info.articleIds.includes(a)) info.articleIds.push(a);
      }
      const text = [s.title, s.headline, ...(s.summary ?? []).map((x) => x.text), ...(s.timeline ?? []).map((x) => x.text), ...(s.entities ?? []).flatMap((e) => [e.name, ...(e.variants ?? [])])].join('\n');
      for (const t of termsOf(text)) {
        const ids = stemIndex.get(t);
        if (ids) ids.push(s.id);
        else stemIndex.set(t, [s.id]);
      }
    }
    this.stories = stories;
    this.storyOfArticle = storyOfArticle;
    this.entities = entities;
    this.stemIndex = stemIndex;
    this.loadedAt = Date.now();
  }

  /** reloads when stale; concurrent callers share one reload */
  async fresh(): Promise<this> {
    if (Date.now() - this.loadedAt > this.maxAgeMs) {
      this.loading ??= this.load().finally(() => (this.loading = null));
      await this.loading;
    }
    return this;
  }

  get(id: string): Story | undefined {
    return this.stories.get(id);
  }

  all(): IterableIterator<Story> {
    return this.stories.values();
  }

  get size(): number {
    return this.stories.size;
  }

  storyOf(articleId: string): Story | undefined {
    const id = this.storyOfArticle.get(articleId);
    return id ? this.stories.get(id) : undefined;
  }

  entity(id: string): EntityInfo | undefined {
    return this.entities.get(id);
  }

  /** stories matching the most query terms first, then by idf sum, then newest */
  search(terms: string[]): { id: string; score: number; matched: number }[] {
    const n = Math.max(1, this.stories.size);
    const hits = new Map<string, { id: string; score: number; matched: number }>();
    for (const t of terms) {
      const ids = this.stemIndex.get(t);
      if (!ids) continue;
      const idf = Math.log(1 + n / ids.length);
      for (const id of ids) {
        let h = hits.get(id);
        if (!h) hits.set(id, (h = { id, score: 0, matched: 0 }));
        h.score += idf;
        h.matched++;
      }
    }
    const date = (id: string) => this.stories.get(id)?.dateEnd ?? '';
    return [...hits.values()].sort((a, b) => b.matched - a.matched || b.score - a.score || date(b.id).localeCompare(date(a.id)));
  }
}
