/**
 * Picks the store from `--db`: a file path (SQLite, default ./marsad.db or $MARSAD_DB) or a
 * postgres:// URL (not implemented yet: a clear StoreError rather than a confusing file).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../errors.ts';
import type { Store } from './store.ts';
import { SqliteStore } from './sqlite.ts';

export const DEFAULT_DB = './marsad.db';

export interface OpenOptions {
  /** read commands: refuse to create a new empty database */
  mustExist?: boolean;
}

export async function openStore(dbArg?: string, opts: OpenOptions = {}): Promise<Store> {
  const target = dbArg ?? process.env.MARSAD_DB ?? DEFAULT_DB;
  if (/^postgres(ql)?:\/\//i.test(target))
    throw new StoreError('PostgreSQL support is not implemented yet', {
      hint: 'use a SQLite file for now: --db ./marsad.db (the default)',
    });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target))
    throw new StoreError(`unsupported database URL: ${target}`, { hint: 'pass a SQLite file path, e.g. --db ./marsad.db' });
  const path = resolve(target);
  if (!existsSync(dirname(path))) throw new StoreError(`folder ${dirname(path)} does not exist`, { hint: 'create it first, or pass --db with a path in an existing folder' });
  return new SqliteStore(path, { mustExist: opts.mustExist });
}
