import type { Logger } from '@ticketing/logger';

export interface Ticker {
  /** Stops ticking; resolves after the tick in progress, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `job` every `intervalMs`, never two at once: the next tick is planned when one ends, so a
 * slow tick (Redis or NATS lagging) delays the next instead of piling up. A failing tick is logged.
 */
export function startTicker(intervalMs: number, job: () => Promise<void>, logger: Logger): Ticker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    const started = Date.now();
    running = job()
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'queue tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, Math.max(0, intervalMs - (Date.now() - started)));
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
