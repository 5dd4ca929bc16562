import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import { startConsumer, type NatsConnection, type RunningConsumer } from '@ticketing/nats-kit';
import { applySessionEvent } from '../app/apply-session-event';

export const CATALOG_SESSION_DURABLE = 'reservation-catalog';

/**
 * Builds stock and seats from catalog's `catalog.session.*` events. The stock.changed events this
 * writes go out on the relay's next poll: the handler runs before its transaction commits, so
 * it has no moment at which waking the relay would help.
 */
export function startCatalogSessionConsumer(options: {
  nats: NatsConnection;
  orm: MikroORM;
  stream: string;
  subjectPrefix: string;
  logger: Logger;
  now(): Date;
}): Promise<RunningConsumer> {
  const logger = options.logger.child({ component: 'catalog-consumer' });
  return startConsumer({
    nats: options.nats,
    orm: options.orm,
    stream: options.stream,
    durable: CATALOG_SESSION_DURABLE,
    subjects: [`${options.subjectPrefix}.catalog.session.>`],
    logger,
    handle: async (event, em) => {
      const result = await applySessionEvent(em, event.type, event.payload, options.now(), logger);
      logger.info({ eventId: event.id, type: event.type, result }, 'catalog session event');
    },
  });
}
