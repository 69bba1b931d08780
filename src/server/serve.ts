/** Starting and stopping the server (used by `marsad serve`, the tests and the bench). */
import type { Store } from '../store/store.ts';
import { buildApp, type AppOptions, type MarsadApp } from './app.ts';

export interface ServeOptions extends AppOptions {
  host?: string;
  /** 0 picks a free port */
  port?: number;
}

export interface RunningServer extends MarsadApp {
  url: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions & { store: Store }): Promise<RunningServer> {
  const built = await buildApp(opts);
  const host = opts.host ?? '127.0.0.1';
  await built.app.listen({ host, port: opts.port ?? 8080 });
  const addr = built.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { ...built, url: `http://${shownHost}:${port}/`, close: () => built.app.close() };
}
