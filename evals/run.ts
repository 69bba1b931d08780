/**
 * `npm run eval -- TASK [args]` runs evals/TASK.ts (each exports `run(args)`), or every
 * eval when no task is given. Each eval prints its table and rewrites its own section of
 * docs/EVAL.md (see evals/report.ts).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tasks = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'report.ts'].includes(f) && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const [task, ...rest] = process.argv.slice(2);
if (task && !tasks.includes(task)) {
  console.error(`unknown eval "${task}"; available: ${tasks.join(', ')}`);
  process.exit(2);
}
for (const t of task ? [task] : tasks) {
  const mod = (await import(join(here, `${t}.ts`))) as { run: (args: string[]) => Promise<void> };
  console.log(`\n=== eval ${t}`);
  await mod.run(rest);
}
