/**
 * The JSON the web app's pages need, built from the store's records. Field names follow the
 * export contract (snake_case; /work/shared/contract.md) where a record is exported as is;
 * page-only fields are added around it. A stage that has not run leaves its lists empty and
 * is named in `missing`, so the page can say why a section is empty.
 */
import type { Article, Quote, ReuseLink, Story } from '../model.ts';
import type { Store } from '../store/store.ts';
import { articleRecord, storyRecord, type ArticleAnalyses } from '../cli/export.ts';
import { normalize } from '../text/index.ts';
import { cleanOf, loadAnalyses, mentionsOf, quotesOf, reuseOf, STAGES } from './analyses.ts';
import { articleText, safeUrl } from './text.ts';
import type { StoryCache } from './stories.ts';
import type { ArticleCatalog } from './search-index.ts';

/** bodies sent with a story page (the side-by-side view); the rest are listed without text */
export const MAX_STORY_BODIES = 24;

export interface StorySummary {
  id: string;
  title: string;
  headline: string;
  sources: string[];
  article_count: number;
  date_start: string | null;
  date_end: string | null;
  first_reported_by: string | null;
  lead: string | null;
  conflict_count: number;
  entity_count: number;
}

export function storySummary(s: Story): StorySummary {
  return {
    id: s.id,
    title: s.title,
    headline: s.headline,
    sources: s.sources,
    article_count: s.articleIds.length,
    date_start: s.dateStart ?? null,
    date_end: s.dateEnd ?? null,
    first_reported_by: s.firstReportedBy ?? null,
    lead: s.summary?.[0]?.text ?? null,
    conflict_count: (s.conflicts ?? []).length,
    entity_count: (s.entities ?? []).length,
  };
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  source: string | null;
  published_at: string | null;
  url: string | null;
  story_id: string | null;
}

export function articleSummary(a: Pick<Article, 'id' | 'title' | 'source' | 'publishedAt' | 'url'>, storyId: string | null, title?: string | null): ArticleSummary {
  return { id: a.id, title: title ?? a.title ?? null, source: a.source, published_at: a.publishedAt, url: safeUrl(a.url), story_id: storyId };
}

interface Range {
  start: number;
  end: number;
  other_ids: string[];
}

/** reuse passages with other articles of `within`, merged into disjoint ranges of the text */
export function sharedRanges(links: ReuseLink[], within: Set<string> | null): Range[] {
  const raw: Range[] = [];
  for (const l of links) {
    if (within && !within.has(l.otherId)) continue;
    for (const p of l.passages ?? []) if (p.end > p.start) raw.push({ start: p.start, end: p.end, other_ids: [l.otherId] });
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Range[] = [];
  for (const r of raw) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
      for (const o of r.other_ids) if (!last.other_ids.includes(o)) last.other_ids.push(o);
    } else out.push({ ...r, other_ids: [...r.other_ids] });
  }
  return out;
}

/** words as whitespace-separated runs: cheap, and what a reader counts */
const wordCount = (s: string) => {
  let n = 0;
  for (const _ of s.matchAll(/\S+/g)) n++;
  return n;
};

function missingStages(analyses: Iterable<ArticleAnalyses>): string[] {
  const seen = new Set<string>();
  for (const a of analyses) for (const s of STAGES) if ((a as Record<string, unknown>)[s] != null) seen.add(s);
  return STAGES.filter((s) => !seen.has(s));
}

export interface SpeakerQuotes {
  speaker_entity_id: string | null;
  speaker: string;
  quotes: { article_id: string; source: string | null; content: string; cue: string; direct: boolean; start: number; end: number }[];
}

export function groupQuotes(items: { article: Article; quote: Quote }[], names: Map<string, string>): SpeakerQuotes[] {
  const groups = new Map<string, SpeakerQuotes>();
  for (const { article, quote: q } of items) {
    const name = (q.speakerEntityId && names.get(q.speakerEntityId)) || q.speakerText || '';
    const key = q.speakerEntityId ?? (name ? `t:${normalize(name)}` : 'unknown');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { speaker_entity_id: q.speakerEntityId ?? null, speaker: name, quotes: [] }));
    g.quotes.push({ article_id: article.id, source: article.source, content: q.content, cue: q.cue, direct: q.direct, start: q.start, end: q.end });
  }
  return [...groups.values()].sort((a, b) => b.quotes.length - a.quotes.length || a.speaker.localeCompare(b.speaker));
}

export async function storyView(store: Store, s: Story) {
  const ids = s.articleIds;
  const [articles, analyses] = await Promise.all([store.getArticles(ids), loadAnalyses(store, ids)]);
  const inStory = new Set(ids);
  const names = new Map((s.entities ?? []).map((e) => [e.id, e.name]));
  const quotes: { article: Article; quote: Quote }[] = [];
  const bySource = new Map<string, { source: string; article_ids: string[]; first_published_at: string | null; words: number; shared_words: number }>();
  const out = articles.map((a, i) => {
    const an = analyses.get(a.id) ?? {};
    const clean = cleanOf(an);
    const t = articleText(a, clean);
    const shared = sharedRanges(reuseOf(an), inStory);
    for (const q of quotesOf(an)) quotes.push({ article: a, quote: q });
    const words = t.paragraphs.reduce((n, p) => n + wordCount(p.text), 0);
    const sharedWords = shared.reduce((n, r) => n + wordCount(t.text.slice(r.start, r.end)), 0);
    const src = a.source ?? '—';
    let cov = bySource.get(src);
    if (!cov) bySource.set(src, (cov = { source: src, article_ids: [], first_published_at: null, words: 0, shared_words: 0 }));
    cov.article_ids.push(a.id);
    if (a.publishedAt && (!cov.first_published_at || a.publishedAt < cov.first_published_at)) cov.first_published_at = a.publishedAt;
    cov.words += words;
    cov.shared_words += sharedWords;
    const rec = articleRecord(a, an);
    return {
      id: a.id,
      title: rec.title,
      source: a.source,
      url: safeUrl(rec.url),
      published_at: rec.published_at,
      published_at_inferred: rec.published_at_inferred,
      is_first: s.firstReportedBy === a.id,
      words,
      shared_words: sharedWords,
      body_included: i < MAX_STORY_BODIES,
      paragraphs: i < MAX_STORY_BODIES ? t.paragraphs.map((p) => ({ text: p.text, start: p.start, end: p.end })) : [],
      shared: i < MAX_STORY_BODIES ? shared : [],
      entity_count: mentionsOf(an).length,
      quote_count: quotesOf(an).length,
    };
  });
  const coverage = [...bySource.values()]
    .map((c) => ({ ...c, shared_share: c.words ? c.shared_words / c.words : 0 }))
    .sort((a, b) => (a.first_published_at ?? '9').localeCompare(b.first_published_at ?? '9'));
  return {
    story: storyRecord(s),
    articles: out,
    quotes_by_speaker: groupQuotes(quotes, names),
    coverage,
    missing: missingStages(analyses.values()),
  };
}

export async function articleView(store: Store, a: Article, stories: StoryCache, catalog: ArticleCatalog) {
  const an = (await loadAnalyses(store, [a.id])).get(a.id) ?? {};
  const clean = cleanOf(an);
  const t = articleText(a, clean);
  const record = articleRecord(a, an);
  const story = stories.storyOf(a.id) ?? (record.story_id ? stories.get(record.story_id) : undefined);
  const links = reuseOf(an);
  const others = new Map((await store.getArticles(links.map((l) => l.otherId))).map((o) => [o.id, o]));
  return {
    article: { ...record, url: safeUrl(record.url) },
    raw: a.raw,
    raw_kind: a.rawKind,
    format: a.format,
    encoding: a.encoding,
    ingested_at: a.ingestedAt,
    text: t.text,
    cleaned: t.cleaned,
    text_is_raw: clean ? clean.textIsRaw : a.rawKind === 'text',
    paragraphs: t.paragraphs.map((p) => ({ text: p.text, start: p.start, end: p.end })),
    story: story ? { id: story.id, title: story.title } : null,
    reuse: links.map((l) => {
      const o = others.get(l.otherId);
      return {
        other_id: l.otherId,
        other_title: o?.title ?? catalog.get(l.otherId)?.title ?? null,
        other_source: o?.source ?? null,
        similarity: l.similarity,
        coverage: l.coverage ?? null,
        agency: l.agency ?? null,
        first_published: l.firstPublished ?? null,
        passages: (l.passages ?? []).map((p) => ({ text: p.text, start: p.start, end: p.end, other_start: p.otherStart, other_end: p.otherEnd })),
      };
    }),
    missing: missingStages([an]),
  };
}

export async function entityView(store: Store, id: string, stories: StoryCache, articleIds: string[], catalog: ArticleCatalog) {
  const info = stories.entity(id);
  const ids = [...new Set([...(info?.articleIds ?? []), ...articleIds])];
  const shown = ids.slice(0, 200);
  const [articles, analyses] = await Promise.all([store.getArticles(shown), loadAnalyses(store, shown, ['entities', 'quotes'])]);
  const variants = new Map<string, number>();
  for (const v of info?.variants ?? []) variants.set(v, 0);
  let type = info?.type ?? null;
  const quotes: { article: Article; quote: Quote }[] = [];
  for (const a of articles) {
    const an = analyses.get(a.id) ?? {};
    for (const m of mentionsOf(an)) {
      if (m.entityId !== id) continue;
      variants.set(m.text, (variants.get(m.text) ?? 0) + 1);
      type ??= m.type;
    }
    for (const q of quotesOf(an)) if (q.speakerEntityId === id) quotes.push({ article: a, quote: q });
  }
  const name = info?.name ?? [...variants].sort((x, y) => y[1] - x[1])[0]?.[0] ?? id;
  const storyIds = new Set(info?.storyIds ?? []);
  for (const a of ids) {
    const s = stories.storyOf(a);
    if (s) storyIds.add(s.id);
  }
  return {
    id,
    name,
    type,
    variants: [...variants].sort((x, y) => y[1] - x[1]).map(([text, mentions]) => ({ text, mentions })),
    stories: [...storyIds].map((s) => stories.get(s)).filter((s): s is Story => !!s).map(storySummary),
    articles: ids.slice(0, 200).map((aid) => {
      const m = catalog.get(aid);
      return m ? { id: aid, title: m.title, source: m.source, published_at: m.publishedAt, story_id: stories.storyOf(aid)?.id ?? null } : { id: aid, title: null, source: null, published_at: null, story_id: null };
    }),
    article_count: ids.length,
    quotes: groupQuotes(quotes, new Map([[id, name]]))[0]?.quotes ?? [],
  };
}
