import type { Logger } from '@ticketing/logger';
import { startReplayReader, type NatsConnection, type ReplayReader } from '@ticketing/nats-kit';
import { parseWindowAdvanced, type AdmissionWindows } from '../domain/admission-windows';

/**
 * Feeds this process's admitted windows from `queue.window.advanced`: every replica reads every
 * step (an ordered consumer of its own, not the shared durable one), from far enough back that
 * every admission still usable is among them. Resolves once the steps stored before the start are
 * applied, so a restarted replica serves holds only with its windows rebuilt.
 */
export async function startQueueWindowReader(options: {
  nats: NatsConnection;
  stream: string;
  subjectPrefix: string;
  /** More than the queue's longest admission TTL. */
  lookbackSec: number;
  windows: AdmissionWindows;
  now(): Date;
  logger: Logger;
  catchUpTimeoutMs?: number;
}): Promise<ReplayReader> {
  const logger = options.logger.child({ component: 'queue-windows' });
  let steps = 0;
  const reader = await startReplayReader({
    nats: options.nats,
    stream: options.stream,
    subjects: [`${options.subjectPrefix}.queue.window.advanced`],
    // The stream's clock, not the service's (which tests may move).
    since: new Date(Date.now() - options.lookbackSec * 1000),
    logger,
    handle: (event) => {
      const step = parseWindowAdvanced(event.payload);
      if (!step) {
        logger.warn({ eventId: event.id }, 'queue window step unusable, skipped');
        return;
      }
      if (options.windows.apply(step, options.now().getTime())) steps++;
    },
  });
  const timeoutMs = options.catchUpTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  const result = await Promise.race([reader.caughtUp, late]);
  clearTimeout(timer);
  if (result === 'late') {
    await reader.stop();
    throw new Error(`queue windows: the stream was not read up to its end within ${timeoutMs} ms`);
  }
  logger.info({ steps }, 'queue windows rebuilt');
  return reader;
}
