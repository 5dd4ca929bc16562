import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import { inEventTrace, startBatchConsumer, type NatsConnection, type RunningConsumer } from '@ticketing/nats-kit';
import { applyPaymentEvents, type SaleTally } from '../app/apply-payment-event';

export const PAYMENT_DURABLE = 'reservation-payment';

/**
 * Turns payment's outcomes into sales and releases: `payment.succeeded` and `payment.failed`,
 * through one durable consumer of `<prefix>.payment.>` (other payment events are acknowledged and
 * ignored). The events this writes go out as soon as its transaction commits. A burst of payments
 * (a sale's peak) is applied in one transaction (`applyPaymentEvents`): one commit, one inbox
 * insert and a handful of statements per burst instead of per payment. A burst that fails is
 * retried one event per transaction (nats-kit), so one payment that cannot apply holds up only itself.
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
  /** Counts the tickets a committed transaction sold. */
  ticketsSold(count: number): void;
}): Promise<RunningConsumer> {
  const logger = options.logger.child({ component: 'payment-consumer' });
  // Set by each transaction's handler, counted only if that transaction commits (batches run one at a time).
  let sold: SaleTally = { tickets: 0 };
  return startBatchConsumer({
    nats: options.nats,
    orm: options.orm,
    stream: options.stream,
    durable: PAYMENT_DURABLE,
    subjects: [`${options.subjectPrefix}.payment.>`],
    logger,
    afterCommit: () => {
      options.ticketsSold(sold.tickets);
      sold = { tickets: 0 };
      options.wakeOutboxRelay();
    },
    handleBatch: async (events, em) => {
      sold = { tickets: 0 };
      const results = await applyPaymentEvents(em, events, options.now(), logger, sold);
      events.forEach((event, i) => {
        if (results[i] === 'skipped') return;
        const { holdId, userId } = event.payload as { holdId?: unknown; userId?: unknown };
        // Each line in its own purchase's trace, though the burst shares one transaction.
        inEventTrace(event.traceparent, () =>
          logger.info({ eventId: event.id, action: event.type, outcome: results[i], holdId, userId }, 'payment event'),
        );
      });
    },
  });
}
