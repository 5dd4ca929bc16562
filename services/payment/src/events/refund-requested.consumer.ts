import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import { startConsumer, type NatsConnection, type RunningConsumer } from '@ticketing/nats-kit';
import type { PaymentDeps } from '../app/deps';
import { readRefundRequest, requestRefund } from '../app/request-refund';

export const REFUND_REQUESTED_DURABLE = 'payment-refunds';
export const REFUND_REQUESTED = 'reservation.refund.requested';

/**
 * Refunds what reservation asks to refund (a cancellation, a sale it could not honour). Each event
 * applies once (inbox); a failed provider call rolls the transaction back and the event comes
 * back after the consumer's retry delay.
 */
export function startRefundRequestedConsumer(options: {
  nats: NatsConnection;
  orm: MikroORM;
  stream: string;
  subjectPrefix: string;
  logger: Logger;
  deps: PaymentDeps;
  retryDelayMs?: number;
}): Promise<RunningConsumer> {
  const logger = options.logger.child({ component: 'refund-consumer' });
  return startConsumer({
    nats: options.nats,
    orm: options.orm,
    stream: options.stream,
    durable: REFUND_REQUESTED_DURABLE,
    subjects: [`${options.subjectPrefix}.${REFUND_REQUESTED}`],
    logger,
    retryDelayMs: options.retryDelayMs,
    afterCommit: options.deps.wakeOutboxRelay,
    handle: async (event, em) => {
      const request = readRefundRequest(event.payload);
      // A payload that can never apply is dropped, not retried: it would only come back the same.
      const result = request ? await requestRefund(options.deps, em, request) : 'malformed';
      const level = result === 'malformed' || result === 'no-payment' || result === 'nothing-charged' ? 'warn' : 'info';
      logger[level]({ eventId: event.id, holdId: request?.holdId, result }, 'refund requested');
    },
  });
}
