import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@ticketing/logger';
import { decodeEnvelope, type EventEnvelope } from './envelope';

export interface ReplayReaderOptions {
  nats: NatsConnection;
  stream: string;
  /** Full subjects including the prefix; wildcards allowed. */
  subjects: string[];
  /** Reading starts with the first message the stream stored at or after this time. */
  since: Date;
  /** For state kept in memory: synchronous, and a throw skips only that event. */
  handle: (event: EventEnvelope) => void;
  logger: Logger;
}

export interface ReplayReader {
  /** Resolves once every message the stream held when the reader started has been handled. */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Every process reads every event, from a point in time: an ordered (ephemeral) consumer of its
 * own, unlike the durable consumers that share a subject's events between replicas. For state
 * each process rebuilds in memory at start-up and keeps current; no acks, no inbox (the handler
 * must take a repeated event calmly). The server forgets the consumer a while after the process.
 */
export async function startReplayReader(options: ReplayReaderOptions): Promise<ReplayReader> {
  const { subjects } = options;
  const consumer = await jetstream(options.nats).consumers.get(options.stream, {
    // One subject as filter_subject works on every NATS 2.9+, as for the durable consumers.
    filter_subjects: subjects.length === 1 ? subjects[0]! : subjects,
    opt_start_time: options.since.toISOString(),
  });
  const pendingAtStart = (await consumer.info(true)).num_pending;
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  if (pendingAtStart === 0) markCaughtUp();

  const messages = await consumer.consume();
  const done = (async () => {
    let read = 0;
    for await (const message of messages) {
      read++;
      const event = decodeEnvelope(message.data);
      if (!event) {
        options.logger.warn({ subject: message.subject, seq: message.seq }, 'replay reader: undecodable event skipped');
      } else {
        try {
          options.handle(event);
        } catch (error) {
          options.logger.warn({ err: error, eventId: event.id, type: event.type }, 'replay reader: event not applied');
        }
      }
      if (read >= pendingAtStart || message.info.pending === 0) markCaughtUp();
    }
  })();
  return {
    caughtUp,
    stop: async () => {
      messages.stop();
      await done;
      await consumer.delete().catch(() => undefined);
    },
  };
}
