/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds, from files or URLs (fast-xml-parser). Each item becomes
 * an article whose raw is the item's richest content (content:encoded › content › description ›
 * summary); rawKind is 'html' when that content has markup, else 'text'. Source = channel title.
 */
import { XMLParser } from 'fast-xml-parser';
import { decodeEntities, looksLikeHtml } from '../html.ts';
import { toIsoDate } from '../meta.ts';
import { fail, storedRaw, type IngestItem } from '../types.ts';

/** true when the text's root element is a feed */
export function looksLikeFeed(text: string): boolean {
  const head = text.slice(0, 4096).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '').trimStart();
  return /^<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}

const CONTENT_TAGS = ['content:encoded', 'content', 'description', 'summary'];
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // keep content bodies as raw strings: they hold HTML (escaped, CDATA, or inline XHTML)
  stopNodes: CONTENT_TAGS.flatMap((t) => [`*.item.${t}`, `*.entry.${t}`]),
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
});

type Node = Record<string, unknown>;

function text(v: unknown): string | null {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || null;
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Node)['#text']);
  return null;
}

/** the raw inside a stop node: CDATA unwrapped, or entities decoded (escaped HTML), or inline XHTML as is */
function rawContent(v: unknown): string | null {
  const s = typeof v === 'object' && v !== null ? (v as Node)['#text'] : v;
  if (typeof s !== 'string') return null;
  const t = s.trim();
  if (!t) return null;
  if (t.includes('<![CDATA[')) return t.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').trim();
  if (/<[a-z][^>]*>/i.test(t)) return t; // inline XHTML
  return decodeEntities(t).trim();
}

function link(item: Node): string | null {
  const links = item.link as unknown[] | undefined;
  if (!links) return null;
  for (const l of links) {
    if (typeof l === 'string') return l.trim() || null;
    const o = l as Node;
    if (o['@_href'] && (!o['@_rel'] || o['@_rel'] === 'alternate')) return String(o['@_href']);
    if (typeof o['#text'] === 'string') return o['#text'];
  }
  return null;
}

export function parseFeed(xml: string, origin: string, opts: { encoding: string; defaultSource: string | null; isUrl: boolean }): IngestItem[] {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    return [fail(origin, `invalid feed XML: ${(e as Error).message}`)];
  }
  const rss = doc.rss as Node | undefined;
  const rdf = doc['rdf:RDF'] as Node | undefined;
  const atom = doc.feed as Node | undefined;
  const channel = (rss?.channel as Node | undefined) ?? (rdf?.channel as Node | undefined) ?? atom;
  const items = ((rss?.channel as Node | undefined)?.item ?? rdf?.item ?? atom?.entry ?? []) as Node[];
  if (!channel && items.length === 0) return [fail(origin, 'not an RSS or Atom feed')];
  const feedTitle = text(channel?.title);
  const feedLang = text(channel?.language) ?? text((atom as Node | undefined)?.['@_xml:lang']);
  const out: IngestItem[] = [];
  items.forEach((item, i) => {
    const guid = text(item.guid) ?? text(item.id) ?? link(item) ?? String(i + 1);
    const where = `${origin}#${guid}`;
    let body: string | null = null;
    for (const tag of CONTENT_TAGS) {
      body = rawContent(item[tag]);
      if (body) break;
    }
    if (!body) {
      out.push(fail(where, 'feed item has no content (content:encoded, content, description or summary)'));
      return;
    }
    out.push({
      article: {
        inputId: guid,
        url: link(item),
        source: feedTitle ?? opts.defaultSource,
        origin: where,
        format: 'feed',
        publishedAt: toIsoDate(text(item.pubDate) ?? text(item.published) ?? text(item['dc:date']) ?? text(item.updated)),
        title: text(item.title),
        lang: feedLang,
        raw: storedRaw(body),
        rawKind: looksLikeHtml(body) ? 'html' : 'text',
        encoding: opts.encoding,
      },
    });
  });
  return out;
}
