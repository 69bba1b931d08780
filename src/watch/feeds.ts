/**
 * FEEDS_FILE: which feeds `marsad watch` polls. Three forms:
 *   - text: one URL per line (`#` comments, blank lines ignored), optional interval after it
 *     in seconds: `https://example.org/rss.xml 300`;
 *   - JSON: a list of URLs or of {url, interval?, source?};
 *   - YAML (a list): `- https://…` or `- url: https://…` with indented `interval:` / `source:`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../errors.ts';

export interface FeedConfig {
  url: string;
  /** seconds between polls when healthy */
  interval: number;
  /** overrides the feed's channel title as the source (outlet) */
  source: string | null;
}

export const DEFAULT_INTERVAL = 300;

const Url = z.string().url().refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const Entry = z.union([Url, z.object({ url: Url, interval: z.number().int().min(1).optional(), source: z.string().min(1).optional() })]);
const List = z.array(Entry);

function normalise(entries: z.infer<typeof List>, defaultInterval: number): FeedConfig[] {
  const seen = new Set<string>();
  const out: FeedConfig[] = [];
  for (const e of entries) {
    const f = typeof e === 'string' ? { url: e, interval: defaultInterval, source: null } : { url: e.url, interval: e.interval ?? defaultInterval, source: e.source ?? null };
    if (seen.has(f.url)) continue;
    seen.add(f.url);
    out.push(f);
  }
  return out;
}

/** the small YAML subset a feed list needs: a top-level list of scalars or flat mappings */
function parseYamlList(text: string): unknown[] {
  const out: unknown[] = [];
  let cur: Record<string, unknown> | null = null;
  const scalar = (v: string): unknown => {
    const t = v.trim().replace(/^(['"])(.*)\1$/, '$2');
    return /^\d+$/.test(t) ? Number(t) : t;
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const item = /^-\s+(.*)$/.exec(line.trimEnd());
    if (item) {
      const kv = /^([A-Za-z_]+):\s*(.*)$/.exec(item[1]);
      if (kv && !/^\/\//.test(kv[2])) {
        cur = { [kv[1]]: scalar(kv[2]) };
        out.push(cur);
      } else {
        cur = null;
        out.push(scalar(item[1]));
      }
      continue;
    }
    const kv = /^\s+([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (kv && cur) cur[kv[1]] = scalar(kv[2]);
    else throw new Error(`cannot read line: ${line.trim()}`);
  }
  return out;
}

export function parseFeedsFile(text: string, where: string, defaultInterval = DEFAULT_INTERVAL): FeedConfig[] {
  const t = text.replace(/^\uFEFF/, '').trim();
  let entries: unknown;
  try {
    if (t.startsWith('[')) entries = JSON.parse(t);
    else if (/^-\s/m.test(t)) entries = parseYamlList(t);
    else
      entries = t
        .split(/\r?\n/)
        .map((l) => l.replace(/#.*$/, '').trim())
        .filter(Boolean)
        .map((l) => {
          const [url, interval] = l.split(/\s+/);
          return interval ? { url, interval: Number(interval) } : url;
        });
  } catch (e) {
    throw new InputError(where, `cannot read the feed list: ${(e as Error).message}`, { hint: 'one URL per line, or a JSON/YAML list of URLs or {url, interval, source}' });
  }
  const parsed = List.safeParse(entries);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new InputError(where, `feed list entry ${i.path.join('.') || ''}: ${i.message}`, { hint: 'each entry is an http(s) URL, or {url, interval (seconds), source}' });
  }
  if (parsed.data.length === 0) throw new InputError(where, 'no feeds listed', { hint: 'add one feed URL per line' });
  return normalise(parsed.data, defaultInterval);
}

export function readFeedsFile(path: string, defaultInterval = DEFAULT_INTERVAL): FeedConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, `cannot read: ${(e as Error).message}`);
  }
  return parseFeedsFile(text, path, defaultInterval);
}
