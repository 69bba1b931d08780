/**
 * `marsad watch FEEDS_FILE` — poll RSS/Atom feeds, store what is new, process it (queue on
 * PostgreSQL, processAll on SQLite) and fire saved-query alerts; `--status` shows feed health.
 */
import { Command } from 'commander';
import { ExitCode, UsageError } from '../../errors.ts';
import { DEFAULT_INTERVAL, readFeedsFile } from '../../watch/feeds.ts';
import { readQueries } from '../../watch/alerts.ts';
import { healthLevel } from '../../watch/health.ts';
import { readHealth, Watcher } from '../../watch/watcher.ts';
import { intOption, withDb, withJson, withStore, type CommonOptions } from '../options.ts';
import { out, printJson } from '../output.ts';

interface WatchCliOptions extends CommonOptions {
  queries?: string;
  interval: number;
  timeout: number;
  once?: boolean;
  work?: boolean;
  status?: boolean;
  quiet?: boolean;
}

export function watchCommand(): Command {
  return withJson(withDb(new Command('watch')))
    .description('poll RSS/Atom feeds, ingest new items, and alert on saved queries')
    .argument('[feeds]', 'FEEDS_FILE: one URL per line (optional interval in seconds after it), or a JSON/YAML list of URLs or {url, interval, source}')
    .option('--queries <file>', 'saved queries (JSON list of {name, entity|keyword|outlet, webhook|file, growth?: {articles, minutes}})')
    .option('--interval <seconds>', 'poll interval for feeds that set none', intOption('--interval', 1), DEFAULT_INTERVAL)
    .option('--timeout <seconds>', 'per request', intOption('--timeout', 1), 20)
    .option('--once', 'poll every feed once, process, alert, and exit')
    .option('--work', 'PostgreSQL: also drain the queue in this process (else run `marsad worker`)')
    .option('--status', 'show each feed\'s health (last success, last error, consecutive failures) and exit')
    .option('--quiet', 'no per-poll log lines')
    .addHelpText(
      'after',
      `
Feeds that fail back off exponentially (interval × 2^failures, at most 6 h). Conditional GET
(ETag / Last-Modified) keeps unchanged feeds cheap. Exit codes: 0 ok, 1 error, 2 usage,
3 (--once/--status) some feed is failing.
`,
    )
    .action(async (feedsFile: string | undefined, opts: WatchCliOptions) => {
      await withStore(opts, async (store) => {
        if (opts.status) {
          const health = await readHealth(store);
          const feeds = feedsFile ? readFeedsFile(feedsFile, opts.interval).map((f) => f.url) : Object.keys(health);
          const rows = feeds.map((url) => ({ ...(health[url] ?? {}), url, level: health[url] ? healthLevel(health[url]) : 'never-polled' }));
          if (opts.json) await printJson(rows);
          else
            await out(
              rows.length === 0
                ? 'no feed has been polled yet\n'
                : rows
                    .map((r) => {
                      const h = health[r.url];
                      if (!h) return `never polled  ${r.url}`;
                      return `${r.level.padEnd(12)}  ${r.url}\n    last success ${h.lastSuccessAt ?? 'never'} · ${h.consecutiveFailures} consecutive failure(s)${h.lastError ? ` · last error ${h.lastErrorAt}: ${h.lastError}` : ''} · next poll ${h.nextPollAt} · ${h.articlesAdded} articles added`;
                    })
                    .join('\n') + '\n',
            );
          if (rows.some((r) => r.level === 'failing')) process.exitCode = ExitCode.partial;
          return;
        }
        if (!feedsFile) throw new UsageError('missing FEEDS_FILE', 'marsad watch feeds.txt (one feed URL per line)');
        const feeds = readFeedsFile(feedsFile, opts.interval);
        const queries = opts.queries ? readQueries(opts.queries) : [];
        const log = opts.quiet || opts.json ? undefined : (l: string) => void process.stderr.write(`${new Date().toISOString()} ${l}\n`);
        const watcher = new Watcher(store, { feeds, queries, timeoutMs: opts.timeout * 1000, work: opts.work, log });
        if (opts.once) {
          const r = await watcher.tick();
          if (opts.json) await printJson(r);
          else await out(`polled ${r.polled.length} feed(s): ${r.added.length} new article(s), ${r.polled.filter((p) => p.outcome === 'error').length} failing, ${r.alerts.length} alert(s)\n`);
          if (r.polled.some((p) => p.outcome === 'error') || r.alertErrors.length) process.exitCode = ExitCode.partial;
          return;
        }
        const ac = new AbortController();
        const stop = () => ac.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          await watcher.run({ signal: ac.signal });
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      });
    });
}
