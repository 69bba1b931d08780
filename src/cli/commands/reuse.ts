/**
 * `marsad reuse [ID]` — wire copy and near-duplicates. Brings the persistent reuse index up to
 * date (indexes stored articles it has not seen, in publication order), then prints the links
 * of one article, or every copy pair when no id is given.
 */
import { Command } from 'commander';
import type { ReuseLink } from '../../model.ts';
import { NotFoundError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { LINK_STAGE } from '../../reuse/index.ts';
import { runReuseStage } from '../../reuse/stage.ts';
import { withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';

/** The contract's snake_case form of a link (`reuse` field of the article export). */
export const exportLink = (l: ReuseLink) => ({
  other_id: l.otherId,
  similarity: l.similarity,
  coverage: l.coverage ?? null,
  first_published: l.firstPublished ?? null,
  agency: l.agency ?? null,
  passages: l.passages.map((p) => ({ text: p.text, start: p.start, end: p.end, other_start: p.otherStart, other_end: p.otherEnd })),
});

export function reuseCommand(): Command {
  return withJson(withDb(new Command('reuse')))
    .description('wire copy and near-duplicates: shared passages with offsets in both articles, who published first, credited agency')
    .argument('[id]', 'article id (from `marsad list`); without it, every copy pair')
    .action(async (id: string | undefined, opts: CommonOptions) => {
      await withStore(
        opts,
        async (store) => {
          await runReuseStage(store);
          if (id) {
            if (!(await store.getArticle(id))) throw new NotFoundError('article', id, 'run `marsad list` to see stored ids');
            const links = (await store.getAnalysis<ReuseLink[]>(LINK_STAGE, id)) ?? [];
            if (opts.json) return printJson({ id, reuse: links.map(exportLink) });
            if (links.length === 0) return out(`${id}: no copied text found\n`);
            const blocks = links.map((l) => {
              const head = `${l.otherId}  similarity ${l.similarity.toFixed(2)}  ${Math.round((l.coverage ?? 0) * 100)} % of this article in the other` +
                (l.firstPublished ? `  first published: ${l.firstPublished === 'this' ? 'this article' : 'the other'}` : '') +
                (l.agency ? `  agency: ${l.agency}` : '');
              const ps = l.passages.map((p) => `  [${p.start}–${p.end}] ↔ [${p.otherStart}–${p.otherEnd}]  ${p.text.length > 90 ? `${p.text.slice(0, 90)}…` : p.text}`);
              return [head, ...ps].join('\n');
            });
            return out(`${blocks.join('\n\n')}\n`);
          }
          const pairs: { a: string; b: string; similarity: number; coverage: number | null; passages: number; agency: string | null }[] = [];
          for await (const a of store.iterateArticles()) {
            for (const l of (await store.getAnalysis<ReuseLink[]>(LINK_STAGE, a.id)) ?? []) {
              if (a.id < l.otherId) pairs.push({ a: a.id, b: l.otherId, similarity: l.similarity, coverage: l.coverage ?? null, passages: l.passages.length, agency: l.agency ?? null });
            }
          }
          if (opts.json) return printJson(pairs);
          if (pairs.length === 0) return out('no copy pairs found\n');
          return out(`${pairs.map((p) => `${p.a}  ${p.b}  similarity ${p.similarity.toFixed(2)}  ${p.passages} passages${p.agency ? `  agency ${p.agency}` : ''}`).join('\n')}\n`);
        },
        { mustExist: true },
      );
    });
}
