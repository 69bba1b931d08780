/**
 * `npm run bench -- TASK [args]` runs bench/TASK.ts, or every bench when no task is given. Each
 * bench prints its figures and rewrites its own section of docs/BENCH.md (see evals/report.ts).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTasks } from '../evals/tasks.ts';

await runTasks('bench', dirname(fileURLToPath(import.meta.url)), process.argv.slice(2));
