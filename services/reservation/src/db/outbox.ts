import { randomUUID } from 'node:crypto';
import { NOTHING, rows, runTogether, type Sql, type Statement } from './sql';

export interface OutgoingEvent {
  type: string;
  payload: object;
}

/**
 * Records a batch's events in the caller's transaction with one multi-row insert into nats-kit's
 * outbox table (its `enqueueEvent` writes one row per call, too slow for a batch of hundreds).
 * The relay publishes them in `seq` order, which is the order given here.
 */
export function outboxStatement(events: readonly OutgoingEvent[]): Statement {
  if (events.length === 0) return NOTHING;
  return {
    sql: `insert into outbox (id, type, payload) values ${rows(events.length, '(?::uuid, ?, ?::jsonb)')}`,
    params: events.flatMap((e) => [randomUUID(), e.type, JSON.stringify(e.payload)]),
  };
}

export async function enqueueEvents(sql: Sql, events: readonly OutgoingEvent[]): Promise<void> {
  await runTogether(sql, [outboxStatement(events)]);
}
