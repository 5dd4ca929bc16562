import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@ticketing/logger';
import type { RunningConsumer } from './consumer';
import { decodeEnvelope, type EventEnvelope } from './envelope';

export interface IdempotentConsumerOptions {
  nats: NatsConnection;
  stream: string;
  /** Durable name: one per consuming service and purpose. Replicas sharing it share the events. */
  durable: string;
  /** Full subjects including the prefix; wildcards allowed. One subject works on every NATS 2.9+. */
  subjects: string[];
  logger: Logger;
  /**
   * Must be safe to run twice for one event (e.g. a compare-and-set on a version): there is no
   * inbox, so an event whose ack was lost comes again. Throwing retries it after `retryDelayMs`.
   */
  handle: (event: EventEnvelope) => Promise<void>;
  retryDelayMs?: number;
  maxDeliver?: number;
}

/**
 * A durable pull consumer for services without a database (the queue keeps Redis only): decode,
 * handle, ack, one event at a time in stream order. A failure is nak'ed with a delay; an
 * undecodable message can never succeed, so it is terminated instead of retried.
 */
export async function startIdempotentConsumer(options: IdempotentConsumerOptions): Promise<RunningConsumer> {
  const jsm = await jetstreamManager(options.nats);
  const filter =
    options.subjects.length === 1 ? { filter_subject: options.subjects[0] } : { filter_subjects: options.subjects };
  await jsm.consumers.add(options.stream, {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_deliver: options.maxDeliver ?? 20,
    ack_wait: 30_000_000_000,
    ...filter,
  });
  const consumer = await jetstream(options.nats).consumers.get(options.stream, options.durable);
  const messages = await consumer.consume({ max_messages: 100 });
  const done = (async () => {
    for await (const message of messages) await handleOne(message, options);
  })();
  return {
    stop: async () => {
      messages.stop();
      await done;
    },
  };
}

async function handleOne(message: JsMsg, options: IdempotentConsumerOptions): Promise<void> {
  const event = decodeEnvelope(message.data);
  if (!event) {
    options.logger.error({ subject: message.subject, seq: message.seq }, 'consumer: undecodable event terminated');
    // No reason text: NATS 2.9 does not read `+TERM <reason>` as a term, and would redeliver the message.
    message.term();
    return;
  }
  try {
    await options.handle(event);
    message.ack();
  } catch (error) {
    options.logger.warn(
      { eventId: event.id, type: event.type, err: (error as Error).message, deliveries: message.info.deliveryCount },
      'consumer: handling failed, will retry',
    );
    message.nak(options.retryDelayMs ?? 1000);
  }
}
