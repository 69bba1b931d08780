/**
 * The cleaning stage over a store: clean every article that has no `clean` analysis yet,
 * growing the per-source boilerplate model (kept in the store's state) as it goes.
 */
import type { Store } from '../store/store.ts';
import type { Article, CleanResult } from '../model.ts';
import { BoilerplateModel } from './boilerplate.ts';
import { cleanArticle } from './clean.ts';
import { extractHtml, type ExtractedPage } from './html.ts';

export const CLEAN_STAGE = 'clean';
export const BOILERPLATE_STATE_KEY = 'clean.boilerplate';

export async function loadBoilerplateModel(store: Store): Promise<BoilerplateModel> {
  const j = await store.getState<unknown>(BOILERPLATE_STATE_KEY);
  return j ? BoilerplateModel.fromJSON(j) : new BoilerplateModel();
}

// The extracted page of an HTML article, kept while the article object lives: the stage (and the
// queue worker) first counts the extracted text in the boilerplate model, then cleans the same object.
const pages = new WeakMap<object, { raw: string; page: ExtractedPage }>();

/** The extracted page of an HTML article (parsed once per article object). */
export function extractedPage(a: Pick<Article, 'raw' | 'rawKind'>): ExtractedPage | undefined {
  if (a.rawKind !== 'html') return undefined;
  const hit = pages.get(a);
  if (hit && hit.raw === a.raw) return hit.page;
  const page = extractHtml(a.raw);
  pages.set(a, { raw: a.raw, page });
  return page;
}

/** The text the boilerplate model counts for an article (extracted text for HTML). */
export function modelText(a: Pick<Article, 'raw' | 'rawKind'>): string {
  return a.rawKind === 'html' ? extractedPage(a)!.text : a.raw;
}

export function cleanStored(a: Article, model?: BoilerplateModel): CleanResult {
  return cleanArticle({ raw: a.raw, rawKind: a.rawKind, source: a.source, title: a.title, page: extractedPage(a) }, model);
}

/**
 * Clean pending articles in batches: first count the batch in the model (so recurring lines
 * inside the batch already count), then clean and store. Returns how many were cleaned.
 */
export async function runCleanStage(store: Store, opts: { batch?: number; limit?: number; onProgress?: (n: number) => void } = {}): Promise<number> {
  const model = await loadBoilerplateModel(store);
  const batch = opts.batch ?? 500;
  let done = 0;
  for (;;) {
    const ids = await store.articlesWithoutAnalysis(CLEAN_STAGE, batch);
    if (ids.length === 0 || (opts.limit !== undefined && done >= opts.limit)) break;
    const articles = await store.getArticles(ids);
    for (const a of articles) model.add(a.source, modelText(a));
    const items = articles.map((a) => ({ articleId: a.id, data: cleanStored(a, model) }));
    await store.transaction(async () => {
      await store.putAnalyses(CLEAN_STAGE, items);
      await store.setState(BOILERPLATE_STATE_KEY, model.toJSON());
    });
    done += items.length;
    opts.onProgress?.(done);
    if (ids.length < batch) break;
  }
  return done;
}
