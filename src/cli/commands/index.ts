/**
 * Every `marsad` command, one file each. To add one: write `commands/<name>.ts` exporting a
 * function that returns a commander `Command` (use withDb/withJson from ../options.ts), and
 * add it to COMMANDS below.
 */
import type { Command } from 'commander';
import { ingestCommand } from './ingest.ts';
import { runCommand } from './run.ts';
import { listCommand } from './list.ts';
import { showCommand } from './show.ts';
import { statsCommand } from './stats.ts';
import { exportCommand } from './export.ts';
import { cleanCommand } from './clean.ts';
import { reuseCommand } from './reuse.ts';
import { entitiesCommand, entityCommand } from './entities.ts';
import { reportCommand } from './report.ts';
import { quotesCommand } from './quotes.ts';
import { timelineCommand } from './timeline.ts';
import { serveCommand } from './serve.ts';
import { enqueueCommand, workerCommand } from './worker.ts';
import { watchCommand } from './watch.ts';
import { storiesCommand, storyCommand } from './stories.ts';

export const COMMANDS: (() => Command)[] = [
  ingestCommand,
  runCommand,
  listCommand,
  showCommand,
  statsCommand,
  exportCommand,
  cleanCommand,
  reuseCommand,
  entitiesCommand,
  entityCommand,
  reportCommand,
  quotesCommand,
  timelineCommand,
  serveCommand,
  enqueueCommand,
  workerCommand,
  watchCommand,
  storiesCommand,
  storyCommand,
];

export function registerCommands(program: Command): void {
  for (const make of COMMANDS) program.addCommand(make());
}
