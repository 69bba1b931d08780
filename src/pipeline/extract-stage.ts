/**
 * Pipeline step: per-article extraction over the cleaned body — entity mentions (tagged
 * paragraph by paragraph, so related headlines and other residue never yield mentions).
 * Mentions are stored without entity ids under 'ner'; the story step resolves them into
 * canonical entities and writes the 'entities' record the export reads.
 */
import type { Article, CleanResult, EntityMention } from '../model.ts';
import type { Store } from '../store/store.ts';
import { loadModel, tagEntities } from '../extract/entities/index.ts';
import { CLEAN_STAGE } from '../clean/stage.ts';
import { articleView, type ArticleView } from './article-view.ts';

export const NER_STAGE = 'ner';

export interface NerRecord {
  mentions: EntityMention[];
}

/** Mentions in the body paragraphs, offsets into the article text. */
export function tagBody(view: Pick<ArticleView, 'paragraphs' | 'title'>): EntityMention[] {
  const model = loadModel();
  const out: EntityMention[] = [];
  for (const p of view.paragraphs) {
    for (const m of tagEntities(p.text, model)) out.push({ ...m, start: m.start + p.start, end: m.end + p.start });
  }
  return out;
}

export async function runExtractStage(store: Store, opts: { batch?: number; onProgress?: (n: number) => void } = {}): Promise<number> {
  const batch = opts.batch ?? 200;
  let done = 0;
  for (;;) {
    const ids = await store.articlesWithoutAnalysis(NER_STAGE, batch);
    if (ids.length === 0) break;
    const [articles, cleans] = await Promise.all([store.getArticles(ids), store.getAnalyses<CleanResult>(CLEAN_STAGE, ids)]);
    const items = articles.map((a: Article) => {
      const view = articleView(a, cleans.get(a.id) ?? null);
      return { articleId: a.id, data: { mentions: tagBody(view) } satisfies NerRecord };
    });
    await store.putAnalyses(NER_STAGE, items);
    done += items.length;
    opts.onProgress?.(done);
    if (ids.length < batch) break;
  }
  return done;
}
