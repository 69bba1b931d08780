/**
 * Reading the per-article analyses the stages store (see src/cli/export.ts for the shapes),
 * tolerant of missing stages: a stage that has not run yields an empty list, never an error.
 */
import type { CleanResult, DateMention, EntityMention, Quote, ReuseLink } from '../model.ts';
import type { Store } from '../store/store.ts';
import type { ArticleAnalyses } from '../cli/export.ts';

export const STAGES = ['clean', 'entities', 'quotes', 'dates', 'reuse', 'story'] as const;

export function listOf<T>(value: unknown, ...keys: string[]): T[] {
  if (Array.isArray(value)) return value as T[];
  if (value && typeof value === 'object')
    for (const k of [...keys, 'items']) {
      const v = (value as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v as T[];
    }
  return [];
}

export const mentionsOf = (a: ArticleAnalyses): EntityMention[] => listOf<EntityMention>(a.entities, 'mentions');
export const quotesOf = (a: ArticleAnalyses): Quote[] => listOf<Quote>(a.quotes, 'quotes');
export const datesOf = (a: ArticleAnalyses): DateMention[] => listOf<DateMention>(a.dates, 'mentions');
export const reuseOf = (a: ArticleAnalyses): ReuseLink[] => listOf<ReuseLink>(a.reuse, 'links');

/** every stage's record for each id (absent stages simply missing from the object) */
export async function loadAnalyses(store: Store, ids: string[], stages: readonly string[] = STAGES): Promise<Map<string, ArticleAnalyses>> {
  const out = new Map<string, ArticleAnalyses>(ids.map((id) => [id, {}]));
  if (ids.length === 0) return out;
  const maps = await Promise.all(stages.map((s) => store.getAnalyses<unknown>(s, ids)));
  stages.forEach((stage, i) => {
    for (const [id, data] of maps[i]) {
      const rec = out.get(id) as Record<string, unknown> | undefined;
      if (rec) rec[stage] = data;
    }
  });
  return out;
}

export const cleanOf = (a: ArticleAnalyses): CleanResult | null => (a.clean && typeof a.clean === 'object' ? (a.clean as CleanResult) : null);
