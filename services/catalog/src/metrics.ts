import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@ticketing/logger';
import {
  consumerPendingMetrics,
  createRegistry,
  grpcServerMetrics,
  outboxMetrics,
  type OnCallEnd,
  type Registry,
} from '@ticketing/metrics';
import { consumerLagReader, readOutboxLag, type NatsConnection } from '@ticketing/nats-kit';
import { STOCK_CHANGED_DURABLE } from './events/stock-changed.consumer';

/** Where the gauges read on scrape; absent when only the metric set is wanted (tests, alert rules). */
export interface CatalogMetricSources {
  orm: MikroORM;
  nats: NatsConnection;
  stream: string;
  logger: Logger;
}

/** gRPC calls, the outbox and the stock consumer: catalog has no business counter of its own. */
export function catalogMetrics(sources?: CatalogMetricSources): { registry: Registry; onCallEnd: OnCallEnd } {
  const registry = createRegistry();
  const onError = (what: string) => (error: unknown) =>
    sources?.logger.warn({ err: error }, `metrics: ${what} not read`);
  outboxMetrics(registry, {
    service: 'catalog',
    read: sources && (() => readOutboxLag(sources.orm)),
    onError: onError('outbox lag'),
  });
  consumerPendingMetrics(registry, {
    read: sources && consumerLagReader(sources.nats, sources.stream, [STOCK_CHANGED_DURABLE]),
    onError: onError('consumer lag'),
  });
  return { registry, onCallEnd: grpcServerMetrics(registry).onCallEnd };
}
