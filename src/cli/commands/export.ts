/** `marsad export articles|stories` — JSON Lines exactly as the export contract names them. */
import { Command, Argument } from 'commander';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Store } from '../../store/store.ts';
import type { Article } from '../../model.ts';
import { articleRecord, storyRecord, EXPORT_STAGES, type ArticleAnalyses } from '../export.ts';
import { dateOption, withDb, withStore, type CommonOptions } from '../options.ts';

interface ExportOptions extends CommonOptions {
  out?: string;
  source?: string;
  since?: string;
  until?: string;
}

function write(stream: Writable, line: string): Promise<void> | void {
  if (!stream.write(line)) return new Promise((resolve) => stream.once('drain', resolve));
}

async function exportArticles(store: Store, sink: Writable, opts: ExportOptions): Promise<number> {
  let n = 0;
  let page: Article[] = [];
  const flush = async () => {
    const ids = page.map((a) => a.id);
    const byStage = new Map<string, Map<string, unknown>>();
    for (const stage of EXPORT_STAGES) byStage.set(stage, await store.getAnalyses(stage, ids));
    for (const a of page) {
      const analyses: Record<string, unknown> = {};
      for (const stage of EXPORT_STAGES) analyses[stage] = byStage.get(stage)!.get(a.id) ?? null;
      await write(sink, `${JSON.stringify(articleRecord(a, analyses as ArticleAnalyses))}\n`);
      n++;
    }
    page = [];
  };
  for await (const a of store.iterateArticles({ source: opts.source, since: opts.since, until: opts.until })) {
    page.push(a);
    if (page.length >= 200) await flush();
  }
  await flush();
  return n;
}

async function exportStories(store: Store, sink: Writable, opts: ExportOptions): Promise<number> {
  let n = 0;
  for (let offset = 0; ; offset += 500) {
    const stories = await store.listStories({ source: opts.source, since: opts.since, until: opts.until, order: 'newest', limit: 500, offset });
    for (const s of stories) {
      await write(sink, `${JSON.stringify(storyRecord(s))}\n`);
      n++;
    }
    if (stories.length < 500) return n;
  }
}

export function exportCommand(): Command {
  return withDb(new Command('export'))
    .description('write articles or stories as JSON Lines (field names are a stable contract)')
    .addArgument(new Argument('<what>', 'what to export').choices(['articles', 'stories']))
    .option('--out <file>', 'write to FILE (atomically) instead of stdout')
    .option('--source <name>', 'only this source')
    .option('--since <date>', 'published (articles) / ending (stories) on or after', dateOption('--since'))
    .option('--until <date>', 'published (articles) / starting (stories) on or before', dateOption('--until'))
    .action(async (what: 'articles' | 'stories', opts: ExportOptions) => {
      await withStore(
        opts,
        async (store) => {
          const run = (sink: Writable) => (what === 'articles' ? exportArticles(store, sink, opts) : exportStories(store, sink, opts));
          if (!opts.out) {
            await run(process.stdout);
            return;
          }
          // write beside the target and rename: a failed export never leaves half a file
          const tmp = `${opts.out}.partial-${process.pid}`;
          const sink = createWriteStream(tmp);
          try {
            const n = await run(sink);
            await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
            renameSync(tmp, opts.out);
            process.stderr.write(`exported ${n} ${what} to ${opts.out}\n`);
          } catch (e) {
            sink.destroy();
            rmSync(tmp, { force: true });
            throw e;
          }
        },
        { mustExist: true },
      );
    });
}
