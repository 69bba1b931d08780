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
  /** term → story ordinals (positions in `list`) */
  private stemIndex = new Map<string, Int32Array>();
  private list: Story[] = [];
  /** date_end as a number per ordinal (newest-first tie-break without string compares) */
  private dateKey = new Float64Array(0);
  private loadedAt = 0;
  private checkedAt = 0;
  private loading: Promise<void> | null = null;
  /** story id → the text it was indexed under and its terms (a reload re-stems only changed stories) */
  private termsMemo = new Map<string, { text: string; terms: string[] }>();

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 30_000,
  ) {}

  async load(): Promise<void> {
    const list = await this.store.listStories({});
    const stories = new Map<string, Story>();
    const storyOfArticle = new Map<string, string>();
    const entities = new Map<string, EntityInfo>();
    const variantSets = new Map<string, { variants: Set<string>; articles: Set<string> }>();
    const building = new Map<string, number[]>();
    const memo = new Map<string, { text: string; terms: string[] }>();
    const dateKey = new Float64Array(list.length);
    list.forEach((s, ord) => {
      const t = s.dateEnd ? Date.parse(s.dateEnd) : NaN;
      dateKey[ord] = Number.isNaN(t) ? -Infinity : t;
      stories.set(s.id, s);
      for (const a of s.articleIds) storyOfArticle.set(a, s.id);
      for (const e of s.entities ?? []) {
        let info = entities.get(e.id);
        let sets = variantSets.get(e.id)!;
        if (!info) {
          entities.set(e.id, (info = { id: e.id, name: e.name, type: e.type, variants: [], storyIds: [], articleIds: [] }));
          variantSets.set(e.id, (sets = { variants: new Set(), articles: new Set() }));
        }
        info.storyIds.push(s.id);
        for (const v of [e.name, ...(e.variants ?? [])])
          if (!sets.variants.has(v)) {
            sets.variants.add(v);
            info.variants.push(v);
          }
        for (const a of e.articleIds ?? [])
          if (!sets.articles.has(a)) {
            sets.articles.add(a);
            info.articleIds.push(a);
          }
      }
      const text = [s.title, s.headline, ...(s.summary ?? []).map((x) => x.text), ...(s.timeline ?? []).map((x) => x.text), ...(s.entities ?? []).flatMap((e) => [e.name, ...(e.variants ?? [])])].join('\n');
      const known = this.termsMemo.get(s.id);
      const terms = known && known.text === text ? known.terms : [...termsOf(text)];
      memo.set(s.id, { text, terms });
      for (const t of terms) {
        const ords = building.get(t);
        if (ords) ords.push(ord);
        else building.set(t, [ord]);
      }
    });
    const stemIndex = new Map<string, Int32Array>();
    for (const [t, ords] of building) stemIndex.set(t, Int32Array.from(ords));
    this.stories = stories;
    this.storyOfArticle = storyOfArticle;
    this.entities = entities;
    this.stemIndex = stemIndex;
    this.list = list;
    this.dateKey = dateKey;
    this.termsMemo = memo;
    this.loadedAt = this.checkedAt = Date.now();
  }

  /**
   * Another process (`marsad run`) may re-cluster the store. A full reload costs seconds at
   * 10k+ stories (reading them all), so: at most every maxAgeMs a cheap check (the story count)
   * reloads when it changed, and a full reload happens at most every 10 × maxAgeMs regardless.
   * The server's own ingests call `load()` directly. Concurrent callers share one reload.
   */
  async fresh(): Promise<this> {
    const now = Date.now();
    if (now - this.checkedAt <= this.maxAgeMs) return this;
    this.checkedAt = now;
    const stale = now - this.loadedAt > 10 * this.maxAgeMs || (await this.store.countStories()) !== this.stories.size;
    if (stale) {
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

  /**
   * Stories matching the most query terms first, then by idf sum, then newest; only those
   * passing `filter`. Exact total; the first `offset + limit` ranked (all when no limit).
   */
  search(terms: string[], opts: { filter?: (s: Story) => boolean; offset?: number; limit?: number } = {}): { total: number; hits: { id: string; story: Story; score: number; matched: number }[] } {
    const n = this.list.length;
    const score = new Float64Array(n);
    const matched = new Uint8Array(n);
    const touched: number[] = [];
    for (const t of terms) {
      const ords = this.stemIndex.get(t);
      if (!ords) continue;
      const idf = Math.log(1 + Math.max(1, n) / ords.length);
      for (let i = 0; i < ords.length; i++) {
        const o = ords[i];
        if (matched[o] === 0) touched.push(o);
        matched[o]++;
        score[o] += idf;
      }
    }
    const passing = opts.filter ? touched.filter((o) => opts.filter!(this.list[o])) : touched;
    const before = (a: number, b: number) => matched[b] - matched[a] || score[b] - score[a] || (this.dateKey[b] > this.dateKey[a] ? 1 : this.dateKey[b] < this.dateKey[a] ? -1 : 0);
    const k = opts.limit === undefined ? passing.length : Math.min(passing.length, (opts.offset ?? 0) + opts.limit);
    // few stories match more than a few thousand terms' worth; a partial sort is not worth it
    const ranked = k < passing.length ? topK(passing, k, before) : passing.sort(before);
    return {
      total: passing.length,
      hits: ranked.slice(opts.offset ?? 0).map((o) => ({ id: this.list[o].id, story: this.list[o], score: score[o], matched: matched[o] })),
    };
  }
}

/** the k first items under `cmp`, in order (a bounded heap: O(n log k)) */
function topK(items: number[], k: number, cmp: (a: number, b: number) => number): number[] {
  const heap: number[] = [];
  const worse = (a: number, b: number) => cmp(a, b) > 0;
  for (const x of items) {
    if (heap.length < k) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i], heap[p])) break;
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      }
    } else if (k > 0 && cmp(x, heap[0]) < 0) {
      heap[0] = x;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l], heap[m])) m = l;
        if (r < heap.length && worse(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
  }
  return heap.sort(cmp);
}
