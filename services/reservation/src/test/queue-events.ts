import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { EventEnvelope, NatsConnection } from '@ticketing/nats-kit';
import { createQueueTokens } from '@ticketing/queue-tokens';
import { queryOnce } from '@ticketing/testing';
import type { ReservationApp } from '../app';
import { TEST_QUEUE_TOKEN_SECRET, eventually, sessionPayload } from './harness';

const tokens = createQueueTokens(TEST_QUEUE_TOKEN_SECRET);

/** A token as the queue would give `userId` for `place` in the session's line. */
export const queueTokenOf = (userId: string, sessionId: string, place: number, secret = TEST_QUEUE_TOKEN_SECRET) =>
  (secret === TEST_QUEUE_TOKEN_SECRET ? tokens : createQueueTokens(secret)).sign({
    sessionId,
    userId,
    place,
    issuedAt: Date.now(),
    nonce: randomUUID(),
  });

/** Publishes an event as another service's relay does, in the standard envelope. */
export async function publishEvent(nc: NatsConnection, prefix: string, type: string, payload: object, msgID?: string) {
  const id = randomUUID();
  const envelope: EventEnvelope = { id, type, occurredAt: new Date().toISOString(), payload };
  await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(envelope), { msgID: msgID ?? id });
}

/** A session with its waiting room on, created as catalog creates every session: by its event. */
export async function queuedSession(sys: { nc: NatsConnection; prefix: string; url: string }, totalStock = 10) {
  const session = sessionPayload({ queueEnabled: true, totalStock });
  await publishEvent(sys.nc, sys.prefix, 'catalog.session.created', session);
  await eventually(
    async () =>
      (await queryOnce(sys.url, 'select 1 from stock where session_id = $1 and queue_enabled', [session.sessionId]))
        .length === 1,
  );
  return session.sessionId;
}

/** One widening of the window, as the queue's mover publishes it (the same step twice is dropped by the server). */
export async function advanceWindow(
  sys: { nc: NatsConnection; prefix: string },
  step: { sessionId: string; from: number; upTo: number; expiresAt?: number },
) {
  const expiresAt = step.expiresAt ?? Date.now() + 120_000;
  await publishEvent(
    sys.nc,
    sys.prefix,
    'queue.window.advanced',
    {
      sessionId: step.sessionId,
      from: step.from,
      upTo: step.upTo,
      admittedAt: new Date().toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    },
    `${step.sessionId}:${step.upTo}`,
  );
}

/** Waits until the instance has learnt the window up to `upTo`. */
export const knowsWindow = (app: ReservationApp, sessionId: string, upTo: number) =>
  eventually(async () => app.deps.admission.stepsOf(sessionId).some((s) => s.upTo >= upTo));
