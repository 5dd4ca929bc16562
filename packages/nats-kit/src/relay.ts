import type { MikroORM } from '@mikro-orm/postgresql';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@ticketing/logger';
import { injectInto, startPublishSpan } from './trace-context';

export interface OutboxRelayOptions {
  orm: MikroORM;
  nats: NatsConnection;
  /** Prepended to each event type to form the subject, e.g. `ticketing` → `ticketing.catalog.session.created`. */
  subjectPrefix: string;
  logger: Logger;
  /**
   * How long an idle relay waits before looking again when nobody kicks it. Only a fallback (a commit
   * by another replica or a script, a kick lost to a crash): local commits kick. Default 1 s.
   */
  pollIntervalMs?: number;
  batchSize?: number;
}

export interface OutboxRelay {
  /**
   * Wake the relay now (after a commit) instead of waiting for the next poll; during a flush, another
   * flush follows it at once. After a failed publish it waits out the poll interval all the same.
   */
  kick(): void;
  /** Publish everything pending; resolves with how many events went out. */
  flush(): Promise<number>;
  /** Stop polling, then publish what is left (best effort). */
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  type: string;
  /** The jsonb as PostgreSQL's JSON text: put into the envelope as is, never parsed and re-serialised here. */
  payload: string;
  occurred_at: Date;
  traceparent: string | null;
}

/** The JSON of an `EventEnvelope`, with the payload already JSON text. */
function envelopeJson(row: OutboxRow): string {
  const occurredAt = new Date(row.occurred_at).toISOString();
  return `{"id":${JSON.stringify(row.id)},"type":${JSON.stringify(row.type)},"occurredAt":"${occurredAt}","payload":${row.payload}}`;
}

/**
 * Publishes outbox rows to JetStream, then marks them. A crash between the two publishes the
 * row again on the next run; `Nats-Msg-Id` = event id lets the server drop the duplicate, and
 * consumers' inboxes catch any that arrive after the server's de-duplication window.
 * `FOR UPDATE SKIP LOCKED` lets several replicas relay at once without sending a row twice.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const js = jetstream(options.nats);
  const batchSize = options.batchSize ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  let stopped = false;
  // A kick during a flush may come after that flush last looked: it is remembered, not dropped.
  let kicked = false;
  let backingOff = false;
  /** Ends the current idle wait early. */
  let wake: (() => void) | undefined;

  const publishBatch = () =>
    options.orm.em.fork().transactional(async (em) => {
      const connection = em.getConnection();
      const context = em.getTransactionContext();
      const rows: OutboxRow[] = await connection.execute(
        'select id, type, payload::text as payload, occurred_at, traceparent from outbox where published_at is null order by seq limit ? for update skip locked',
        [batchSize],
        'all',
        context,
      );
      // The whole batch is in flight at once and its acks awaited together: one round trip per
      // batch instead of per event. Order within a batch is not promised (stock.changed carries a version).
      await Promise.all(rows.map((row) => publish(row)));
      if (rows.length > 0) {
        // One array parameter rather than one placeholder per row: a batch is up to `batchSize` rows.
        await connection.execute(
          'update outbox set published_at = now() where id = any(?::uuid[])',
          [`{${rows.map((r) => r.id).join(',')}}`],
          'run',
          context,
        );
      }
      return rows.length;
    });

  /** One event, in a producer span of the trace that wrote it; the span's context travels as headers. */
  const publish = async (row: OutboxRow) => {
    const subject = `${options.subjectPrefix}.${row.type}`;
    const span = startPublishSpan(subject, row.traceparent);
    try {
      const traceHeaders = headers();
      injectInto(traceHeaders, span);
      await js.publish(subject, envelopeJson(row), { msgID: row.id, headers: traceHeaders });
    } finally {
      span.end();
    }
  };

  const flush = async () => {
    let total = 0;
    for (let sent = await publishBatch(); sent > 0; sent = await publishBatch()) total += sent;
    return total;
  };

  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollIntervalMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    while (!stopped) {
      kicked = false;
      try {
        await flush();
        backingOff = false;
      } catch (error) {
        backingOff = true;
        options.logger.warn({ err: (error as Error).message }, 'outbox relay: publish failed, will retry');
      }
      if (stopped) break;
      if (backingOff || !kicked) await idle();
    }
  })();

  return {
    kick: () => {
      kicked = true;
      // After a failure the relay waits out the interval: during a NATS outage, every commit must not retry at once.
      if (!backingOff) wake?.();
    },
    flush,
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
      await flush().catch((error: Error) =>
        options.logger.warn({ err: error.message }, 'outbox relay: final flush failed'),
      );
    },
  };
}
