import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import { startConsumer, type NatsConnection, type RunningConsumer } from '@ticketing/nats-kit';
import { applyPaymentEvent } from '../app/apply-payment-event';

export const PAYMENT_DURABLE = 'reservation-payment';

/**
 * Turns payment's outcomes into sales and releases: `payment.succeeded` and `payment.failed`,
 * through one durable consumer of `<prefix>.payment.>` (other payment events are acknowledged and
 * ignored). The events this writes go out as soon as its transaction commits.
 */
export function startPaymentConsumer(options: {
  nats: NatsConnection;
  orm: MikroORM;
  stream: string;
  subjectPrefix: string;
  logger: Logger;
  now(): Date;
  /** Wakes the outbox relay once the events' transaction has committed. */
  wakeOutboxRelay(): void;
}): Promise<RunningConsumer> {
  const logger = options.logger.child({ component: 'payment-consumer' });
  return startConsumer({
    nats: options.nats,
    orm: options.orm,
    stream: options.stream,
    durable: PAYMENT_DURABLE,
    subjects: [`${options.subjectPrefix}.payment.>`],
    logger,
    afterCommit: options.wakeOutboxRelay,
    handle: async (event, em) => {
      const result = await applyPaymentEvent(em, event.type, event.payload, options.now(), logger);
      if (result !== 'skipped') logger.info({ eventId: event.id, type: event.type, result }, 'payment event');
    },
  });
}
