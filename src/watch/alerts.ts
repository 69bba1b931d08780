/**
 * Saved queries and their alerts. A query (entity, keyword and/or outlet; all given ones must
 * hold) fires when a matching story appears ('new') and/or when it grows fast ('growing':
 * at least N of its articles arrived within M minutes). An alert is a webhook POST (JSON) or a
 * JSON line appended to a file. What already fired is kept in the store's state
 * (`watch.alerts`), so a restart does not repeat alerts.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Article, Story } from '../model.ts';
import { InputError } from '../errors.ts';
import { matchForm, normalize, wordTokens } from '../text/index.ts';
import { searchTerms } from '../store/pg/search-text.ts';

const Query = z
  .object({
    name: z.string().min(1),
    entity: z.string().min(1).optional(),
    keyword: z.string().min(1).optional(),
    outlet: z.string().min(1).optional(),
    growth: z.object({ articles: z.number().int().min(2), minutes: z.number().positive() }).optional(),
    on: z.array(z.enum(['new', 'growing'])).optional(),
    webhook: z.string().url().optional(),
    file: z.string().min(1).optional(),
  })
  .refine((q) => q.entity || q.keyword || q.outlet, 'needs at least one of entity, keyword, outlet')
  .refine((q) => q.webhook || q.file, 'needs a webhook URL or a file to append alerts to')
  .refine((q) => !(q.on ?? []).includes('growing') || q.growth, '"growing" alerts need growth: {articles, minutes}');

export type SavedQuery = z.infer<typeof Query>;

export function parseQueries(text: string, where: string): SavedQuery[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(where, `not valid JSON: ${(e as Error).message}`, { hint: 'a JSON list of {name, entity|keyword|outlet, webhook|file, growth?}' });
  }
  const parsed = z.array(Query).safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new InputError(where, `query ${i.path.join('.')}: ${i.message}`, { hint: 'each query: {name, entity|keyword|outlet, webhook|file, growth?: {articles, minutes}}' });
  }
  return parsed.data;
}

export function readQueries(path: string): SavedQuery[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, `cannot read: ${(e as Error).message}`);
  }
  return parseQueries(text, path);
}

/** the kinds a query fires on: explicit `on`, else 'growing' when growth is set, else 'new' */
export function firesOn(q: SavedQuery): ('new' | 'growing')[] {
  return q.on ?? (q.growth ? ['growing'] : ['new']);
}

/** what a story is matched against: its title and its articles' titles and text */
export interface StoryText {
  story: Story;
  articles: Pick<Article, 'id' | 'title' | 'raw' | 'source' | 'ingestedAt' | 'publishedAt'>[];
}

const forms = (s: string) => wordTokens(s).map((t) => matchForm(t.text));

function containsPhrase(hay: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function matches(q: SavedQuery, st: StoryText): boolean {
  const text = [st.story.title, ...st.articles.map((a) => `${a.title ?? ''}\n${a.raw.slice(0, 4000)}`)].join('\n');
  if (q.outlet) {
    const o = normalize(q.outlet);
    if (!st.story.sources.some((s) => normalize(s) === o) && !st.articles.some((a) => a.source && normalize(a.source) === o)) return false;
  }
  if (q.keyword) {
    const have = new Set(searchTerms(text));
    if (!searchTerms(q.keyword).every((t) => have.has(t))) return false;
  }
  if (q.entity) {
    const e = forms(q.entity);
    const named = st.story.entities.some((x) => [x.name, ...x.variants].some((v) => containsPhrase(forms(v), e)));
    if (!named && !containsPhrase(forms(text), e)) return false;
  }
  return true;
}

/** articles of the story that arrived within the last `minutes` before `now` (by ingest time) */
export function recentCount(st: StoryText, minutes: number, now: Date): number {
  const from = now.getTime() - minutes * 60_000;
  return st.articles.filter((a) => {
    const t = Date.parse(a.ingestedAt);
    return t > from && t <= now.getTime();
  }).length;
}

export interface Alert {
  query: string;
  kind: 'new' | 'growing';
  at: string;
  story: { id: string; title: string; articles: number; sources: string[]; recent?: number; windowMinutes?: number };
}

/** fired[query][story] = { new?: iso, growing?: iso } */
export type FiredState = Record<string, Record<string, { new?: string; growing?: string }>>;

export function decideAlerts(queries: SavedQuery[], stories: StoryText[], fired: FiredState, now: Date): Alert[] {
  const out: Alert[] = [];
  for (const q of queries) {
    const kinds = firesOn(q);
    const f = (fired[q.name] ??= {});
    for (const st of stories) {
      if (!matches(q, st)) continue;
      const rec = (f[st.story.id] ??= {});
      const base = { id: st.story.id, title: st.story.title, articles: st.story.articleIds.length, sources: st.story.sources };
      if (kinds.includes('new') && !rec.new) {
        rec.new = now.toISOString();
        out.push({ query: q.name, kind: 'new', at: rec.new, story: base });
      }
      if (kinds.includes('growing') && q.growth) {
        const n = recentCount(st, q.growth.minutes, now);
        // once per window: a story that keeps growing fires again after the window has passed
        const quiet = !rec.growing || now.getTime() - Date.parse(rec.growing) >= q.growth.minutes * 60_000;
        if (n >= q.growth.articles && quiet) {
          rec.growing = now.toISOString();
          out.push({ query: q.name, kind: 'growing', at: rec.growing, story: { ...base, recent: n, windowMinutes: q.growth.minutes } });
        }
      }
    }
  }
  return out;
}

/** Delivers one alert; returns an error message instead of throwing (a dead webhook must not stop the watcher). */
export async function deliver(q: SavedQuery, alert: Alert, opts: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}): Promise<string | null> {
  const errors: string[] = [];
  if (q.file) {
    try {
      appendFileSync(q.file, `${JSON.stringify(alert)}\n`);
    } catch (e) {
      errors.push(`cannot append to ${q.file}: ${(e as Error).message}`);
    }
  }
  if (q.webhook) {
    try {
      const res = await (opts.fetchImpl ?? fetch)(q.webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'marsad-watch' },
        body: JSON.stringify(alert),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) errors.push(`webhook ${q.webhook} answered HTTP ${res.status}`);
    } catch (e) {
      errors.push(`webhook ${q.webhook} failed: ${(e as Error).name === 'TimeoutError' ? 'timed out' : (e as Error).message}`);
    }
  }
  return errors.length ? errors.join('; ') : null;
}
