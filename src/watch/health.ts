/**
 * Per-feed health and schedule, kept in the store's state (`watch.feeds`) so `marsad watch
 * --status` can read it from another process and a restarted watcher keeps its validators,
 * backoff and history. Errors back off exponentially: interval · 2^failures, capped.
 */
import type { FeedConfig } from './feeds.ts';
import type { PollOutcome, Validators } from './poll.ts';

export interface FeedHealth extends Validators {
  url: string;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastStatus: number | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  /** new articles stored from this feed, all time */
  articlesAdded: number;
  polls: number;
  notModified: number;
}

export const MAX_BACKOFF_S = 6 * 3600;

export function freshHealth(url: string): FeedHealth {
  return { url, etag: null, lastModified: null, lastPollAt: null, lastSuccessAt: null, lastErrorAt: null, lastError: null, lastStatus: null, consecutiveFailures: 0, nextPollAt: null, articlesAdded: 0, polls: 0, notModified: 0 };
}

export function backoffSeconds(intervalS: number, failures: number, maxS = MAX_BACKOFF_S): number {
  return failures <= 0 ? intervalS : Math.min(maxS, intervalS * 2 ** failures);
}

export function isDue(h: FeedHealth, now: Date): boolean {
  return !h.nextPollAt || Date.parse(h.nextPollAt) <= now.getTime();
}

/** the feed's health after one poll at `now` */
export function afterPoll(h: FeedHealth, feed: FeedConfig, outcome: PollOutcome, added: number, now: Date, maxBackoffS = MAX_BACKOFF_S): FeedHealth {
  const at = now.toISOString();
  const next: FeedHealth = { ...h, lastPollAt: at, polls: h.polls + 1, lastStatus: outcome.status };
  if (outcome.kind === 'error') {
    next.consecutiveFailures = h.consecutiveFailures + 1;
    next.lastError = outcome.error;
    next.lastErrorAt = at;
  } else {
    next.consecutiveFailures = 0;
    next.lastSuccessAt = at;
    next.etag = outcome.validators.etag;
    next.lastModified = outcome.validators.lastModified;
    next.articlesAdded = h.articlesAdded + added;
    if (outcome.kind === 'not-modified') next.notModified = h.notModified + 1;
  }
  next.nextPollAt = new Date(now.getTime() + 1000 * backoffSeconds(feed.interval, next.consecutiveFailures, maxBackoffS)).toISOString();
  return next;
}

export type HealthLevel = 'ok' | 'failing' | 'never-polled';

export function healthLevel(h: FeedHealth): HealthLevel {
  if (!h.lastPollAt) return 'never-polled';
  return h.consecutiveFailures > 0 ? 'failing' : 'ok';
}
