/**
 * Search terms: light stems (src/text `stem`) of the word tokens, so a query finds its
 * clitic-prefixed and hamza/alef variants (بوتين ↔ وبوتين ↔ لبوتين; أحمد ↔ احمد). Function
 * words are not indexed: they match nearly every article and only cost postings.
 */
import { normalize, stem, type Token } from '../text/index.ts';
import { scanWords, type WordKind } from './words.ts';

const FUNCTION_WORDS = new Set(
  [
    'في', 'من', 'على', 'الى', 'إلى', 'عن', 'مع', 'ان', 'أن', 'إن', 'او', 'أو', 'ثم', 'قد', 'لقد', 'لا', 'لم', 'لن', 'ما', 'ماذا',
    'هذا', 'هذه', 'ذلك', 'تلك', 'هؤلاء', 'التي', 'الذي', 'الذين', 'اللذين', 'اللتين', 'هو', 'هي', 'هم', 'هن', 'نحن', 'انا', 'أنا',
    'كان', 'كانت', 'يكون', 'تكون', 'كل', 'بعض', 'غير', 'بين', 'عند', 'حتى', 'اذا', 'إذا', 'لكن', 'لكن', 'بل', 'كما', 'مثل', 'منذ',
    'وقد', 'وفي', 'ومن', 'وعلى', 'وان', 'وأن', 'فيه', 'فيها', 'منه', 'منها', 'عليه', 'عليها', 'به', 'بها', 'له', 'لها', 'الا', 'إلا',
    'the', 'of', 'and', 'a', 'an', 'in', 'on', 'to', 'for', 'is', 'at', 'by',
  ].map((w) => normalize(w)),
);

// two generations: a full cache becomes the old one, hot entries move back on use
let cache = new Map<string, string>();
let old = new Map<string, string>();
const CACHE_SIZE = 300_000;

/** the index key of a word/number/latin token's text, or null when it is not worth indexing */
export function termOfWord(text: string, kind: WordKind): string | null {
  const raw = kind === 'latin' ? text.toLowerCase() : text;
  let key = cache.get(raw);
  if (key === undefined) {
    key = old.get(raw);
    if (key === undefined) {
      const norm = normalize(raw);
      key = FUNCTION_WORDS.has(norm) ? '' : kind === 'word' ? stem(raw) : norm;
      if (key.length < 2 && kind !== 'number') key = '';
    }
    if (cache.size >= CACHE_SIZE) {
      old = cache;
      cache = new Map();
    }
    cache.set(raw, key);
  }
  return key || null;
}

/** the index key of one token, or null when it is not worth indexing */
export function termOf(token: Pick<Token, 'text' | 'kind'>): string | null {
  return token.kind === 'punct' ? null : termOfWord(token.text, token.kind);
}

/** distinct terms of a text */
export function termsOf(text: string): Set<string> {
  const out = new Set<string>();
  scanWords(text, (s, e, kind) => {
    const k = termOfWord(text.slice(s, e), kind);
    if (k) out.add(k);
  });
  return out;
}

/**
 * Adds each term of `text` to `into` (count × `weight`); returns how many terms were counted.
 * The index's term frequencies (title words are counted with a higher weight).
 */
export function countTerms(text: string, into: Map<string, number>, weight = 1): number {
  let n = 0;
  scanWords(text, (s, e, kind) => {
    const k = termOfWord(text.slice(s, e), kind);
    if (!k) return;
    into.set(k, (into.get(k) ?? 0) + weight);
    n++;
  });
  return n;
}

const foldTaa = (s: string) => s.replace(/ة/g, 'ه');

// per query (one term set per request): word → matches?, and the terms folded for a cheap
// necessary test. A light stem is a substring of the normalised word (ة and ه folded; checked on
// 156k distinct words of the news streams), so a word whose normalised form contains no query
// term is no match and is never stemmed — stemming a word not in the cache costs ~15 µs.
const perQuery = new WeakMap<Set<string>, { memo: Map<string, boolean>; folded: string[] }>();

/** offsets of the words of `text` whose term is in `terms` */
function matches(text: string, terms: Set<string>): Highlight[] {
  let q = perQuery.get(terms);
  if (!q) perQuery.set(terms, (q = { memo: new Map(), folded: [...terms].map((t) => foldTaa(t.toLowerCase())) }));
  const { memo, folded } = q;
  const out: Highlight[] = [];
  scanWords(text, (start, end, kind) => {
    const w = text.slice(start, end);
    let hit = memo.get(w);
    if (hit === undefined) {
      const n = foldTaa(normalize(kind === 'latin' ? w.toLowerCase() : w));
      hit = false;
      for (const f of folded)
        if (n.includes(f)) {
          const k = termOfWord(w, kind);
          hit = !!k && terms.has(k);
          break;
        }
      memo.set(w, hit);
    }
    if (hit) out.push({ start, end });
  });
  return out;
}

/** the query's terms in order, duplicates removed */
export function queryTerms(q: string): string[] {
  return [...termsOf(q.slice(0, 500))].slice(0, 12);
}

export interface Highlight {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  /** offsets into `text` of the words that matched the query */
  highlights: Highlight[];
}

/** characters of an article scanned for the snippet window first */
const SNIPPET_SCAN = 2500;

/**
 * A window of `text` around the densest cluster of query matches, with the matched words'
 * offsets relative to the window. Whole text when it is short.
 */
export function snippetOf(text: string, terms: Set<string>, width = 220): Snippet {
  // the densest window in the first few thousand characters is as good a snippet, and scanning
  // whole articles was the largest cost of a search page; the rest only when nothing matched there
  const cut = text.length > SNIPPET_SCAN ? text.indexOf(' ', SNIPPET_SCAN) : -1;
  let hits = cut > 0 ? matches(text.slice(0, cut), terms) : [];
  if (!hits.length) hits = matches(text, terms);
  if (text.length <= width) return { text, highlights: hits };
  // the window (starting at a hit) holding the most distinct hits
  let best = 0;
  let bestCount = hits.length ? 1 : 0;
  for (let i = 0, j = 0; i < hits.length; i++) {
    while (j < hits.length && hits[j].end - hits[i].start <= width) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = i;
    }
  }
  let from = hits.length ? Math.max(0, hits[best].start - Math.floor(width / 4)) : 0;
  // start at a word boundary
  if (from > 0) {
    const space = text.lastIndexOf(' ', from);
    from = space >= 0 && from - space < 30 ? space + 1 : from;
  }
  let to = Math.min(text.length, from + width);
  if (to < text.length) {
    const space = text.indexOf(' ', to);
    to = space >= 0 && space - to < 30 ? space : to;
  }
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < text.length ? ' …' : '';
  const body = text.slice(from, to).replace(/\s+/g, ' ');
  // offsets shift when whitespace runs collapse: recompute on the collapsed window
  const shown = `${prefix}${body}${suffix}`;
  return { text: shown, highlights: matches(shown, terms) };
}
