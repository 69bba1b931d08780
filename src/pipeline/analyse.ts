/**
 * Everything the pipeline derives from one article alone, as records to write — not written
 * here, so a single process (`processAll`) and a queue worker (which writes them in the
 * transaction that marks its jobs done) run exactly the same code:
 *   clean · ner (mentions) · quotes · dates (+ publication date) · story-input
 * The per-source boilerplate model is the one piece of shared state: it is counted and saved
 * under a lock before the batch is cleaned.
 */
import type { Article, CleanResult } from '../model.ts';
import type { Store } from '../store/store.ts';
import { BOILERPLATE_STATE_KEY, CLEAN_STAGE, extractedPage, loadBoilerplateModel } from '../clean/stage.ts';
import { cleanArticle, type BoilerplateModel } from '../clean/index.ts';
import type { StoryInput } from '../stories/index.ts';
import { LOCK_MODELS, advisoryLock } from '../store/lock.ts';
import { articleView, bodyText } from './article-view.ts';
import { DATES_STAGE, NER_STAGE, QUOTES_STAGE, datesOf, quotesOf, tagBody, type DatesRecord } from './extract-stage.ts';

export const STORY_INPUT_STAGE = 'story-input';

/**
 * What the story step reads. `timeUnknown`: neither metadata nor the text gave a publication
 * date, so `time` is only the ingest time — the story step places such an article at the
 * stream's current time instead (an undated article is news of the moment it arrives with).
 */
export interface StoryInputRecord extends StoryInput {
  timeUnknown?: boolean;
}

export interface AnalysisWrite {
  stage: string;
  items: { articleId: string; data: unknown }[];
}

/**
 * Counts the batch into the per-source boilerplate model and saves it, under a lock so that
 * concurrent workers do not lose each other's counts (read-modify-write). Adding is idempotent
 * per article (the model skips exact duplicates), so a redone batch changes nothing.
 */
export async function updateBoilerplate(store: Store, articles: Article[]): Promise<BoilerplateModel> {
  return store.transaction(async () => {
    await advisoryLock(store, LOCK_MODELS);
    const model = await loadBoilerplateModel(store);
    let changed = false;
    for (const a of articles) changed = model.add(a.source, extractedPage(a)?.text ?? a.raw) || changed;
    if (changed) await store.setState(BOILERPLATE_STATE_KEY, model.toJSON());
    return model;
  });
}

/** Epoch ms of publication (metadata or inferred), or null. */
function publicationTime(a: Article, dates: DatesRecord): number | null {
  for (const d of [a.publishedAt, dates.publishedAt]) {
    const t = d ? Date.parse(d) : Number.NaN;
    if (!Number.isNaN(t)) return t;
  }
  return null;
}

/**
 * The date of what the article reports, for grouping events: the first date its lead
 * paragraph mentions that is not after publication (a lead says "أمس"/"اليوم الأربعاء"),
 * else the publication day.
 */
export function reportedDate(view: { paragraphs: { start: number; end: number }[] }, dates: DatesRecord): string | undefined {
  const pub = dates.publishedAt?.slice(0, 10);
  const lead = view.paragraphs[0];
  if (lead) {
    const inLead = dates.mentions
      .filter((d) => d.start >= lead.start && d.start < lead.end && /^\d{4}-\d{2}-\d{2}$/.test(d.value) && (!pub || d.value <= pub))
      .sort((x, y) => x.start - y.start);
    if (inLead.length > 0) return inLead[0].value;
  }
  return pub ?? undefined;
}

/** The records of every per-article stage for a batch (pure given the model). */
export function analyseArticles(articles: Article[], model: BoilerplateModel): AnalysisWrite[] {
  const out: Record<string, AnalysisWrite> = {};
  for (const stage of [CLEAN_STAGE, NER_STAGE, QUOTES_STAGE, DATES_STAGE, STORY_INPUT_STAGE]) out[stage] = { stage, items: [] };
  const add = (stage: string, articleId: string, data: unknown) => out[stage].items.push({ articleId, data });
  for (const a of articles) {
    const clean: CleanResult = cleanArticle({ raw: a.raw, rawKind: a.rawKind, source: a.source, title: a.title, page: extractedPage(a) }, model);
    const view = articleView(a, clean);
    const mentions = tagBody(view);
    const dates = datesOf(view, a.publishedAt ?? clean.meta.publishedAt ?? null);
    const published = publicationTime(a, dates);
    const input: StoryInputRecord = {
      id: a.id,
      time: published ?? (Date.parse(a.ingestedAt) || 0),
      timeUnknown: published === null,
      title: view.title,
      body: bodyText(view),
      source: a.source,
      entities: mentions.map((m) => m.text),
      eventDate: reportedDate(view, dates),
    };
    add(CLEAN_STAGE, a.id, clean);
    add(NER_STAGE, a.id, { mentions });
    add(QUOTES_STAGE, a.id, quotesOf(view, mentions));
    add(DATES_STAGE, a.id, dates);
    add(STORY_INPUT_STAGE, a.id, input);
  }
  // story-input last: it marks the article as analysed (what `processAll` looks for)
  return [out[CLEAN_STAGE], out[NER_STAGE], out[QUOTES_STAGE], out[DATES_STAGE], out[STORY_INPUT_STAGE]];
}

export async function writeAnalyses(store: Store, writes: AnalysisWrite[]): Promise<void> {
  for (const w of writes) if (w.items.length) await store.putAnalyses(w.stage, w.items);
}

/** Analyses every article without a story-input record, in batches, each batch in one transaction. */
export async function runAnalyseStage(store: Store, opts: { batch?: number; onProgress?: (n: number) => void } = {}): Promise<number> {
  const batch = opts.batch ?? 200;
  let done = 0;
  for (;;) {
    const ids = await store.articlesWithoutAnalysis(STORY_INPUT_STAGE, batch);
    if (ids.length === 0) break;
    const articles = await store.getArticles(ids);
    // HTML pages are extracted once (extractedPage caches per article object) for the model and the cleaner
    const model = await updateBoilerplate(store, articles);
    const writes = analyseArticles(articles, model);
    await store.transaction(() => writeAnalyses(store, writes));
    done += articles.length;
    opts.onProgress?.(done);
    if (ids.length < batch) break;
  }
  return done;
}
