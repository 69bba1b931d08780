/**
 * A worker process for the kill -9 test: the real pipeline stages, slowed down after the first
 * batch so the parent can kill it while it holds claimed jobs. Prints one JSON line per event.
 * Usage: node --import tsx test/queue/worker-child.ts DB_URL
 */
import { PostgresStore } from '../../src/store/postgres.ts';
import { runWorker } from '../../src/queue/worker.ts';
import { pipelineStages, type WorkerStages } from '../../src/queue/stages.ts';

const store = await PostgresStore.open(process.argv[2]);
const real = pipelineStages();
let batches = 0;
const slow: WorkerStages = {
  ...real,
  name: 'slow',
  async analyse(s, articles) {
    const out = await real.analyse(s, articles);
    if (++batches > 1) {
      process.stdout.write(`${JSON.stringify({ type: 'holding', ids: articles.map((a) => a.id) })}\n`);
      await new Promise((r) => setTimeout(r, 60_000)); // killed here
    }
    return out;
  },
};
await runWorker(store, { stages: slow, batchSize: 20, leaseMs: 60_000, onEvent: (e) => process.stdout.write(`${JSON.stringify(e)}\n`) });
