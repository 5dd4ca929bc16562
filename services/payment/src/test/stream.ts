import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectNats, decodeEnvelope, streamFor, type EventEnvelope } from '@ticketing/nats-kit';
import { TEST_NATS_URL, eventually, queryOnce } from '@ticketing/testing';
import type { TestPayment } from './harness';

/** Waits until every committed outbox row is published (rows the relay's own loop holds may still be on their way). */
export async function allPublished(sys: TestPayment): Promise<void> {
  await eventually(async () => {
    await sys.app.relay.flush();
    return (
      (await queryOnce<{ n: number }>(sys.url, 'select count(*)::int as n from outbox where published_at is null'))[0]!
        .n === 0
    );
  });
}

/** Every event in the stream whose type starts with `typePrefix`, in stream order. */
export async function publishedEvents(prefix: string, typePrefix = ''): Promise<Array<EventEnvelope<any>>> {
  const nc = await connectNats(TEST_NATS_URL, 'payment-test-reader');
  try {
    const jsm = await jetstreamManager(nc);
    const stream = streamFor(prefix).name;
    const { state } = await jsm.streams.info(stream);
    const events: Array<EventEnvelope<any>> = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      const event = message ? decodeEnvelope(message.data) : null;
      if (event && event.type.startsWith(typePrefix)) events.push(event);
    }
    return events;
  } finally {
    await nc.close();
  }
}

/**
 * Publishes an event as another service's relay does, in the standard envelope. Give `id` to
 * send the same event again (a redelivery the server's de-duplication window no longer catches).
 */
export async function publishEvent(prefix: string, type: string, payload: object, id: string = randomUUID()) {
  const nc = await connectNats(TEST_NATS_URL, 'payment-test-publisher');
  try {
    const envelope: EventEnvelope = { id, type, occurredAt: new Date().toISOString(), payload };
    await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(envelope), { msgID: randomUUID() });
  } finally {
    await nc.close();
  }
  return id;
}
