import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import { startConsumer, type NatsConnection, type RunningConsumer } from '@ticketing/nats-kit';
import { applySessionEvent } from '../app/apply-session-event';

export const CATALOG_SESSION_DURABLE = 'reservation-catalog';

/**
 * Builds stock and seats from catalog's `catalog.session.*` events. The stock.changed events this
 * writes go out as soon as the consumer's transaction commits (`afterCommit` wakes the relay).
 */
export function startCatalogSessionConsumer(options: {
  nats: NatsConnection;
  orm: MikroORM;
  stream: string;
  subjectPrefix: string;
  logger: Logger;
  now(): Date;
  /** Wakes the outbox relay once the events' transaction has committed. */
  wakeOutboxRelay(): void;
}): Promise<RunningConsumer> {
  const logger = options.logger.child({ component: 'catalog-consumer' });
  return startConsumer({
    nats: options.nats,
    orm: options.orm,
    stream: options.stream,
    durable: CATALOG_SESSION_DURABLE,
    subjects: [`${options.subjectPrefix}.catalog.session.>`],
    logger,
    afterCommit: options.wakeOutboxRelay,
    handle: async (event, em) => {
      const result = await applySessionEvent(em, event.type, event.payload, options.now(), logger);
      logger.info({ eventId: event.id, type: event.type, result }, 'catalog session event');
    },
  });
}
