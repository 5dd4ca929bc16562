import { randomUUID } from 'node:crypto';
import { NOTHING, rows, runTogether, type SqlOrEm, type Statement } from '@ticketing/db';
import { assertEventType } from './envelope';
import { currentTraceparent } from './trace-context';

export interface NewEvent {
  type: string;
  payload: object;
  /**
   * The trace the event continues. Default: the active one. A change made on behalf of an earlier
   * request (a payment's webhook, for its checkout) passes that request's, stored with the object.
   */
  traceparent?: string | null;
}

/** The insert, with the event ids it gives (one per event, in order). */
export interface OutboxStatement extends Statement {
  ids: string[];
}

/**
 * One multi-row insert into the outbox for a whole batch, to run alone or together with the
 * change that caused it (`runTogether`). The relay publishes in `seq` order, the order given.
 * A malformed type throws here, before anything is written: the relay could never route it.
 */
export function outboxStatement(events: readonly NewEvent[]): OutboxStatement {
  for (const event of events) assertEventType(event.type);
  if (events.length === 0) return { ...NOTHING, ids: [] };
  const ids = events.map(() => randomUUID());
  const active = currentTraceparent();
  return {
    sql: `insert into outbox (id, type, payload, traceparent) values ${rows(events.length, '(?::uuid, ?, ?::jsonb, ?)')}`,
    params: events.flatMap((e, i) => [ids[i], e.type, JSON.stringify(e.payload), e.traceparent ?? active]),
    ids,
  };
}

/**
 * Records events in the caller's transaction: they are published if and only if the change
 * that caused them commits. Returns their ids.
 */
export async function enqueueEvents(db: SqlOrEm, events: readonly NewEvent[]): Promise<string[]> {
  const statement = outboxStatement(events);
  await runTogether(db, [statement]);
  return statement.ids;
}
