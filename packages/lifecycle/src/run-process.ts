import closeWithGrace from 'close-with-grace';

export interface RunningProcess {
  /** Stops accepting work, finishes what is in flight, closes pools. */
  stop(): Promise<void>;
  logger: { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}

/**
 * The shape of every main.ts: boot, then stop cleanly on SIGTERM/SIGINT within `graceMs`.
 * A boot failure (bad config, unreachable database) exits 1 with one readable line on stderr.
 * Signal handlers are installed before booting, so a SIGTERM during boot waits for it, then stops.
 */
export function runProcess(name: string, boot: () => Promise<RunningProcess>, graceMs = 10_000): void {
  // Handlers go in before boot runs a single line: a signal that arrives before a handler
  // exists is handled by the OS default, which kills the process with nothing cleaned up.
  closeWithGrace({ delay: graceMs, logger: false }, async ({ signal, err }) => {
    // Signals arrive on a later turn of the event loop, when `booting` is already assigned.
    const running = await booting;
    if (err) running.logger.error({ err }, `${name}: stopping after an uncaught error`);
    else running.logger.info({ signal }, `${name}: stopping`);
    await running.stop();
    running.logger.info({}, `${name}: stopped`);
  });
  const booting = boot();
  booting.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: failed to start: ${message}\n`);
    process.exit(1);
  });
}
