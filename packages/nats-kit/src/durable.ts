import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface DurableSettings {
  nats: NatsConnection;
  stream: string;
  /** One per consuming service and purpose; replicas that share it share the events. */
  durable: string;
  /** Full subjects including the prefix; wildcards allowed. One subject works on every NATS 2.9+. */
  subjects: string[];
  /**
   * Deliveries before the server gives a message up; unlimited by default. A valid event whose
   * handler keeps failing (a database outage) must wait, not vanish: a dropped `payment.succeeded`
   * would be money without tickets. Messages that can never succeed are terminated by the consumer.
   */
  maxDeliver?: number;
}

/**
 * Creates (or updates) a durable pull consumer with explicit acks and starts consuming it, up to
 * `maxMessages` buffered. Every durable consumer of the project is made here, the same way.
 */
export async function consumeDurable(settings: DurableSettings, maxMessages: number): Promise<ConsumerMessages> {
  const filter =
    settings.subjects.length === 1 ? { filter_subject: settings.subjects[0] } : { filter_subjects: settings.subjects };
  await (
    await jetstreamManager(settings.nats)
  ).consumers.add(settings.stream, {
    durable_name: settings.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_deliver: settings.maxDeliver ?? -1,
    ack_wait: 30_000_000_000,
    ...filter,
  });
  const consumer = await jetstream(settings.nats).consumers.get(settings.stream, settings.durable);
  return consumer.consume({ max_messages: maxMessages });
}
