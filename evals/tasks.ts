/**
 * The runner behind `npm run eval -- TASK` and `npm run bench -- TASK`: each TASK.ts in the
 * folder exports `run(args)`; without a TASK every one runs. Files starting with `_`, and the
 * runner files themselves, are helpers, not tasks.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export async function runTasks(kind: 'eval' | 'bench', dir: string, argv: string[]): Promise<void> {
  const tasks = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !['run.ts', 'report.ts', 'tasks.ts'].includes(f) && !f.startsWith('_'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  const [task, ...rest] = argv;
  if (task && !tasks.includes(task)) {
    console.error(`unknown ${kind} "${task}"; available: ${tasks.join(', ')}`);
    process.exit(2);
  }
  for (const t of task ? [task] : tasks) {
    const mod = (await import(join(dir, `${t}.ts`))) as { run: (args: string[]) => Promise<void> };
    console.log(`\n=== ${kind} ${t}`);
    await mod.run(rest);
  }
}
