import type { Logger } from '@ticketing/logger';
import {
  consumerPendingMetrics,
  counter,
  createRegistry,
  grpcServerMetrics,
  scrapeGauge,
  type OnCallEnd,
  type Registry,
} from '@ticketing/metrics';
import { consumerLagReader, type NatsConnection } from '@ticketing/nats-kit';
import type { QueueCounters } from './app/deps';
import { CATALOG_SESSIONS_DURABLE, STOCK_DURABLE } from './events/queue-facts.consumers';
import type { QueueStore } from './redis/queue-store';

/**
 * Lines reported by the waiting gauge. Each is a series of its own, and a scrape must stay a
 * bounded number of Redis reads; only lines with people waiting are active, far fewer than this.
 */
const LINES_REPORTED = 200;

/** Where the gauges read on scrape; absent when only the metric set is wanted (tests, alert rules). */
export interface QueueMetricSources {
  store: QueueStore;
  nats: NatsConnection;
  stream: string;
  logger: Logger;
}

export interface QueueMetrics {
  registry: Registry;
  counters: QueueCounters;
  /** For the mover: places admitted by a committed step. */
  admitted(places: number): void;
  onCallEnd: OnCallEnd;
}

export function queueMetrics(sources?: QueueMetricSources): QueueMetrics {
  const registry = createRegistry();
  const onError = (what: string) => (error: unknown) =>
    sources?.logger.warn({ err: error }, `metrics: ${what} not read`);
  const entered = counter(registry, {
    name: 'ticketing_queue_entered_total',
    help: 'New places taken in waiting lines (entering again with a place still good is not counted).',
  });
  const admitted = counter(registry, {
    name: 'ticketing_queue_admitted_total',
    help: 'Places admitted by the window, counted once by the mover that committed the step.',
  });
  const expired = counter(registry, {
    name: 'ticketing_queue_expired_total',
    help: 'Admissions that ran out, counted when their user comes back for a new place (others cannot be seen here).',
  });
  scrapeGauge(registry, {
    name: 'ticketing_queue_waiting',
    help: `People waiting and not yet admitted, per session with people waiting (at most ${LINES_REPORTED}).`,
    labelNames: ['session_id'],
    read:
      sources &&
      (async () =>
        (await sources.store.waitingCounts(LINES_REPORTED)).map((line) => ({
          labels: { session_id: line.sessionId },
          value: line.waiting,
        }))),
    onError: onError('waiting lines'),
  });
  consumerPendingMetrics(registry, {
    read: sources && consumerLagReader(sources.nats, sources.stream, [CATALOG_SESSIONS_DURABLE, STOCK_DURABLE]),
    onError: onError('consumer lag'),
  });
  return {
    registry,
    counters: { entered: () => entered.inc(), admissionLapsed: () => expired.inc() },
    admitted: (places) => admitted.inc(places),
    onCallEnd: grpcServerMetrics(registry).onCallEnd,
  };
}
