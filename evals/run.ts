/**
 * `npm run eval -- TASK [args]` runs evals/TASK.ts, or every eval when no task is given. Each
 * eval prints its table and rewrites its own section of docs/EVAL.md (see evals/report.ts).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTasks } from './tasks.ts';

await runTasks('eval', dirname(fileURLToPath(import.meta.url)), process.argv.slice(2));
