/** Options every command shares, so `--db`, `--json` and `--help` read the same everywhere. */
import { Option, type Command } from 'commander';
import { openStore, type OpenOptions } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { UsageError } from '../errors.ts';

export interface CommonOptions {
  db?: string;
  json?: boolean;
}

export function withDb(cmd: Command): Command {
  return cmd.addOption(new Option('--db <path|url>', 'database: a SQLite file (default ./marsad.db, or $MARSAD_DB) or a postgres:// URL'));
}

export function withJson(cmd: Command): Command {
  return cmd.option('--json', 'print machine-readable JSON');
}

/** opens the store, runs `fn`, always closes it */
export async function withStore<T>(opts: CommonOptions, fn: (store: Store) => Promise<T>, open: OpenOptions = {}): Promise<T> {
  const store = await openStore(opts.db, open);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function intOption(name: string, min = 0): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}, got "${value}"`, 'see `marsad <command> --help`');
    return n;
  };
}

export function dateOption(name: string): (value: string) => string {
  return (value: string) => {
    if (!/^\d{4}(-\d{2}(-\d{2})?)?/.test(value) || Number.isNaN(Date.parse(value.length === 4 ? `${value}-01-01` : value)))
      throw new UsageError(`${name} must be an ISO date like 2023-09-18, got "${value}"`, 'dates are YYYY-MM-DD (a month YYYY-MM or year YYYY works too)');
    return value;
  };
}
