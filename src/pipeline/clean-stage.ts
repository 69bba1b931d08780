/**
 * Pipeline step: clean every new article. The per-source boilerplate model is kept in the
 * store and grows with every run, so cleaning gets better as an outlet's articles accumulate.
 */
import { BoilerplateModel, cleanArticle, extractHtml } from '../clean/index.ts';
import type { Article } from '../model.ts';
import type { Store } from '../store/store.ts';
import { CLEAN_STAGE, toStoredClean } from './article-view.ts';

const MODEL_KEY = 'clean:boilerplate';

/** Text whose lines the boilerplate model counts: the raw text, or the page's extracted text. */
function linesOf(a: Article): string {
  if (a.rawKind !== 'html') return a.raw;
  try {
    return extractHtml(a.raw).text;
  } catch {
    return '';
  }
}

export async function runCleanStage(store: Store, articles: Article[]): Promise<void> {
  if (articles.length === 0) return;
  const saved = await store.getState<unknown>(MODEL_KEY);
  const model = saved ? BoilerplateModel.fromJSON(saved) : new BoilerplateModel();
  for (const a of articles) model.add(a.source, linesOf(a));
  const items = articles.map((a) => ({
    articleId: a.id,
    data: toStoredClean(cleanArticle({ raw: a.raw, rawKind: a.rawKind, source: a.source, title: a.title }, model)),
  }));
  await store.transaction(async () => {
    await store.putAnalyses(CLEAN_STAGE, items);
    await store.setState(MODEL_KEY, model.toJSON());
  });
}
