/**
 * Scratch databases for tests and benches: CREATE DATABASE marsad_test_<random> on the server
 * of `baseUrl`, hand back its URL and a drop function. Also the reachability probe the
 * PostgreSQL tests use to fail (CI) or skip (MARSAD_SKIP_PG=1) with a clear message.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** server used by tests/benches: $MARSAD_TEST_PG, else the local socket-less default */
export const TEST_PG_URL = process.env.MARSAD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** null when reachable, else the reason */
export async function pgUnreachable(url = TEST_PG_URL): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    return `${(e as Error).message || (e as { code?: string }).code || String(e)}`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(baseUrl = TEST_PG_URL, prefix = 'marsad_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(baseUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        // WITH (FORCE): a killed worker's connection may linger for a moment
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * What a PostgreSQL test file does when the server is unreachable: 'skip' only with
 * MARSAD_SKIP_PG=1 outside CI; otherwise 'fail' with `reason`.
 */
export async function pgTestMode(url = TEST_PG_URL): Promise<{ mode: 'run' } | { mode: 'skip' | 'fail'; reason: string }> {
  const why = await pgUnreachable(url);
  if (!why) return { mode: 'run' };
  const reason =
    `PostgreSQL is unreachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${why}). ` +
    'Start it (scripts/pg-up.sh, or pg_ctlcluster --skip-systemctl-redirect <version> main start), point MARSAD_TEST_PG at a server, ' +
    'or set MARSAD_SKIP_PG=1 to skip the PostgreSQL tests locally (never in CI).';
  return { mode: process.env.MARSAD_SKIP_PG === '1' && !process.env.CI ? 'skip' : 'fail', reason };
}
