/**
 * The bundled corpus's truth file (examples/corpus/truth.json): its schema, loading, and
 * how to read each truth article's text the way the truth's strings were written against.
 * Used by the corpus consistency test and by every eval that scores on the bundled corpus.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

const Side = z.object({ file: z.string(), text: z.string(), speaker: z.string().nullable().optional() });

export const TruthStory = z.object({
  id: z.string(),
  title: z.string(),
  domain: z.string(),
  events: z.array(z.object({ id: z.string(), date: z.string(), description: z.string() })),
  timeline: z.array(z.object({ date: z.string(), text: z.string(), files: z.array(z.string()) })),
  conflicts: z.array(z.object({ type: z.enum(['place', 'number', 'date', 'actor', 'claim']), about: z.string(), sides: z.array(Side) })),
  near_misses: z.array(z.object({ about: z.string(), why_not: z.string(), sides: z.array(Side) })).default([]),
});

export const TruthEntity = z.object({
  id: z.string(),
  type: z.enum(['PER', 'LOC', 'ORG', 'MISC']),
  name: z.string(),
  variants: z.array(z.string()),
});

export const TruthArticle = z.object({
  file: z.string(),
  format: z.enum(['txt', 'txt+meta', 'html', 'jsonl', 'rss']),
  encoding: z.string().default('utf-8'),
  source: z.string(),
  story: z.string(),
  event: z.string(),
  published_at: z.string(),
  published_at_in_metadata: z.boolean(),
  title: z.string(),
  lines: z.array(z.object({ text: z.string(), class: z.string() })).default([]),
  inline_prefix: z.object({ text: z.string(), kind: z.string() }).nullable().default(null),
  body_paragraphs: z.array(z.string()).optional(),
  entities: z.array(z.object({ text: z.string(), entity: z.string(), type: z.enum(['PER', 'LOC', 'ORG', 'MISC']), occurrence: z.number().int().min(1).default(1) })).default([]),
  quotes: z.array(z.object({ speaker: z.string().nullable(), speaker_text: z.string().nullable().optional(), cue: z.string().nullable().optional(), content: z.string(), direct: z.boolean() })).default([]),
  dates: z.array(z.object({ text: z.string(), value: z.string() })).default([]),
});

export const TruthCopy = z.object({
  a: z.string(),
  b: z.string(),
  passages: z.array(z.object({ a_text: z.string(), b_text: z.string() })),
});

export const TruthFile = z.object({
  stories: z.array(TruthStory),
  entities: z.array(TruthEntity),
  articles: z.array(TruthArticle),
  copies: z.array(TruthCopy).default([]),
  not_copies: z.array(z.object({ a: z.string(), b: z.string(), why: z.string() })).default([]),
});

export type TruthFile = z.infer<typeof TruthFile>;
export type TruthArticle = z.infer<typeof TruthArticle>;

export const corpusDir = (projectRoot: string): string => join(projectRoot, 'examples', 'corpus');

export function loadTruth(projectRoot: string): TruthFile {
  const raw = JSON.parse(readFileSync(join(corpusDir(projectRoot), 'truth.json'), 'utf8'));
  return TruthFile.parse(raw);
}

/** Visible text of an HTML fragment or page, whitespace collapsed (what a reader sees). */
export function visibleText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of document.querySelectorAll('script, style, noscript')) el.remove();
  return collapse(document.body?.textContent ?? '');
}

export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The text a truth article's strings refer to: the decoded file for txt, the record's
 * `text` for jsonl, the visible text for html and rss (collapsed whitespace).
 */
export function truthArticleText(root: string, a: TruthArticle): { text: string; collapsed: boolean } {
  const [file, anchor] = a.file.split('#');
  const path = join(corpusDir(root), file);
  if (a.format === 'txt' || a.format === 'txt+meta') {
    const bytes = readFileSync(path);
    const text = a.encoding.toLowerCase().includes('1256') ? iconv.decode(bytes, 'windows-1256') : bytes.toString('utf8').replace(/^\uFEFF/, '');
    return { text, collapsed: false };
  }
  if (a.format === 'jsonl') {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line) as { id?: string; text?: string; html?: string };
      if (String(rec.id) === anchor) return rec.text !== undefined ? { text: rec.text, collapsed: false } : { text: visibleText(rec.html ?? ''), collapsed: true };
    }
    throw new Error(`${a.file}: no record with id ${anchor}`);
  }
  if (a.format === 'rss') {
    const xml = new XMLParser({ ignoreAttributes: false, cdataPropName: false as unknown as string }).parse(readFileSync(path, 'utf8'));
    const items = ([] as Record<string, unknown>[]).concat(xml?.rss?.channel?.item ?? []);
    for (const item of items) {
      const guid = typeof item.guid === 'object' && item.guid !== null ? (item.guid as Record<string, unknown>)['#text'] : item.guid;
      if (String(guid) === anchor || String(item.link) === anchor) {
        // what a feed reader shows: the item title, then the article
        const html = String(item['content:encoded'] ?? item.description ?? '');
        return { text: collapse(`${String(item.title ?? '')} ${visibleText(html)}`), collapsed: true };
      }
    }
    throw new Error(`${a.file}: no item with guid ${anchor}`);
  }
  // html page
  const { document } = parseHTML(readFileSync(path, 'utf8'));
  for (const el of document.querySelectorAll('script, style, noscript')) el.remove();
  return { text: collapse(document.body?.textContent ?? document.documentElement?.textContent ?? ''), collapsed: true };
}

/** Start offset of the n-th (1-based) occurrence of `needle` in `text`, or -1. */
export function nthIndexOf(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}
