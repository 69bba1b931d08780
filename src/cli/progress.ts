/**
 * A progress bar on stderr for long runs only: never in pipes, under CI, or with --no-progress,
 * and only once a run has lasted more than a second (short runs print nothing extra).
 */
import cliProgress from 'cli-progress';

export function progressEnabled(flag: boolean | undefined): boolean {
  return flag !== false && !!process.stderr.isTTY && !process.env.CI && process.env.MARSAD_TEST !== '1';
}

export interface Progress {
  update(value: number, total: number, payload: Record<string, string | number>): void;
  stop(): void;
}

export function makeProgress(enabled: boolean, format: string, delayMs = 1000): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const started = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(value, total, payload) {
      if (!bar) {
        if (Date.now() - started < delayMs) return;
        bar = new cliProgress.SingleBar({ format, stream: process.stderr, hideCursor: true, clearOnComplete: true, fps: 5 }, cliProgress.Presets.shades_classic);
        bar.start(total, value, payload);
      }
      bar.setTotal(total);
      bar.update(value, payload);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
