import type { MikroORM } from '@mikro-orm/postgresql';
import { Sql } from '@ticketing/db';
import type { Logger } from '@ticketing/logger';
import {
  consumerPendingMetrics,
  counter,
  createRegistry,
  grpcServerMetrics,
  outboxMetrics,
  scrapeGauge,
  type OnCallEnd,
  type Registry,
} from '@ticketing/metrics';
import { consumerLagReader, readOutboxLag, type NatsConnection } from '@ticketing/nats-kit';
import type { ReservationCounters } from './app/deps';
import { StockRepository } from './db/stock.repository';
import { CATALOG_SESSION_DURABLE } from './events/catalog-session.consumer';
import { PAYMENT_DURABLE } from './events/payment.consumer';

/**
 * Sessions reported by the remaining-stock gauge. Each is a series of its own: sessions whose
 * sales are over would otherwise pile up for ever, and a scrape must stay one cheap statement.
 * Sales open at the same moment are far fewer than this.
 */
const STOCK_SESSIONS_REPORTED = 200;

/** Where the gauges read on scrape; absent when only the metric set is wanted (tests, alert rules). */
export interface ReservationMetricSources {
  orm: MikroORM;
  nats: NatsConnection;
  stream: string;
  logger: Logger;
  now(): Date;
}

export interface ReservationMetrics {
  registry: Registry;
  counters: ReservationCounters;
  onCallEnd: OnCallEnd;
}

export function reservationMetrics(sources?: ReservationMetricSources): ReservationMetrics {
  const registry = createRegistry();
  const onError = (what: string) => (error: unknown) =>
    sources?.logger.warn({ err: error }, `metrics: ${what} not read`);
  const holds = counter(registry, {
    name: 'ticketing_holds_total',
    help: 'Hold requests decided, per ticket request: accepted, or rejected with the reason code. Replays are not counted.',
    labelNames: ['outcome', 'reason'],
  });
  const expirations = counter(registry, {
    name: 'ticketing_hold_expirations_total',
    help: 'Holds whose time ran out and whose tickets the sweeper returned.',
  });
  const sold = counter(registry, {
    name: 'ticketing_tickets_sold_total',
    help: 'Tickets sold (held or late sales of successful payments), counted once their transaction committed.',
  });
  scrapeGauge(registry, {
    name: 'ticketing_session_remaining_stock',
    help: `Tickets available per session whose sales are open (at most ${STOCK_SESSIONS_REPORTED} sessions).`,
    labelNames: ['session_id'],
    read:
      sources &&
      (async () => {
        const rows = await new StockRepository(new Sql(sources.orm.em.fork())).remainingOnSale(
          sources.now(),
          STOCK_SESSIONS_REPORTED,
        );
        return rows.map((row) => ({ labels: { session_id: row.sessionId }, value: row.available }));
      }),
    onError: onError('remaining stock'),
  });
  outboxMetrics(registry, {
    service: 'reservation',
    read: sources && (() => readOutboxLag(sources.orm)),
    onError: onError('outbox lag'),
  });
  consumerPendingMetrics(registry, {
    read: sources && consumerLagReader(sources.nats, sources.stream, [CATALOG_SESSION_DURABLE, PAYMENT_DURABLE]),
    onError: onError('consumer lag'),
  });

  const accepted = holds.labels('accepted', 'none');
  // Shown as 0 from the start, so rates and ratios have a series before the first hold.
  accepted.inc(0);
  const rejected = new Map<string, { inc(): void }>();
  const counters: ReservationCounters = {
    holdDecided(refusal) {
      if (refusal === null) {
        accepted.inc();
        return;
      }
      let child = rejected.get(refusal);
      if (!child) rejected.set(refusal, (child = holds.labels('rejected', refusal)));
      child.inc();
    },
    holdsExpired: (count) => expirations.inc(count),
    ticketsSold: (count) => sold.inc(count),
  };
  return { registry, counters, onCallEnd: grpcServerMetrics(registry).onCallEnd };
}
