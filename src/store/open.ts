/**
 * Picks the store from `--db`: a file path (SQLite, default ./marsad.db or $MARSAD_DB) or a
 * postgres:// URL (PostgresStore: the scale-out store, see docs/SCALE.md).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../errors.ts';
import type { Store } from './store.ts';
import { SqliteStore } from './sqlite.ts';
import { PostgresStore } from './postgres.ts';

export const DEFAULT_DB = './marsad.db';

export interface OpenOptions {
  /** read commands: refuse to create a new empty database */
  mustExist?: boolean;
  /** PostgreSQL only: connections in the pool (default 4) */
  poolSize?: number;
}

export async function openStore(dbArg?: string, opts: OpenOptions = {}): Promise<Store> {
  const target = dbArg ?? process.env.MARSAD_DB ?? DEFAULT_DB;
  if (/^postgres(ql)?:\/\//i.test(target)) return PostgresStore.open(target, { mustExist: opts.mustExist, max: opts.poolSize });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target))
    throw new StoreError(`unsupported database URL: ${target}`, { hint: 'pass a SQLite file path (--db ./marsad.db) or a postgres://user@host/db URL' });
  const path = resolve(target);
  if (!existsSync(dirname(path))) throw new StoreError(`folder ${dirname(path)} does not exist`, { hint: 'create it first, or pass --db with a path in an existing folder' });
  return new SqliteStore(path, { mustExist: opts.mustExist });
}
