/** Writing results: stdout with back-pressure, JSON, and error formatting without stack traces. */
import { MarsadError, ExitCode } from '../errors.ts';

/** write to stdout and wait when the pipe is full (large exports into `head`, `gzip`…) */
export function out(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text)) resolve();
    else {
      process.stdout.once('drain', resolve);
      process.stdout.once('error', reject);
    }
  });
}

export const printJson = (value: unknown): Promise<void> => out(`${JSON.stringify(value, null, 2)}\n`);

/** `marsad: <message>\n  hint: <hint>`; the stack only with MARSAD_DEBUG=1. Returns the exit code. */
export function reportError(err: unknown): number {
  const debug = process.env.MARSAD_DEBUG === '1';
  if (err instanceof MarsadError) {
    process.stderr.write(`marsad: ${err.message}\n${err.hint ? `  hint: ${err.hint}\n` : ''}`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') return ExitCode.ok; // reader went away (`| head`)
  process.stderr.write(`marsad: unexpected error: ${e?.message ?? String(err)}\n  hint: rerun with MARSAD_DEBUG=1 to see where it happened, and report it\n`);
  if (debug && e?.stack) process.stderr.write(`${e.stack}\n`);
  return ExitCode.failure;
}
