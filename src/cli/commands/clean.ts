/**
 * `marsad clean` — run the cleaning stage on stored articles; `marsad clean --explain ID`
 * prints every line with its class, score, reason and signals. `formatRemoved` is the
 * helper `marsad show --removed` uses to list the removed spans.
 */
import { Command } from 'commander';
import { NotFoundError } from '../../errors.ts';
import type { CleanResult } from '../../model.ts';
import { explainLines } from '../../clean/index.ts';
import { loadBoilerplateModel, runCleanStage, cleanStored, CLEAN_STAGE } from '../../clean/stage.ts';
import { withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';

interface CleanOptions extends CommonOptions {
  explain?: string;
}

export function cleanCommand(): Command {
  return withJson(withDb(new Command('clean')))
    .description('clean stored articles (remove scraping residue); --explain ID shows why each line was kept or removed')
    .option('--explain <id>', 'print the per-line signals, scores and classes of one article')
    .action(async (opts: CleanOptions) => {
      await withStore(
        opts,
        async (store) => {
          if (opts.explain) {
            const a = await store.getArticle(opts.explain);
            if (!a) throw new NotFoundError('article', opts.explain, 'run `marsad list` to see stored ids');
            const model = await loadBoilerplateModel(store);
            const lines = explainLines({ raw: a.raw, rawKind: a.rawKind, source: a.source, title: a.title }, model);
            if (opts.json) return printJson(lines);
            const rows = lines
              .filter((l) => l.class !== null)
              .map((l) => {
                const feats = Object.entries(l.features)
                  .map(([k, v]) => (v === 1 ? k : `${k}=${v}`))
                  .join(' ');
                const pre = l.prefix ? `  [${l.prefix.kind}: ${l.prefix.text}]` : '';
                const mk = l.markupPrefix ? `  [markup: ${l.markupPrefix.trim()}]` : '';
                return `${String(l.n).padStart(3)}  ${(l.class ?? '').padEnd(14)} ${l.score.toFixed(2)}  ${l.reason}${pre}${mk}${l.recurrence ? `  recurs in ${l.recurrence}` : ''}\n     ${l.text.slice(0, 120)}\n     ${feats}`;
              });
            return out(`${rows.join('\n')}\n`);
          }
          const n = await runCleanStage(store);
          if (opts.json) return printJson({ cleaned: n });
          return out(`cleaned ${n} article(s)\n`);
        },
        { mustExist: true },
      );
    });
}

/** For the lead's registry. */
export function registerClean(program: Command, _ctx?: unknown): void {
  program.addCommand(cleanCommand());
}

/**
 * Lines for `marsad show ID --removed`: every removed span with class and offsets.
 * Use the stored analysis (`store.getAnalysis<CleanResult>('clean', id)`) or clean on the fly.
 */
export function formatRemoved(r: CleanResult): string {
  if (r.removed.length === 0) return '(nothing removed)\n';
  const where = r.textIsRaw ? 'raw' : 'extracted text';
  return (
    r.removed.map((s) => `${String(s.start).padStart(6)}-${String(s.end).padEnd(6)} ${s.class.padEnd(14)} ${s.text.replace(/\n/g, ' ').slice(0, 100)}`).join('\n') +
    `\n(offsets index the ${where})\n`
  );
}

/** The clean result of a stored article: the stored analysis, else computed now. */
export async function cleanResultFor(store: import('../../store/store.ts').Store, id: string): Promise<CleanResult | null> {
  const stored = await store.getAnalysis<CleanResult>(CLEAN_STAGE, id);
  if (stored) return stored;
  const a = await store.getArticle(id);
  if (!a) return null;
  return cleanStored(a, await loadBoilerplateModel(store));
}
