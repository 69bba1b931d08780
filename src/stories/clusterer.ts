/**
 * Online story clustering in arrival order. Each article, using only what is known at that
 * time, joins the best-scoring active story or starts a new one:
 *
 *   score = max(cos(article, story centroid), memberLink · max cos(article, recent member))
 *           · recency(Δt since the story's last article)
 *           + titleBonus · title-term overlap + entityBonus · shared-entity overlap
 *
 * Vectors are TF-IDF over stemmed terms with time-decayed document frequencies. Candidates
 * come from an inverted index over each active story's top centroid terms, so the cost of an
 * assignment depends on the posting lists touched, not on the number of stories. Stories
 * inactive for `closeAfterDays` leave the index. Within a story, articles are grouped into
 * events by similarity and time (see `assignEvent`).
 */
import { articleTerms, type ArticleTerms, type StoryInput } from './features.ts';
import { DecayedDocumentFrequency } from './decayed-df.ts';

export interface ClusterParams {
  /** join the best story when its score reaches this */
  threshold: number;
  /** weight of the best single-member similarity next to the centroid similarity */
  memberLink: number;
  /** document-frequency half-life */
  halfLifeDays: number;
  /** recency: score is multiplied by exp(-Δhours / recencyHours) beyond `graceHours` */
  recencyHours: number;
  graceHours: number;
  /** stories with no article for this long are closed */
  closeAfterDays: number;
  titleBonus: number;
  entityBonus: number;
  /** terms of an article used as vector / for retrieval */
  maxArticleTerms: number;
  retrievalTerms: number;
  /** centroid terms kept per story and indexed */
  maxCentroidTerms: number;
  indexedTerms: number;
  /** recent member vectors kept per story for member links */
  keptMembers: number;
  /** an article joins an event of its story when similarity ≥ this and within eventHours */
  eventThreshold: number;
  eventHours: number;
  /** longest posting list scanned per term (most recent entries) */
  maxPostings: number;
  /** how much a story's size raises its score (log-scaled) */
  sizePrior: number;
  /** signature terms per story, and the weight of lead coverage by them */
  signatureTerms: number;
  coverageWeight: number;
  /** coverage counts fully once a story has this many articles */
  coverageMinCount: number;
}

/** Chosen on dev data only (see docs/design/stories.md and `npm run eval -- stories`). */
export const DEFAULT_PARAMS: ClusterParams = {
  threshold: 0.3,
  memberLink: 0.9,
  halfLifeDays: 14,
  recencyHours: 96,
  graceHours: 24,
  closeAfterDays: 10,
  titleBonus: 0.1,
  entityBonus: 0.1,
  maxArticleTerms: 80,
  retrievalTerms: 12,
  maxCentroidTerms: 200,
  indexedTerms: 40,
  keptMembers: 12,
  eventThreshold: 0.35,
  eventHours: 30,
  maxPostings: 3000,
  sizePrior: Number(process.env.SP ?? 0),
  signatureTerms: Number(process.env.SIG ?? 25),
  coverageWeight: Number(process.env.COVW ?? 0.5),
  coverageMinCount: Number(process.env.COVN ?? 3),
};

type Vec = Map<string, number>;

interface EventState {
  id: string;
  centroid: Vec;
  first: number;
  last: number;
  articleIds: string[];
}

interface StoryState {
  id: string;
  centroid: Vec;
  count: number;
  first: number;
  last: number;
  titleTerms: Map<string, number>;
  entities: Map<string, number>;
  members: { id: string; vec: Vec }[];
  articleIds: string[];
  events: EventState[];
  indexed: string[];
  /** top centroid terms: what the story is about */
  signature: Set<string>;
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
}

function norm(v: Vec): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function dot(a: Vec, b: Vec): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = big.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

function cosine(a: Vec, b: Vec): number {
  const na = norm(a);
  const nb = norm(b);
  return na === 0 || nb === 0 ? 0 : dot(a, b) / (na * nb);
}

function topK(v: Vec, k: number): Vec {
  if (v.size <= k) return v;
  return new Map([...v].sort((x, y) => y[1] - x[1]).slice(0, k));
}

function addInto(target: Vec, v: Vec, scale = 1): void {
  for (const [k, x] of v) target.set(k, (target.get(k) ?? 0) + x * scale);
}

function overlap(terms: Set<string>, counts: Map<string, number>): number {
  if (terms.size === 0 || counts.size === 0) return 0;
  let hit = 0;
  for (const t of terms) if (counts.has(t)) hit++;
  return hit / terms.size;
}

export class StoryClusterer {
  readonly params: ClusterParams;
  private readonly df: DecayedDocumentFrequency;
  private readonly stories = new Map<string, StoryState>();
  /** term → ids of active stories indexed under it, oldest first */
  private readonly index = new Map<string, string[]>();
  private readonly storyOf = new Map<string, string>();
  private nextStory = 1;
  private nextEvent = 1;
  private readonly idPrefix: string;

  constructor(params: Partial<ClusterParams> = {}, idPrefix = 's') {
    this.params = { ...DEFAULT_PARAMS, ...params };
    this.df = new DecayedDocumentFrequency(this.params.halfLifeDays);
    this.idPrefix = idPrefix;
  }

  get storyCount(): number {
    return this.stories.size;
  }

  /** The TF-IDF vector of an article at its time (after its terms entered the DF). */
  private vectorize(terms: ArticleTerms, t: number): Vec {
    const v: Vec = new Map();
    for (const [k, w] of terms.tf) v.set(k, w * this.df.idf(k, t));
    const top = topK(v, this.params.maxArticleTerms);
    const n = norm(top);
    if (n > 0) for (const [k, x] of top) top.set(k, x / n);
    return top;
  }

  private candidates(vec: Vec): Set<string> {
    const probe = topK(vec, this.params.retrievalTerms);
    const out = new Set<string>();
    for (const term of probe.keys()) {
      const list = this.index.get(term);
      if (!list) continue;
      const from = Math.max(0, list.length - this.params.maxPostings);
      for (let i = list.length - 1; i >= from; i--) out.add(list[i]);
    }
    return out;
  }

  private score(s: StoryState, vec: Vec, terms: ArticleTerms, t: number): number {
    const p = this.params;
    const centroidSim = cosine(vec, s.centroid);
    let memberSim = 0;
    for (const m of s.members) memberSim = Math.max(memberSim, dot(vec, m.vec));
    // Coverage: how much of what the article is about (title + lead, idf-weighted) is among
    // the story's signature terms. Big heterogeneous stories (a strike and every reaction to
    // it) bind through a few signature terms that pairwise cosine dilutes.
    let covered = 0;
    let total = 0;
    const signature = s.signature;
    for (const [k, w] of terms.leadTf) {
      const x = w * this.df.idf(k, t);
      total += x;
      if (signature.has(k)) covered += x;
    }
    const coverage = total > 0 ? covered / total : 0;
    let sim = Math.max(centroidSim, p.memberLink * memberSim, p.coverageWeight * coverage * Math.min(1, s.count / p.coverageMinCount));
    const gapH = Math.abs(t - s.last) / 3_600_000;
    if (gapH > p.graceHours) sim *= Math.exp(-(gapH - p.graceHours) / p.recencyHours);
    // Rich get richer (as in a Chinese-restaurant-process prior): a story that is growing
    // fast right now attracts articles more easily than a quiet one.
    sim *= 1 + p.sizePrior * Math.log1p(s.count);
    return sim + p.titleBonus * overlap(terms.titleTerms, s.titleTerms) * sim + p.entityBonus * overlap(terms.entities, s.entities) * sim;
  }

  private reindex(s: StoryState): void {
    const top = [...topK(s.centroid, this.params.indexedTerms).keys()];
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
    s.signature = new Set(top.slice(0, this.params.signatureTerms));
  }

  private unindexTerm(term: string, id: string): void {
    const list = this.index.get(term);
    if (!list) return;
    const i = list.lastIndexOf(id);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.index.delete(term);
  }

  private close(s: StoryState): void {
    for (const term of s.indexed) this.unindexTerm(term, s.id);
    s.indexed = [];
    s.closed = true;
    s.members = [];
  }

  assign(input: StoryInput): Assignment {
    const p = this.params;
    const terms = articleTerms(input);
    this.df.add(terms.tf.keys(), input.time);
    const vec = this.vectorize(terms, input.time);

    const scored: { s: StoryState; score: number }[] = [];
    for (const id of (process.env.ALL ? [...this.stories.keys()] : this.candidates(vec))) {
      const s = this.stories.get(id);
      if (!s || s.closed) continue;
      if ((input.time - s.last) / 86_400_000 > p.closeAfterDays) {
        this.close(s);
        continue;
      }
      scored.push({ s, score: this.score(s, vec, terms, input.time) });
    }
    scored.sort((a, b) => b.score - a.score);

    let story: StoryState;
    let isNewStory = false;
    const merged: string[] = [];
    if (scored.length > 0 && scored[0].score >= p.threshold) {
      story = scored[0].s;
      // Stories converge: another story this article also clearly belongs to is merged in.
      for (const other of scored.slice(1)) {
        if (other.score < p.threshold * 1.5) break;
        this.mergeInto(story, other.s);
        merged.push(other.s.id);
      }
    } else {
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
        signature: new Set(),
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
    for (const e of terms.entities) story.entities.set(e, (story.entities.get(e) ?? 0) + 1);
    story.members.push({ id: input.id, vec });
    if (story.members.length > p.keptMembers) story.members.shift();
    story.articleIds.push(input.id);
    this.storyOf.set(input.id, story.id);
    const eventId = this.assignEvent(story, input, vec);
    this.reindex(story);

    return { articleId: input.id, storyId: story.id, eventId, score: scored[0]?.score ?? 0, isNewStory, merged };
  }

  /** Events: the most similar event of the story within `eventHours`, else a new one. */
  private assignEvent(story: StoryState, input: StoryInput, vec: Vec): string {
    const p = this.params;
    let best: EventState | null = null;
    let bestSim = p.eventThreshold;
    for (const e of story.events) {
      if (Math.abs(input.time - e.last) / 3_600_000 > p.eventHours) continue;
      const sim = cosine(vec, e.centroid);
      if (sim >= bestSim) {
        best = e;
        bestSim = sim;
      }
    }
    if (!best) {
      best = { id: `e${this.nextEvent++}`, centroid: new Map(), first: input.time, last: input.time, articleIds: [] };
      story.events.push(best);
    }
    addInto(best.centroid, vec);
    best.centroid = topK(best.centroid, p.maxCentroidTerms);
    best.last = Math.max(best.last, input.time);
    best.first = Math.min(best.first, input.time);
    best.articleIds.push(input.id);
    return best.id;
  }

  private mergeInto(target: StoryState, other: StoryState): void {
    addInto(target.centroid, other.centroid);
    target.centroid = topK(target.centroid, this.params.maxCentroidTerms);
    target.count += other.count;
    target.first = Math.min(target.first, other.first);
    target.last = Math.max(target.last, other.last);
    for (const [k, n] of other.titleTerms) target.titleTerms.set(k, (target.titleTerms.get(k) ?? 0) + n);
    for (const [k, n] of other.entities) target.entities.set(k, (target.entities.get(k) ?? 0) + n);
    target.members = [...target.members, ...other.members].slice(-this.params.keptMembers);
    target.articleIds.push(...other.articleIds);
    target.events.push(...other.events);
    for (const id of other.articleIds) this.storyOf.set(id, target.id);
    this.close(other);
    this.stories.delete(other.id);
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

  /** Snapshot of the stories: ids, members and events (for storage and export). */
  snapshot(): { id: string; articleIds: string[]; first: number; last: number; events: { id: string; articleIds: string[]; first: number; last: number }[] }[] {
    return [...this.stories.values()].map((s) => ({
      id: s.id,
      articleIds: [...s.articleIds],
      first: s.first,
      last: s.last,
      events: s.events.map((e) => ({ id: e.id, articleIds: [...e.articleIds], first: e.first, last: e.last })),
    }));
  }
}
