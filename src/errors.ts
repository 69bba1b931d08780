/**
 * Typed errors with a clear message and a hint for the user. The CLI prints
 * `message` and `hint` (never a stack trace) and exits with `exitCode`.
 */

/** Documented exit codes of the `marsad` command (see README). */
export const ExitCode = {
  ok: 0,
  /** the command failed (bad input, store error, …) */
  failure: 1,
  /** wrong usage: unknown command, missing argument, bad option */
  usage: 2,
  /** the command ran, but some items failed (e.g. ingest stored the good items and reported the bad) */
  partial: 3,
  /** the requested thing was not found (unknown article or story id) */
  notFound: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class MarsadError extends Error {
  readonly hint: string | null;
  readonly exitCode: ExitCode;
  constructor(message: string, options: { hint?: string; exitCode?: ExitCode; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint ?? null;
    this.exitCode = options.exitCode ?? ExitCode.failure;
  }
}

/** Input that cannot be read or understood (a file, a line, a URL). */
export class InputError extends MarsadError {
  readonly where: string;
  constructor(where: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(`${where}: ${message}`, { ...options, exitCode: ExitCode.failure });
    this.where = where;
  }
}

/** Wrong command-line usage. */
export class UsageError extends MarsadError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: ExitCode.usage });
  }
}

/** A requested article, story or entity does not exist. */
export class NotFoundError extends MarsadError {
  constructor(what: string, id: string, hint?: string) {
    super(`${what} not found: ${id}`, { hint: hint ?? `run \`marsad list\` or \`marsad stories\` to see what is stored`, exitCode: ExitCode.notFound });
  }
}

/** The store cannot be opened, migrated or written. */
export class StoreError extends MarsadError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: ExitCode.failure });
  }
}
