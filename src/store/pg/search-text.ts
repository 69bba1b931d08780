/**
 * Arabic full-text search without a PostgreSQL Arabic dictionary: both the stored text and the
 * query are reduced in JavaScript to light stems of normalised words (the same `normalize` →
 * `stem` the rest of Marsad uses), and PostgreSQL indexes those with the 'simple' config
 * (lower-casing only). So «والوزارة», «الوزارة» and «وزارة» all meet at one stem.
 */
import { stem, wordTokens } from '../../text/index.ts';
import { htmlToText } from '../../ingest/html.ts';
import type { Article } from '../../model.ts';

/** stems are capped so one pathological token cannot exceed tsvector's 2 KB lexeme limit */
const MAX_TERM = 100;
/** tsvector keeps at most 1 MB; stemmed text of a normal article is far below that */
const MAX_CHARS = 400_000;

export function searchTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of wordTokens(text)) {
    const s = (t.kind === 'word' ? stem(t.norm) : t.norm).toLowerCase().slice(0, MAX_TERM);
    if (s) out.push(s);
  }
  return out;
}

/** the `search_text` column of an article: stems of its title and visible text */
export function articleSearchText(a: Pick<Article, 'title' | 'raw' | 'rawKind'>): string {
  const body = a.rawKind === 'html' ? htmlToText(a.raw) : a.raw;
  return searchTerms(`${a.title ?? ''}\n${body}`).join(' ').slice(0, MAX_CHARS);
}

/** the query as stems, each quoted for to_tsquery (AND of all terms), or null when empty */
export function tsQuery(query: string): string | null {
  const terms = [...new Set(searchTerms(query))].map((t) => `'${t.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`);
  return terms.length ? terms.join(' & ') : null;
}
