/**
 * Quick, dependency-free looks into an HTML page: its declared charset, a plain-text view
 * (for ids and for exports before cleaning exists) and metadata from <title>, OpenGraph,
 * article:* meta tags, the canonical link and JSON-LD. Full extraction is the clean stage's job.
 */

/** charset from `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 4 KB. */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1] : null;
}

/** charset from an XML declaration `<?xml version="1.0" encoding="windows-1256"?>` */
export function sniffXmlEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1');
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return m ? m[1] : null;
}

/** charset parameter of a Content-Type header */
export function charsetOfContentType(ct: string | null | undefined): string | null {
  const m = ct ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(ct) : null;
  return m ? m[1] : null;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', laquo: '«', raquo: '»', hellip: '…', ndash: '–', mdash: '—', rlm: '\u200f', lrm: '\u200e', zwnj: '\u200c', zwj: '\u200d' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[e.toLowerCase()] ?? whole;
  });
}

/** Visible text of an HTML document or fragment: scripts/styles/comments dropped, block tags → newlines. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<head\b[\s\S]*?<\/head\s*>/gi, ' ')
      .replace(/<\/?(p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|figure|figcaption)\b[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

export interface HtmlMeta {
  title: string | null;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
  lang: string | null;
}

function metaContent(html: string, key: string): string | null {
  const esc = key.replace(/[.*+?^${}()|[\]\\:]/g, '\\$&');
  const re1 = new RegExp(`<meta[^>]+(?:property|name|itemprop)\\s*=\\s*["']${esc}["'][^>]*>`, 'i');
  const tag = re1.exec(html)?.[0];
  if (!tag) return null;
  const c = /content\s*=\s*"([^"]*)"|content\s*=\s*'([^']*)'/i.exec(tag);
  const v = c ? decodeEntities(c[1] ?? c[2] ?? '').trim() : '';
  return v || null;
}

interface JsonLdArticle {
  headline?: string;
  name?: string;
  url?: string;
  datePublished?: string;
  publisher?: { name?: string } | string;
  inLanguage?: string;
  mainEntityOfPage?: string | { '@id'?: string };
}

function jsonLdArticles(html: string): JsonLdArticle[] {
  const out: JsonLdArticle[] = [];
  const re = /<script[^>]+type\s*=\s*["']application\/ld\+json["'][^>]*>([\s\S]*?)<\/script>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    try {
      const data: unknown = JSON.parse(m[1]);
      const queue: unknown[] = [data];
      while (queue.length) {
        const item = queue.shift();
        if (Array.isArray(item)) queue.push(...item);
        else if (item && typeof item === 'object') {
          const o = item as Record<string, unknown>;
          if (Array.isArray(o['@graph'])) queue.push(...(o['@graph'] as unknown[]));
          const t = o['@type'];
          const types = Array.isArray(t) ? t : [t];
          if (types.some((x) => typeof x === 'string' && /Article|Posting|Report/i.test(x))) out.push(o as JsonLdArticle);
        }
      }
    } catch {
      /* malformed JSON-LD is common; ignore it */
    }
  }
  return out;
}

export function sniffHtmlMeta(html: string): HtmlMeta {
  const ld = jsonLdArticles(html)[0];
  const titleTag = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const canonical = /<link[^>]+rel\s*=\s*["']canonical["'][^>]*>/i.exec(html)?.[0];
  const canonicalHref = canonical ? /href\s*=\s*["']([^"']+)["']/i.exec(canonical)?.[1] ?? null : null;
  const ldPublisher = ld && (typeof ld.publisher === 'string' ? ld.publisher : ld.publisher?.name);
  const ldPage = ld && (typeof ld.mainEntityOfPage === 'string' ? ld.mainEntityOfPage : ld.mainEntityOfPage?.['@id']);
  const lang = /<html[^>]+lang\s*=\s*["']?([\w-]+)/i.exec(html)?.[1] ?? null;
  const clean = (s: string | null | undefined) => (s ? decodeEntities(s).replace(/\s+/g, ' ').trim() || null : null);
  return {
    title: clean(metaContent(html, 'og:title') ?? ld?.headline ?? titleTag),
    url: clean(canonicalHref ?? metaContent(html, 'og:url') ?? ld?.url ?? ldPage),
    source: clean(metaContent(html, 'og:site_name') ?? ldPublisher),
    publishedAt: clean(metaContent(html, 'article:published_time') ?? ld?.datePublished ?? metaContent(html, 'datePublished')),
    lang: clean(lang ?? ld?.inLanguage),
  };
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(text) || /<(p|div|br|a|span|strong|em|img|h[1-6])\b[^>]*>/i.test(text);
}
