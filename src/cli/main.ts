#!/usr/bin/env node
/**
 * `marsad` — the command line. Errors print as `marsad: <message>` + `  hint: …` with the
 * documented exit codes of src/errors.ts; MARSAD_DEBUG=1 adds the stack trace.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ExitCode, MarsadError } from '../errors.ts';
import { registerCommands } from './commands/index.ts';
import { reportError } from './output.ts';

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function buildProgram(): Command {
  const program = new Command('marsad')
    .description('Marsad (مرصد): turns scraped Arabic news into cross-referenced stories')
    .version(version(), '-V, --version')
    .showHelpAfterError(false)
    .addHelpText(
      'after',
      `
Exit codes: 0 ok · 1 failure · 2 wrong usage · 3 partly done (some items failed) · 4 not found
Database: --db PATH|URL (SQLite file, default ./marsad.db or $MARSAD_DB; or postgres://…). MARSAD_DEBUG=1 shows stack traces.
`,
    );
  registerCommands(program);
  // commander's own usage errors: same format as ours, exit code 2
  const configure = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({
      outputError: (str, write) => write(`marsad: ${str.replace(/^error: /, '').trimEnd()}\n  hint: see \`${cmd.name() === 'marsad' ? 'marsad' : `marsad ${cmd.name()}`} --help\`\n`),
    });
    for (const sub of cmd.commands) configure(sub);
  };
  configure(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help, --version, `marsad help`: 0; help shown because no command was given, or a usage error: 2
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    // invalid option values throw our UsageError from the parser callbacks, wrapped by commander
    const cause = (e as { cause?: unknown }).cause;
    return reportError(e instanceof MarsadError ? e : cause instanceof MarsadError ? cause : e);
  }
}

/** run when executed (also through npm's bin symlink), not when imported by tests */
function isEntry(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (isEntry()) {
  // `marsad export articles | head`: the reader leaving is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(ExitCode.ok);
    throw e;
  });
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
