/**
 * Online story clustering in arrival order. Each article, using only what is known at that
 * time, joins the best-scoring active story or starts a new one:
 *
 *   sim   = max(cos(article, story centroid), memberLink · max cos(article, recent member))
 *   score = sim · recency(Δt since the story's last article)
 *           + titleBonus · title-term overlap + entityBonus · shared-entity overlap
 *
 * Vectors are TF-IDF over stemmed terms; document frequencies decay with a long half-life so
 * they describe the language of the last weeks, not of today's burst (a burst makes its own
 * words look common and shatters the biggest story). Candidates come from an inverted index
 * over each active story's top centroid terms, so an assignment costs the posting lists it
 * touches, not the number of stories. After each assignment the story is compared with the
 * other candidates: two stories whose centroids converged merge. Stories inactive for
 * `closeAfterDays` leave the index (their records stay). Within a story, articles form events
 * (src/stories/events.ts). The whole state is JSON-serialisable (toJSON/fromJSON).
 */
import { articleTerms, termKey, DEFAULT_TERM_WEIGHTS, LEAD_ENTITIES, type ArticleTerms, type StoryInput, type TermWeights } from './features.ts';
import { DecayedDocumentFrequency, type DfPrior } from './decayed-df.ts';
import { loadBackgroundDf } from './background.ts';
import { addInto, cosine, dot, topK, unitize, vecFromJSON, vecToJSON, type Vec } from './vectors.ts';
import { assignEvent, DEFAULT_EVENT_PARAMS, type EventParams, type EventState } from './events.ts';

export interface ClusterParams {
  /** join the best story when its score reaches this */
  threshold: number;
  /** weight of the best single-member similarity next to the centroid similarity */
  memberLink: number;
  /** document-frequency half-life */
  halfLifeDays: number;
  /** weight, in documents, of the shipped background document frequencies (0: none) */
  priorDocs: number;
  /** recency: the score is multiplied by exp(-(Δhours - graceHours) / recencyHours) beyond graceHours */
  recencyHours: number;
  graceHours: number;
  /** stories with no article for this long are closed (leave the index) */
  closeAfterDays: number;
  /** weight of the share of the article's title terms found in the story's titles */
  titleBonus: number;
  /** weight of the share of the article's entities found in the story */
  entityBonus: number;
  /**
   * Entity mismatch: when the article's leading entities are absent from the story and the
   * story's leading entities absent from the article, sim × (1 − entityPenalty · mismatch),
   * mismatch = min(share of the article's lead entities missing from the story, share of the
   * story's missing from the article). 0 turns it off; needs `entities` in the input.
   */
  entityPenalty: number;
  /** mismatch below this costs nothing (names vary between articles of one story); above, it scales to 1 */
  entityGate: number;
  /** two stories merge when their centroids' cosine reaches this */
  mergeThreshold: number;
  /** stories compared for a merge after each assignment (best-scoring candidates) */
  mergeCandidates: number;
  /** terms of an article kept in its vector / used to probe the index */
  maxArticleTerms: number;
  retrievalTerms: number;
  /** centroid terms kept per story, and how many of them are indexed */
  maxCentroidTerms: number;
  indexedTerms: number;
  /** recent member vectors kept per story for member links */
  keptMembers: number;
  /** longest part of a posting list scanned per term (most recent entries) */
  maxPostings: number;
  /** terms this common (idf below it: in more than ~e^-minIndexIdf of documents) are neither indexed nor probed */
  minIndexIdf: number;
  /** stories fully scored per article: the best by term-at-a-time overlap with the index */
  maxCandidates: number;
  /** of those, how many (best centroid similarity) also get member links */
  memberCandidates: number;
  terms: TermWeights;
  events: EventParams;
}

/** Chosen on dev data only (ANT 14–15 April 2018 replayed after its previous month): docs/design/stories.md. */
export const DEFAULT_PARAMS: ClusterParams = {
  threshold: 0.2,
  memberLink: 0.8,
  halfLifeDays: 30,
  priorDocs: 1000,
  recencyHours: 480,
  graceHours: 72,
  closeAfterDays: 21,
  titleBonus: 0.05,
  entityBonus: 0.05,
  entityPenalty: 0.5,
  entityGate: 0.4,
  mergeThreshold: 0.5,
  mergeCandidates: 4,
  maxArticleTerms: 400,
  retrievalTerms: 30,
  maxCentroidTerms: 300,
  indexedTerms: 40,
  keptMembers: 8,
  maxPostings: 400,
  minIndexIdf: 2,
  maxCandidates: 100,
  memberCandidates: 10,
  terms: DEFAULT_TERM_WEIGHTS,
  events: DEFAULT_EVENT_PARAMS,
};

interface StoryState {
  id: string;
  centroid: Vec;
  count: number;
  first: number;
  last: number;
  titleTerms: Map<string, number>;
  /** entity key → mentions in the story's articles */
  entities: Map<string, number>;
  /** cache of the story's leading entity keys (not serialised; rebuilt on demand) */
  leadEntities?: string[];
  members: { id: string; vec: Vec }[];
  articleIds: string[];
  events: EventState[];
  indexed: string[];
  closed: boolean;
}

export interface Assignment {
  articleId: string;
  storyId: string;
  eventId: string;
  score: number;
  isNewStory: boolean;
  /** stories merged into `storyId` by this assignment (they no longer exist) */
  merged: string[];
  /** stories scored for this article (the retrieval cost) */
  candidates: number;
}

export interface SnapshotEvent {
  id: string;
  articleIds: string[];
  /** epoch ms of the first and last article */
  first: number;
  last: number;
  /** ISO date reported by the articles (eventDate input), when known */
  date: string | null;
}

export interface SnapshotStory {
  id: string;
  articleIds: string[];
  first: number;
  last: number;
  closed: boolean;
  events: SnapshotEvent[];
}

const STATE_VERSION = 1;

export interface ClustererJSON {
  version: number;
  params: ClusterParams;
  idPrefix: string;
  nextStory: number;
  nextEvent: number;
  df: ReturnType<DecayedDocumentFrequency['toJSON']>;
  /** in activity order (least recently updated first) */
  stories: StoryJSON[];
  index: [string, string[]][];
}

interface StoryJSON {
  id: string;
  centroid: [string, number][];
  count: number;
  first: number;
  last: number;
  titleTerms: [string, number][];
  entities: [string, number][];
  members: { id: string; vec: [string, number][] }[];
  articleIds: string[];
  events: { id: string; centroid: [string, number][]; first: number; last: number; date: string | null; articleIds: string[] }[];
  indexed: string[];
  closed: boolean;
}

function shareIn(terms: Set<string>, counts: Map<string, number>): number {
  if (terms.size === 0 || counts.size === 0) return 0;
  let hit = 0;
  for (const t of terms) if (counts.has(t)) hit++;
  return hit / terms.size;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

export class StoryClusterer {
  readonly params: ClusterParams;
  private df: DecayedDocumentFrequency;
  /** every story ever made (closed ones keep only their record); Map order = activity order */
  private readonly stories = new Map<string, StoryState>();
  /** term → ids of open stories indexed under it, oldest first */
  private readonly index = new Map<string, string[]>();
  private readonly storyOf = new Map<string, string>();
  private nextStory = 1;
  private nextEvent = 1;
  private readonly idPrefix: string;

  constructor(params: Partial<ClusterParams> = {}, idPrefix = 's') {
    this.params = { ...DEFAULT_PARAMS, ...params, terms: { ...DEFAULT_PARAMS.terms, ...params.terms }, events: { ...DEFAULT_PARAMS.events, ...params.events } };
    this.df = new DecayedDocumentFrequency(this.params.halfLifeDays, this.prior());
    this.idPrefix = idPrefix;
  }

  private prior(): DfPrior | null {
    const bg = this.params.priorDocs > 0 ? loadBackgroundDf() : null;
    return bg ? { ...bg, docs: this.params.priorDocs } : null;
  }

  /** stories ever made (open and closed) */
  get storyCount(): number {
    return this.stories.size;
  }

  get openStoryCount(): number {
    let n = 0;
    for (const s of this.stories.values()) if (!s.closed) n++;
    return n;
  }

  /** distinct terms in the inverted index */
  get indexSize(): number {
    return this.index.size;
  }

  /** The TF-IDF vector of an article at its time (after its terms entered the DF). */
  private vectorize(terms: ArticleTerms, t: number): Vec {
    const v: Vec = new Map();
    for (const [k, w] of terms.tf) v.set(k, w * this.df.idf(k, t));
    return unitize(topK(v, this.params.maxArticleTerms));
  }

  /**
   * Stories sharing indexed terms with the article, ranked by the article weight of the terms
   * they share (term-at-a-time); only the best `maxCandidates` are scored in full.
   */
  private candidates(vec: Vec, t: number): string[] {
    const acc = new Map<string, number>();
    for (const [term, w] of topK(vec, this.params.retrievalTerms)) {
      const list = this.index.get(term);
      if (!list || this.df.idf(term, t) < this.params.minIndexIdf) continue;
      const from = Math.max(0, list.length - this.params.maxPostings);
      for (let i = list.length - 1; i >= from; i--) acc.set(list[i], (acc.get(list[i]) ?? 0) + w);
    }
    const k = this.params.maxCandidates;
    if (acc.size <= k) return [...acc.keys()];
    // the k-th best overlap by a numeric sort, then only stories at or above it are ordered
    const values = Float64Array.from(acc.values()).sort();
    const bar = values[values.length - k];
    const above: [string, number][] = [];
    for (const e of acc) if (e[1] >= bar) above.push(e);
    return above.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([id]) => id);
  }

  private score(s: StoryState, vec: Vec, terms: ArticleTerms, t: number, centroidSim: number, withMembers: boolean): number {
    const p = this.params;
    let memberSim = 0;
    if (withMembers) for (const m of s.members) memberSim = Math.max(memberSim, dot(vec, m.vec));
    let sim = Math.max(centroidSim, p.memberLink * memberSim);
    const gapH = Math.abs(t - s.last) / HOUR;
    if (gapH > p.graceHours) sim *= Math.exp(-(gapH - p.graceHours) / p.recencyHours);
    // names that disagree scale the similarity down, and then sharing a few common ones earns no bonus
    const mismatch = p.entityPenalty > 0 ? Math.max(0, this.entityMismatch(s, terms, t) - p.entityGate) / (1 - p.entityGate) : 0;
    sim *= 1 - p.entityPenalty * mismatch;
    const entityShare = mismatch > 0 ? 0 : shareIn(terms.entities, s.entities);
    return sim + p.titleBonus * shareIn(terms.titleTerms, s.titleTerms) + p.entityBonus * entityShare;
  }

  /**
   * How much the article and the story are about different names (0: same or unknown, 1: none
   * of either's leading names in the other). Both sides must name at least two things, so an
   * article or story the tagger found little in is not penalised.
   */
  private entityMismatch(s: StoryState, terms: ArticleTerms, t: number): number {
    const lead = terms.leadEntities;
    if (lead.length < 2 || s.entities.size < 2) return 0;
    s.leadEntities ??= [...s.entities].sort((x, y) => y[1] - x[1]).slice(0, LEAD_ENTITIES).map(([k]) => k);
    return Math.min(this.missingShare([...terms.entityCounts.keys()], s.entities, t), this.missingShare(s.leadEntities, terms.entityCounts, t));
  }

  /** Share of `keys` absent from `other`, each key weighted by its rarest word's idf (a missing "Kim" outweighs a missing "Russia"). */
  private missingShare(keys: string[], other: Map<string, number>, t: number): number {
    let all = 0;
    let missing = 0;
    for (const k of keys) {
      let w = 0;
      for (const word of k.split(' ')) {
        const term = termKey(word);
        if (term) w = Math.max(w, this.df.idf(term, t));
      }
      all += w;
      if (!other.has(k)) missing += w;
    }
    return all > 0 ? missing / all : 0;
  }

  private reindex(s: StoryState, t: number): void {
    const top = [...topK(s.centroid, this.params.indexedTerms).keys()].filter((term) => this.df.idf(term, t) >= this.params.minIndexIdf);
    const old = new Set(s.indexed);
    for (const term of top) {
      if (old.has(term)) continue;
      let list = this.index.get(term);
      if (!list) this.index.set(term, (list = []));
      list.push(s.id);
    }
    const keep = new Set(top);
    for (const term of s.indexed) if (!keep.has(term)) this.unindexTerm(term, s.id);
    s.indexed = top;
  }

  private unindexTerm(term: string, id: string): void {
    const list = this.index.get(term);
    if (!list) return;
    const i = list.lastIndexOf(id);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.index.delete(term);
  }

  /** Closing drops what only assignment needs; the story's record (members, events) stays. */
  private close(s: StoryState): void {
    for (const term of s.indexed) this.unindexTerm(term, s.id);
    s.indexed = [];
    s.closed = true;
    s.members = [];
    s.centroid = new Map();
    s.titleTerms = new Map();
    s.entities = new Map();
    s.leadEntities = undefined;
    for (const e of s.events) e.centroid = new Map();
  }

  /** Closes every open story idle for closeAfterDays at time t (oldest activity first, stops at the first active one). */
  private closeIdle(t: number): void {
    const limit = t - this.params.closeAfterDays * DAY;
    for (const s of this.stories.values()) {
      if (s.closed) continue;
      if (s.last >= limit) break;
      this.close(s);
    }
  }

  /** Moves a story to the end of the activity order. */
  private touch(s: StoryState): void {
    this.stories.delete(s.id);
    this.stories.set(s.id, s);
  }

  /**
   * `newStory`: start a story with this article without scoring any (an editor's split; the
   * bench uses it to build large indexes quickly). `terms`: `articleTerms(input, params.terms)`
   * computed beforehand (queue workers compute it in parallel, outside the serialized step).
   */
  assign(input: StoryInput, opts: { newStory?: boolean; terms?: ArticleTerms } = {}): Assignment {
    const p = this.params;
    if (this.storyOf.has(input.id)) {
      const storyId = this.storyOf.get(input.id)!;
      return { articleId: input.id, storyId, eventId: this.eventOfArticle(input.id) ?? '', score: 1, isNewStory: false, merged: [], candidates: 0 };
    }
    this.closeIdle(input.time);
    const terms = opts.terms ?? articleTerms(input, p.terms);
    this.df.add(terms.tf.keys(), input.time);
    const vec = this.vectorize(terms, input.time);

    // two stages: centroid similarity for every candidate, member links for the best of them
    const candidateIds = opts.newStory ? [] : this.candidates(vec, input.time);
    const byCentroid: { s: StoryState; c: number }[] = [];
    for (const id of candidateIds) {
      const s = this.stories.get(id);
      if (s && !s.closed) byCentroid.push({ s, c: cosine(vec, s.centroid) });
    }
    byCentroid.sort((a, b) => b.c - a.c || (a.s.id < b.s.id ? -1 : 1));
    const scored = byCentroid.map(({ s, c }, i) => ({ s, score: this.score(s, vec, terms, input.time, c, i < p.memberCandidates) }));
    scored.sort((a, b) => b.score - a.score || (a.s.id < b.s.id ? -1 : 1));

    let story: StoryState;
    let isNewStory = false;
    if (scored.length > 0 && scored[0].score >= p.threshold) story = scored[0].s;
    else {
      story = {
        id: `${this.idPrefix}${this.nextStory++}`,
        centroid: new Map(),
        count: 0,
        first: input.time,
        last: input.time,
        titleTerms: new Map(),
        entities: new Map(),
        members: [],
        articleIds: [],
        events: [],
        indexed: [],
        closed: false,
      };
      this.stories.set(story.id, story);
      isNewStory = true;
    }

    addInto(story.centroid, vec);
    story.centroid = topK(story.centroid, p.maxCentroidTerms);
    story.count++;
    story.first = Math.min(story.first, input.time);
    story.last = Math.max(story.last, input.time);
    for (const t of terms.titleTerms) story.titleTerms.set(t, (story.titleTerms.get(t) ?? 0) + 1);
    for (const [e, n] of terms.entityCounts) story.entities.set(e, (story.entities.get(e) ?? 0) + n);
    story.leadEntities = undefined;
    story.members.push({ id: input.id, vec });
    if (story.members.length > p.keptMembers) story.members.shift();
    story.articleIds.push(input.id);
    this.storyOf.set(input.id, story.id);
    const event = assignEvent(story.events, { id: input.id, time: input.time, eventDate: input.eventDate ?? null, vec }, p.events, () => `e${this.nextEvent++}`);
    this.touch(story);

    // Stories converge: when this story's centroid now matches another candidate's, they merge
    // (into the bigger one, so the id readers already know survives).
    const merged: string[] = [];
    for (const other of scored.slice(0, p.mergeCandidates + 1)) {
      if (other.s === story || other.s.closed || !this.stories.has(other.s.id)) continue;
      if (cosine(story.centroid, other.s.centroid) < p.mergeThreshold) continue;
      const [big, small] = other.s.count > story.count ? [other.s, story] : [story, other.s];
      this.mergeInto(big, small);
      merged.push(small.id);
      story = big;
    }
    this.reindex(story, input.time);
    return { articleId: input.id, storyId: story.id, eventId: event.id, score: scored[0]?.score ?? 0, isNewStory, merged, candidates: candidateIds.length };
  }

  private mergeInto(target: StoryState, other: StoryState): void {
    addInto(target.centroid, other.centroid);
    target.centroid = topK(target.centroid, this.params.maxCentroidTerms);
    target.count += other.count;
    target.first = Math.min(target.first, other.first);
    target.last = Math.max(target.last, other.last);
    for (const [k, n] of other.titleTerms) target.titleTerms.set(k, (target.titleTerms.get(k) ?? 0) + n);
    for (const [k, n] of other.entities) target.entities.set(k, (target.entities.get(k) ?? 0) + n);
    target.leadEntities = undefined;
    target.members = [...target.members, ...other.members].slice(-this.params.keptMembers);
    target.articleIds.push(...other.articleIds);
    target.events.push(...other.events);
    target.events.sort((a, b) => a.first - b.first);
    for (const id of other.articleIds) this.storyOf.set(id, target.id);
    for (const term of other.indexed) this.unindexTerm(term, other.id);
    this.stories.delete(other.id);
    this.touch(target);
  }

  /** Current story of an article (after merges). */
  storyOfArticle(articleId: string): string | undefined {
    return this.storyOf.get(articleId);
  }

  /** Event of an article within its current story. */
  eventOfArticle(articleId: string): string | undefined {
    const s = this.stories.get(this.storyOf.get(articleId) ?? '');
    return s?.events.find((e) => e.articleIds.includes(articleId))?.id;
  }

  /** The stories (open and closed): members and events, for storage and export. */
  snapshot(): SnapshotStory[] {
    return [...this.stories.values()].map((s) => ({
      id: s.id,
      articleIds: [...s.articleIds],
      first: s.first,
      last: s.last,
      closed: s.closed,
      events: s.events.map((e) => ({ id: e.id, articleIds: [...e.articleIds], first: e.first, last: e.last, date: e.date })),
    }));
  }

  /** One story of the snapshot (cheaper than snapshot() for a single id). */
  story(id: string): SnapshotStory | undefined {
    const s = this.stories.get(id);
    if (!s) return undefined;
    return { id: s.id, articleIds: [...s.articleIds], first: s.first, last: s.last, closed: s.closed, events: s.events.map((e) => ({ id: e.id, articleIds: [...e.articleIds], first: e.first, last: e.last, date: e.date })) };
  }

  toJSON(): ClustererJSON {
    return {
      version: STATE_VERSION,
      params: this.params,
      idPrefix: this.idPrefix,
      nextStory: this.nextStory,
      nextEvent: this.nextEvent,
      df: this.df.toJSON(),
      stories: [...this.stories.values()].map((s) => ({
        id: s.id,
        centroid: vecToJSON(s.centroid),
        count: s.count,
        first: s.first,
        last: s.last,
        titleTerms: [...s.titleTerms],
        entities: [...s.entities],
        members: s.members.map((m) => ({ id: m.id, vec: vecToJSON(m.vec) })),
        articleIds: s.articleIds,
        events: s.events.map((e) => ({ id: e.id, centroid: vecToJSON(e.centroid), first: e.first, last: e.last, date: e.date, articleIds: e.articleIds })),
        indexed: s.indexed,
        closed: s.closed,
      })),
      index: [...this.index],
    };
  }

  static fromJSON(j: ClustererJSON): StoryClusterer {
    if (j.version !== STATE_VERSION) throw new Error(`story clusterer state version ${j.version} is not ${STATE_VERSION}`);
    const c = new StoryClusterer(j.params, j.idPrefix);
    c.nextStory = j.nextStory;
    c.nextEvent = j.nextEvent;
    c.df = DecayedDocumentFrequency.fromJSON(j.df);
    c.df.prior = c.prior();
    for (const s of j.stories) {
      c.stories.set(s.id, {
        id: s.id,
        centroid: vecFromJSON(s.centroid),
        count: s.count,
        first: s.first,
        last: s.last,
        titleTerms: new Map(s.titleTerms),
        entities: new Map(s.entities),
        members: s.members.map((m) => ({ id: m.id, vec: vecFromJSON(m.vec) })),
        articleIds: [...s.articleIds],
        events: s.events.map((e) => ({ id: e.id, centroid: vecFromJSON(e.centroid), first: e.first, last: e.last, date: e.date, articleIds: [...e.articleIds] })),
        indexed: [...s.indexed],
        closed: s.closed,
      });
      for (const id of s.articleIds) c.storyOf.set(id, s.id);
    }
    for (const [term, ids] of j.index) c.index.set(term, [...ids]);
    return c;
  }
}

/** Batch re-clustering: the same online pass over the articles in (time, id) order. */
export function clusterBatch(inputs: StoryInput[], params: Partial<ClusterParams> = {}): StoryClusterer {
  const c = new StoryClusterer(params);
  for (const a of [...inputs].sort((x, y) => x.time - y.time || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) c.assign(a);
  return c;
}
