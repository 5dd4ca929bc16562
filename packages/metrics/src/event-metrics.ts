import type { Registry } from 'prom-client';
import { scrapeGauge } from './registry';

interface OnError {
  onError?: (error: unknown) => void;
}

/**
 * The outbox of one service: rows the relay has not published yet and how long the oldest has
 * waited. `read` runs on scrape (one SQL statement); without it the gauges are only declared.
 */
export function outboxMetrics(
  registry: Registry,
  options: { service: string; read?: () => Promise<{ backlog: number; oldestAgeSeconds: number }> } & OnError,
): void {
  const { service, read, onError } = options;
  // One read serves both gauges of a scrape: prom-client starts every collect of a scrape at once.
  let current: Promise<{ backlog: number; oldestAgeSeconds: number }> | undefined;
  const once =
    read &&
    (() =>
      (current ??= read().finally(() => {
        current = undefined;
      })));
  scrapeGauge(registry, {
    name: 'ticketing_outbox_backlog',
    help: 'Outbox rows not yet published to JetStream.',
    labelNames: ['service'],
    read: once && (async () => [{ labels: { service }, value: (await once()).backlog }]),
    onError,
  });
  scrapeGauge(registry, {
    name: 'ticketing_outbox_oldest_age_seconds',
    help: 'Seconds the oldest unpublished outbox row has waited (0 when none waits).',
    labelNames: ['service'],
    read: once && (async () => [{ labels: { service }, value: (await once()).oldestAgeSeconds }]),
    onError,
  });
}

/** Messages each durable consumer of the process has not taken or not acknowledged yet, read on scrape. */
export function consumerPendingMetrics(
  registry: Registry,
  options: { read?: () => Promise<Array<{ stream: string; consumer: string; pending: number }>> } & OnError = {},
): void {
  const { read, onError } = options;
  scrapeGauge(registry, {
    name: 'ticketing_consumer_pending',
    help: 'JetStream messages a durable consumer has pending: not yet delivered plus delivered and not acknowledged.',
    labelNames: ['stream', 'consumer'],
    read:
      read &&
      (async () =>
        (await read()).map((lag) => ({ labels: { stream: lag.stream, consumer: lag.consumer }, value: lag.pending }))),
    onError,
  });
}
