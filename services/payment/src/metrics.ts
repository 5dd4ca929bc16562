import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import {
  consumerPendingMetrics,
  counter,
  createRegistry,
  grpcServerMetrics,
  outboxMetrics,
  type OnCallEnd,
  type Registry,
} from '@ticketing/metrics';
import { consumerLagReader, readOutboxLag, type NatsConnection } from '@ticketing/nats-kit';
import type { PaymentCounters } from './app/deps';
import { REFUND_REQUESTED_DURABLE } from './events/refund-requested.consumer';

/** Where the gauges read on scrape; absent when only the metric set is wanted (tests, alert rules). */
export interface PaymentMetricSources {
  orm: MikroORM;
  nats: NatsConnection;
  stream: string;
  logger: Logger;
}

export interface PaymentMetrics {
  registry: Registry;
  counters: PaymentCounters;
  onCallEnd: OnCallEnd;
}

export function paymentMetrics(sources?: PaymentMetricSources): PaymentMetrics {
  const registry = createRegistry();
  const onError = (what: string) => (error: unknown) =>
    sources?.logger.warn({ err: error }, `metrics: ${what} not read`);
  const payments = counter(registry, {
    name: 'ticketing_payments_total',
    help: 'Payments that reached a status by a provider webhook: succeeded, failed, refunded.',
    labelNames: ['outcome'],
  });
  const callbacks = counter(registry, {
    name: 'ticketing_payment_callbacks_total',
    help: 'Provider webhooks handled, by result: APPLIED, DUPLICATE, IGNORED, or the code they were refused with.',
    labelNames: ['result'],
  });
  outboxMetrics(registry, {
    service: 'payment',
    read: sources && (() => readOutboxLag(sources.orm)),
    onError: onError('outbox lag'),
  });
  consumerPendingMetrics(registry, {
    read: sources && consumerLagReader(sources.nats, sources.stream, [REFUND_REQUESTED_DURABLE]),
    onError: onError('consumer lag'),
  });
  // A handful of values each: children made on first use and kept.
  const byOutcome = new Map<string, { inc(): void }>();
  const byResult = new Map<string, { inc(): void }>();
  // Shown as 0 from the start, so the success-rate ratio has its series before the first payment.
  for (const outcome of ['succeeded', 'failed']) payments.inc({ outcome }, 0);
  const counters: PaymentCounters = {
    callbackHandled(result) {
      let child = byResult.get(result);
      if (!child) byResult.set(result, (child = callbacks.labels(result)));
      child.inc();
    },
    paymentReached(status) {
      let child = byOutcome.get(status);
      if (!child) byOutcome.set(status, (child = payments.labels(status.toLowerCase())));
      child.inc();
    },
  };
  return { registry, counters, onCallEnd: grpcServerMetrics(registry).onCallEnd };
}
