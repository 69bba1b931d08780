/** Runs the real CLI in a child process (through tsx), as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const mainTs = join(projectRoot, 'src', 'cli', 'main.ts');
export const fixtures = join(projectRoot, 'test', 'fixtures', 'ingest');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnMarsad(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string | Buffer } = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', mainTs, ...args], {
    cwd: opts.cwd ?? projectRoot,
    env: { ...process.env, CI: '1', MARSAD_DEBUG: '', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (opts.input !== undefined) child.stdin!.end(opts.input);
  else child.stdin!.end();
  return child;
}

export function marsad(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string | Buffer } = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnMarsad(args, opts);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export const tempDir = (prefix = 'marsad-cli-') => mkdtempSync(join(tmpdir(), prefix));

/** /work/shared/seeds or ../shared/seeds from the project root, or null (caller prints "skipped") */
export function seedsDir(): string | null {
  for (const p of ['/work/shared/seeds', resolve(projectRoot, '..', 'shared', 'seeds')]) if (existsSync(p)) return p;
  return null;
}
