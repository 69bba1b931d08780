/** `marsad serve` — the JSON API and the web app over a store. */
import { Command, Option } from 'commander';
import { UsageError } from '../../errors.ts';
import { parseSize } from '../../ingest/size.ts';
import { openStore } from '../../store/open.ts';
import { startServer } from '../../server/serve.ts';
import { DEFAULT_MAX_BODY } from '../../server/app.ts';
import { intOption, withDb, type CommonOptions } from '../options.ts';

interface ServeCliOptions extends CommonOptions {
  host: string;
  port: number;
  token?: string;
  maxBody?: string;
}

export function serveCommand(): Command {
  return withDb(new Command('serve'))
    .description('serve the web app and the JSON API (read-only; POST /api/articles with a token)')
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--port <n>', 'port (0: any free port)').default(8080).argParser(intOption('--port', 0)))
    .addOption(new Option('--token <secret>', 'bearer token that enables POST /api/articles (or $MARSAD_TOKEN)'))
    .addOption(new Option('--max-body <size>', 'request body limit, e.g. 10MB').default(undefined))
    .addHelpText('after', '\nOpen the printed URL in a browser. The API is described at /openapi.json.\n')
    .action(async (opts: ServeCliOptions) => {
      const maxBodyBytes = opts.maxBody ? parseSize(opts.maxBody) : DEFAULT_MAX_BODY;
      if (maxBodyBytes === null) throw new UsageError(`--max-body must be a size like 10MB, got "${opts.maxBody}"`);
      const token = opts.token ?? process.env.MARSAD_TOKEN ?? null;
      const store = await openStore(opts.db, { mustExist: true });
      const t0 = Date.now();
      let server;
      try {
        server = await startServer({
          store,
          host: opts.host,
          port: opts.port,
          token,
          maxBodyBytes,
          onIndexProgress: (done, indexed) => {
            if (indexed > 0 || done >= 5000) process.stderr.write(`search index: ${done} articles read, ${indexed} indexed\n`);
          },
        });
      } catch (e) {
        await store.close();
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UsageError(`port ${opts.port} on ${opts.host} is in use`, 'pick another with --port, e.g. --port 8081');
        throw e;
      }
      process.stdout.write(
        `Marsad is serving ${store.location} (${server.search.catalog.size} articles, ${server.stories.size} stories; ready in ${Date.now() - t0} ms)\n` +
          `  open ${server.url}\n` +
          `  API  ${server.url}openapi.json\n` +
          `  ingest over HTTP: ${token ? 'enabled (bearer token)' : 'disabled (start with --token or MARSAD_TOKEN)'}\n` +
          `Press Ctrl+C to stop.\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server
            .close()
            .then(() => store.close())
            .finally(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
