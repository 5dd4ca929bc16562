import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertEventType } from './envelope';

export interface NewEvent {
  type: string;
  payload: object;
}

/**
 * Records an event in the caller's transaction: it is published if and only if the change
 * that caused it commits. Call inside `em.transactional(...)`.
 */
export async function enqueueEvent(em: EntityManager, event: NewEvent): Promise<string> {
  assertEventType(event.type);
  const id = randomUUID();
  await em
    .getConnection()
    .execute(
      'insert into outbox (id, type, payload) values (?, ?, ?)',
      [id, event.type, JSON.stringify(event.payload)],
      'run',
      em.getTransactionContext(),
    );
  return id;
}
