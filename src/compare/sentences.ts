/**
 * A story's sentences with what comparison needs: content keys (light stems) for similarity,
 * quantities, date references, place slots, denial, and the publication day of the article.
 */
import { splitSentences, tokenize, matchForm, stem, type Token } from '../text/index.ts';
import type { StoryArticle } from './types.ts';
import { STOP } from './lexicon.ts';
import { readDates, fromMentions, pubDay, type DateRef } from './dates.ts';
import { readNumbers, type NumberMention } from './numbers.ts';

export interface StorySentence {
  /** index in the story's sentence list */
  index: number;
  articleId: string;
  /** position of the sentence in its article (0 = lead) */
  position: number;
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  /** content key per token (light stem of the matching form), '' for function words / numbers */
  keys: string[];
  /** distinct content keys */
  keySet: Set<string>;
  numbers: NumberMention[];
  dates: DateRef[];
  /** publication day (UTC midnight ms) of the article, or null */
  pub: number | null;
  /** publication time (ms) of the article, or null */
  pubTime: number | null;
}

const TRIM = /^[\s"'«»“”()\-–—:،,]+|[\s"'«»“”()\-–—:،,]+$/g;

/** content key of a word: light stem of its matching form, '' for stop words and non-words */
export function contentKey(t: Token): string {
  if (t.kind !== 'word' && t.kind !== 'latin') return '';
  const m = matchForm(t.text);
  if (m.length < 2 || STOP.has(m)) return '';
  const s = stem(m);
  return s.length >= 2 ? s : m;
}

/** sentence spans of an article: given ones, or split from the body paragraphs */
export function sentenceSpans(a: StoryArticle): { start: number; end: number }[] {
  if (a.sentences && a.sentences.length) return a.sentences.map((s) => ({ start: s.start, end: s.end }));
  const paras = a.paragraphs.length ? a.paragraphs : [{ start: 0, end: a.text.length, text: a.text }];
  const out: { start: number; end: number }[] = [];
  for (const p of paras) for (const s of splitSentences(a.text, p.start, p.end)) out.push({ start: s.start, end: s.end });
  return out;
}

export function storySentences(articles: StoryArticle[]): StorySentence[] {
  const out: StorySentence[] = [];
  for (const a of articles) {
    const pub = pubDay(a.publishedAt);
    const pubTime = a.publishedAt && !Number.isNaN(Date.parse(a.publishedAt)) ? Date.parse(a.publishedAt) : null;
    let position = 0;
    for (const span of sentenceSpans(a)) {
      const raw = a.text.slice(span.start, span.end);
      const text = raw.replace(TRIM, '');
      if (text.length < 12) continue;
      const tokens = tokenize(a.text, span.start, span.end).filter((t) => t.kind !== 'punct' || /[.\/%،,؛:()«»"“”-]/.test(t.text));
      const keys = tokens.map(contentKey);
      if (keys.filter(Boolean).length < 3) continue;
      const dates = [...readDates(tokens, pub)];
      const given = fromMentions(a.dates, span.start, span.end);
      if (given.length) dates.push(...given);
      const dateTokens = new Set<number>();
      for (const d of dates) for (let i = d.from; i < d.to; i++) dateTokens.add(i);
      const offset = raw.indexOf(text);
      out.push({
        index: out.length,
        articleId: a.id,
        position: position++,
        start: span.start + Math.max(0, offset),
        end: span.start + Math.max(0, offset) + text.length,
        text,
        tokens,
        keys,
        keySet: new Set(keys.filter(Boolean)),
        numbers: readNumbers(tokens, dateTokens),
        dates,
        pub,
        pubTime,
      });
    }
  }
  return out;
}
