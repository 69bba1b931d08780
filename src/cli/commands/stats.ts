/** `marsad stats` — what the database holds. */
import { Command } from 'commander';
import { statSync } from 'node:fs';
import { withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';
import { formatBytes } from '../../ingest/size.ts';

export function statsCommand(): Command {
  return withJson(withDb(new Command('stats')))
    .description('counts: articles by source and format, stories, analyses per stage, index sizes')
    .action(async (opts: CommonOptions) => {
      await withStore(
        opts,
        async (store) => {
          const s = await store.stats();
          let bytes: number | null = null;
          try {
            bytes = store.kind === 'sqlite' ? statSync(store.location).size : null;
          } catch {
            bytes = null;
          }
          if (opts.json) return printJson({ db: store.location, kind: store.kind, bytes, ...s });
          const rows: string[] = [
            `database   ${store.location} (${store.kind}${bytes === null ? '' : `, ${formatBytes(bytes)}`}, schema v${s.schemaVersion})`,
            `articles   ${s.articles}`,
            `stories    ${s.stories}`,
            `published  ${s.publishedFrom ?? '-'} … ${s.publishedTo ?? '-'}`,
          ];
          if (s.bySource.length) rows.push('by source', ...s.bySource.map((x) => `  ${String(x.count).padStart(7)}  ${x.source ?? '(none)'}`));
          if (s.byFormat.length) rows.push('by format', ...s.byFormat.map((x) => `  ${String(x.count).padStart(7)}  ${x.format}`));
          if (s.analyses.length) rows.push('analyses', ...s.analyses.map((x) => `  ${String(x.count).padStart(7)}  ${x.stage}`));
          if (s.postings.length) rows.push('indexes', ...s.postings.map((x) => `  ${String(x.count).padStart(7)}  ${x.index}`));
          return out(`${rows.join('\n')}\n`);
        },
        { mustExist: true },
      );
    });
}
