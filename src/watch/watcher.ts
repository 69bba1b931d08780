/**
 * `marsad watch`: poll feeds when due, store new items, hand them on (queue on PostgreSQL,
 * processAll on SQLite), then check saved queries against the stories the new articles are in.
 * `tick()` is one bounded round; `run()` repeats it until stopped (or for `maxTicks`).
 */
import type { Article, IngestedArticle } from '../model.ts';
import type { Store } from '../store/store.ts';
import { articleId } from '../ingest/identity.ts';
import { PostgresStore } from '../store/postgres.ts';
import { JobQueue } from '../queue/queue.ts';
import { runWorker } from '../queue/worker.ts';
import { processAll } from '../pipeline.ts';
import type { FeedConfig } from './feeds.ts';
import { pollFeed, type PollOutcome } from './poll.ts';
import { afterPoll, freshHealth, isDue, MAX_BACKOFF_S, type FeedHealth } from './health.ts';
import { decideAlerts, deliver, type Alert, type FiredState, type SavedQuery, type StoryText } from './alerts.ts';

export const HEALTH_KEY = 'watch.feeds';
export const ALERTS_KEY = 'watch.alerts';

export type Processor = (store: Store, addedIds: string[]) => Promise<void>;

export interface WatchOptions {
  feeds: FeedConfig[];
  queries?: SavedQuery[];
  now?: () => Date;
  /** per request (default 20 s) */
  timeoutMs?: number;
  maxBackoffS?: number;
  /** feeds fetched at once (default 4) */
  parallel?: number;
  /**
   * What happens to new articles. Default: on PostgreSQL enqueue them (and, with `work`,
   * drain the queue in this process); on SQLite run processAll.
   */
  process?: Processor;
  work?: boolean;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
}

export interface FeedTick {
  url: string;
  outcome: PollOutcome['kind'];
  status: number | null;
  added: number;
  error?: string;
}

export interface TickReport {
  polled: FeedTick[];
  added: string[];
  alerts: Alert[];
  alertErrors: string[];
}

export function defaultProcessor(opts: { work?: boolean }): Processor {
  return async (store, ids) => {
    if (store instanceof PostgresStore) {
      await new JobQueue(store).enqueue(ids);
      if (opts.work) await runWorker(store, { once: true, idleMs: 50 });
    } else {
      await processAll(store);
    }
  };
}

export async function readHealth(store: Store): Promise<Record<string, FeedHealth>> {
  return (await store.getState<Record<string, FeedHealth>>(HEALTH_KEY)) ?? {};
}

export class Watcher {
  private readonly now: () => Date;
  private readonly process: Processor;

  constructor(
    readonly store: Store,
    readonly opts: WatchOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.process = opts.process ?? defaultProcessor({ work: opts.work });
  }

  private toArticle(item: IngestedArticle, feed: FeedConfig, at: Date): Article {
    const a = feed.source ? { ...item, source: feed.source } : item;
    return { ...a, id: articleId(a.source, a.raw, a.rawKind), ingestedAt: at.toISOString() };
  }

  /** One round: every due feed polled once (at most `parallel` at a time). */
  async tick(): Promise<TickReport> {
    const now = this.now();
    const health = await readHealth(this.store);
    const due = this.opts.feeds.filter((f) => isDue(health[f.url] ?? freshHealth(f.url), now));
    const polled: FeedTick[] = [];
    const added: string[] = [];
    const queue = [...due];
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const h = health[f.url] ?? freshHealth(f.url);
        const outcome = await pollFeed(f.url, h, { timeoutMs: this.opts.timeoutMs, fetchImpl: this.opts.fetchImpl });
        let n = 0;
        if (outcome.kind === 'ok' && outcome.items.length) {
          const articles = outcome.items.map((it) => this.toArticle(it, f, now));
          const r = await this.store.addArticles(articles);
          n = r.added.length;
          added.push(...r.added);
        }
        health[f.url] = afterPoll(h, f, outcome, n, now, this.opts.maxBackoffS ?? MAX_BACKOFF_S);
        polled.push({ url: f.url, outcome: outcome.kind, status: outcome.status, added: n, ...(outcome.kind === 'error' ? { error: outcome.error } : {}) });
        this.opts.log?.(`${f.url}: ${outcome.kind === 'error' ? `error (${outcome.error}), next try ${health[f.url].nextPollAt}` : outcome.kind === 'not-modified' ? 'not modified' : `${n} new`}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.parallel ?? 4, queue.length) }, worker));
    await this.store.setState(HEALTH_KEY, health);
    if (added.length) await this.process(this.store, added);
    const { alerts, errors } = added.length && this.opts.queries?.length ? await this.checkQueries(added, now) : { alerts: [], errors: [] };
    return { polled, added, alerts, alertErrors: errors };
  }

  /** stories holding any of the new articles (among the newest stories), checked against every query */
  private async checkQueries(added: string[], now: Date): Promise<{ alerts: Alert[]; errors: string[] }> {
    const fresh = new Set(added);
    const stories = (await this.store.listStories({ order: 'newest', limit: 500 })).filter((s) => s.articleIds.some((a) => fresh.has(a)));
    const texts: StoryText[] = [];
    for (const s of stories) texts.push({ story: s, articles: await this.store.getArticles(s.articleIds) });
    const fired = (await this.store.getState<FiredState>(ALERTS_KEY)) ?? {};
    const alerts = decideAlerts(this.opts.queries!, texts, fired, now);
    await this.store.setState(ALERTS_KEY, fired);
    const errors: string[] = [];
    for (const a of alerts) {
      const q = this.opts.queries!.find((x) => x.name === a.query)!;
      const err = await deliver(q, a, { fetchImpl: this.opts.fetchImpl });
      if (err) errors.push(err);
      this.opts.log?.(`alert ${a.kind} for "${a.query}": ${a.story.title} (${a.story.articles} articles)${err ? ` — delivery failed: ${err}` : ''}`);
    }
    return { alerts, errors };
  }

  /** Ticks until `signal` aborts or `maxTicks` rounds ran, sleeping until the next feed is due (at most `maxSleepMs`). */
  async run(o: { signal?: AbortSignal; maxTicks?: number; maxSleepMs?: number } = {}): Promise<number> {
    let ticks = 0;
    while (!o.signal?.aborted && (o.maxTicks === undefined || ticks < o.maxTicks)) {
      await this.tick();
      ticks++;
      const health = await readHealth(this.store);
      const next = Math.min(...this.opts.feeds.map((f) => Date.parse(health[f.url]?.nextPollAt ?? '') || 0));
      const wait = Math.max(100, Math.min(o.maxSleepMs ?? 60_000, next - this.now().getTime()));
      await new Promise<void>((r) => {
        const t = setTimeout(r, wait);
        o.signal?.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
      });
    }
    return ticks;
  }
}
