import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@ticketing/logger';
import { decodeEnvelope, type EventEnvelope } from './envelope';

export interface ConsumerOptions {
  nats: NatsConnection;
  orm: MikroORM;
  stream: string;
  /** Durable name: one per consuming service and purpose; also the inbox's consumer key. */
  durable: string;
  /** Full subjects including the prefix; wildcards allowed. One subject works on every NATS 2.9+. */
  subjects: string[];
  logger: Logger;
  /** Runs inside a transaction together with the inbox insert: both commit or neither. */
  handle: (event: EventEnvelope, em: EntityManager) => Promise<void>;
  retryDelayMs?: number;
  maxDeliver?: number;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

/**
 * A durable pull consumer whose handler runs at most once per event id (inbox table), acks only
 * after the transaction commits, retries failures with a delay, and terminates poison messages.
 */
export async function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
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
    for await (const message of messages) await process(message, options);
  })();
  return {
    stop: async () => {
      messages.stop();
      await done;
    },
  };
}

async function process(message: JsMsg, options: ConsumerOptions): Promise<void> {
  const event = decodeEnvelope(message.data);
  if (!event) {
    options.logger.error({ subject: message.subject, seq: message.seq }, 'consumer: undecodable event terminated');
    message.term('undecodable event');
    return;
  }
  try {
    const applied = await options.orm.em.fork().transactional(async (em) => {
      const inserted: unknown[] = await em
        .getConnection()
        .execute(
          'insert into inbox (consumer, event_id) values (?, ?) on conflict do nothing returning event_id',
          [options.durable, event.id],
          'all',
          em.getTransactionContext(),
        );
      if (inserted.length === 0) return false;
      await options.handle(event, em);
      return true;
    });
    message.ack();
    if (!applied) options.logger.debug({ eventId: event.id, type: event.type }, 'consumer: duplicate event skipped');
  } catch (error) {
    options.logger.warn(
      { eventId: event.id, type: event.type, err: (error as Error).message, deliveries: message.info.deliveryCount },
      'consumer: handling failed, will retry',
    );
    message.nak(options.retryDelayMs ?? 1000);
  }
}
