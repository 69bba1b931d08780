/**
 * HTML pages: main content with @mozilla/readability over a linkedom DOM, flattened to one
 * line per block (paragraph, heading, list item, caption), plus page metadata from schema.org
 * JSON-LD (malformed JSON-LD tolerated), OpenGraph and meta tags.
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import type { CleanResult } from '../model.ts';

export interface ExtractedPage {
  /** extracted text, one block a line */
  text: string;
  /** per line of `text`: the block's tag ('p', 'h2', 'li', 'figcaption', …) */
  tags: string[];
  /** the headline readability found (usually the page's h1 / og:title) */
  title: string | null;
  meta: CleanResult['meta'];
}

type Meta = CleanResult['meta'];
// linkedom's DOM types are structurally close to the browser's; readability only needs a Document
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyNode = any;

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figcaption', 'pre', 'td', 'th', 'dt', 'dd', 'caption']);

/** JSON-LD blocks, kept aside before the scripts are stripped. */
const LD_SCRIPT = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json[^>]*>([\s\S]*?)<\/script\s*>/gi;
// script/style bodies and comments carry no article text and cost the parser and readability most of
// their time on real pages; only closed ones are cut (an unclosed one swallows the rest either way)
const NOISE = /<script\b[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<!--[\s\S]*?-->|<svg\b[^>]*>[\s\S]*?<\/svg\s*>/gi;

export function extractHtml(html: string): ExtractedPage {
  const ld: string[] = [];
  for (const m of html.matchAll(LD_SCRIPT)) ld.push(m[1] ?? '');
  // a fragment (feed item content, a JSONL `html` field) has no <body>: give it one, or the DOM
  // has nowhere to put the text and the article comes out empty
  const page = /<body[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  const stripped = page.replace(NOISE, ' ');
  // one DOM for metadata, the paragraph count and readability (which mutates it; it runs last)
  const { document } = parseHTML(stripped);
  const meta = readMeta(document, ld);
  const pWords = Array.from(document.querySelectorAll('p') as ArrayLike<AnyNode>).reduce((n: number, p: AnyNode) => n + words(p.textContent ?? ''), 0);
  let content: AnyNode = null;
  let rTitle: string | null = null;
  try {
    // serializer: hand back the article element itself instead of HTML to be parsed again
    const r = new Readability(document as AnyNode, { charThreshold: 200, serializer: (el: AnyNode) => el } as AnyNode).parse();
    if (r) {
      content = (r.content as AnyNode) ?? null;
      rTitle = r.title ? r.title.trim() : null;
      if (!meta.author && r.byline) meta.author = r.byline.trim();
      if (!meta.lang && r.lang) meta.lang = r.lang;
    }
  } catch {
    content = null;
  }
  let blocks: { tag: string; text: string }[] = [];
  if (content) collectBlocks(content, blocks);
  // readability can pick the wrong container on broken markup: when its output holds less than
  // half of the page's paragraph text, classify the whole page's blocks instead (fresh DOM: readability mutated this one)
  const gotWords = blocks.reduce((n, b) => n + words(b.text), 0);
  if (blocks.length === 0 || gotWords < 0.5 * pWords) {
    const body = parseHTML(stripped).document.body;
    if (body) {
      blocks = [];
      collectBlocks(body, blocks);
    }
  }
  const lines: string[] = [];
  const tags: string[] = [];
  for (const b of blocks) {
    const t = b.text.replace(/[\s\u00a0]+/g, ' ').trim();
    if (!t) continue;
    lines.push(t);
    tags.push(b.tag);
  }
  // an unclosed <h1> can swallow the page: a "title" of more than 30 words is not one
  const okTitle = rTitle && rTitle.split(/\s+/).length <= 30 ? rTitle : null;
  return { text: lines.join("\n"), tags, title: meta.title ?? okTitle, meta };
}

const words = (t: string): number => (t.match(/\S+/g) ?? []).length;

function collectBlocks(node: AnyNode, out: { tag: string; text: string }[]): void {
  // text directly inside a container (not wrapped in <p>) becomes its own block
  let loose = '';
  const flush = (): void => {
    if (loose.trim()) out.push({ tag: 'div', text: loose });
    loose = '';
  };
  for (const child of Array.from(node.childNodes as ArrayLike<AnyNode>)) {
    if (child.nodeType === 3) {
      loose += child.textContent ?? '';
      continue;
    }
    if (child.nodeType !== 1) continue;
    const tag = String(child.tagName).toLowerCase();
    if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template') continue;
    if (tag === 'br') {
      flush();
      continue;
    }
    if (BLOCK.has(tag) && !hasBlockChild(child)) {
      flush();
      out.push({ tag, text: child.textContent ?? '' });
    } else if (isInline(tag)) {
      loose += child.textContent ?? '';
    } else {
      flush();
      collectBlocks(child, out);
    }
  }
  flush();
}

const INLINE = new Set(['a', 'b', 'strong', 'i', 'em', 'span', 'small', 'sup', 'sub', 'u', 'mark', 'abbr', 'cite', 'q', 'time', 'code', 'font', 'bdi', 'bdo']);
function isInline(tag: string): boolean {
  return INLINE.has(tag);
}
function hasBlockChild(el: AnyNode): boolean {
  for (const c of Array.from(el.children as ArrayLike<AnyNode>)) {
    const t = String(c.tagName).toLowerCase();
    if (BLOCK.has(t) || t === 'div' || t === 'ul' || t === 'ol' || t === 'table' || t === 'section') return true;
  }
  return false;
}

function readMeta(document: AnyNode, ldBlocks: string[]): Meta {
  const meta: Meta = {};
  const m = (sel: string): string | null => {
    const el = document.querySelector(sel);
    const v = el?.getAttribute('content');
    return v ? String(v).trim() : null;
  };
  for (const ld of jsonLd(ldBlocks)) {
    const t = ld['@type'];
    const types = Array.isArray(t) ? t.map(String) : [String(t ?? '')];
    if (!types.some((x) => /Article|Posting|Report/i.test(x))) continue;
    meta.title ??= str(ld.headline) ?? str(ld.name);
    meta.author ??= personName(ld.author);
    meta.publisher ??= personName(ld.publisher);
    meta.publishedAt ??= str(ld.datePublished);
    meta.modifiedAt ??= str(ld.dateModified);
    meta.url ??= str(ld.url) ?? str(ld.mainEntityOfPage?.['@id'] ?? ld.mainEntityOfPage);
    meta.lang ??= str(ld.inLanguage);
  }
  meta.title ??= m('meta[property="og:title"]') ?? m('meta[name="twitter:title"]') ?? (document.querySelector('title')?.textContent?.trim() || null);
  meta.author ??= m('meta[name="author"]') ?? m('meta[property="article:author"]');
  meta.publisher ??= m('meta[property="og:site_name"]');
  meta.publishedAt ??= m('meta[property="article:published_time"]') ?? m('meta[name="pubdate"]') ?? m('meta[itemprop="datePublished"]');
  meta.modifiedAt ??= m('meta[property="article:modified_time"]') ?? m('meta[itemprop="dateModified"]');
  meta.url ??= document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? m('meta[property="og:url"]');
  meta.lang ??= document.documentElement?.getAttribute('lang') ?? m('meta[property="og:locale"]');
  for (const k of Object.keys(meta) as (keyof Meta)[]) if (meta[k] === undefined) meta[k] = null;
  return meta;
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  return null;
}

function personName(v: unknown): string | null {
  if (!v) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) {
    const names = v.map(personName).filter((x): x is string => !!x);
    return names.length ? names.join('، ') : null;
  }
  if (typeof v === 'object') return str((v as Record<string, unknown>).name);
  return null;
}

/** Every JSON-LD object on the page, flattening @graph and arrays; malformed blocks are repaired or skipped. */
function jsonLd(blocks: string[]): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const src of blocks) {
    const parsed = parseLoose(src);
    const visit = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(visit);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, any>;
        out.push(o);
        if (o['@graph']) visit(o['@graph']);
      }
    };
    visit(parsed);
  }
  return out;
}

function parseLoose(src: string): unknown {
  const text = src.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
  try {
    return JSON.parse(text);
  } catch {
    // common breakage: trailing commas, raw newlines in strings, HTML comments, unescaped control chars
    const fixed = text
      .replace(/<!--|-->/g, '')
      .replace(/,\s*([}\]])/g, '$1')
      .replace(/[\u0000-\u001f]+/g, ' ');
    try {
      return JSON.parse(fixed);
    } catch {
      return null;
    }
  }
}
