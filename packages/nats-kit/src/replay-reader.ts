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

/** The consumer is gone (a NATS server restart forgets ephemeral consumers): read on from a new one. */
const CONSUMER_LOST = new Set(['consumer_not_found', 'consumer_deleted', 'stream_not_found']);

/**
 * Every process reads every event, from a point in time: an ordered (ephemeral) consumer of its
 * own, unlike the durable consumers that share a subject's events between replicas. For state
 * each process rebuilds in memory at start-up and keeps current; no acks, no inbox (the handler
 * must take a repeated event calmly). The server forgets the consumer a while after the process.
 *
 * A NATS server restart forgets the consumer too, and the client library only retries it, forever
 * (seen in the kill -9 drill: reservation stopped learning admission windows and refused admitted
 * buyers). So a lost consumer is replaced here by a new one that starts after the last sequence read.
 */
export async function startReplayReader(options: ReplayReaderOptions): Promise<ReplayReader> {
  const { subjects } = options;
  const js = jetstream(options.nats);
  // One subject as filter_subject works on every NATS 2.9+, as for the durable consumers.
  const filter_subjects = subjects.length === 1 ? subjects[0]! : subjects;
  let lastSeq = 0;
  const open = () =>
    js.consumers.get(
      options.stream,
      lastSeq > 0
        ? { filter_subjects, opt_start_seq: lastSeq + 1 }
        : { filter_subjects, opt_start_time: options.since.toISOString() },
    );
  let consumer = await open();
  const pendingAtStart = (await consumer.info(true)).num_pending;
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  if (pendingAtStart === 0) markCaughtUp();

  let stopped = false;
  let messages = await consume(consumer);
  const done = (async () => {
    let read = 0;
    while (!stopped) {
      for await (const message of messages) {
        read++;
        lastSeq = message.seq;
        const event = decodeEnvelope(message.data);
        if (!event) {
          options.logger.warn(
            { subject: message.subject, seq: message.seq },
            'replay reader: undecodable event skipped',
          );
        } else {
          try {
            options.handle(event);
          } catch (error) {
            options.logger.warn(
              { err: error, eventId: event.id, type: event.type },
              'replay reader: event not applied',
            );
          }
        }
        if (read >= pendingAtStart || message.info.pending === 0) markCaughtUp();
      }
      if (stopped) break;
      messages = await reopen();
    }
  })();

  /** Consumes, and ends the consumption when the server has lost the consumer. */
  async function consume(from: typeof consumer) {
    const consumed = await from.consume();
    void (async () => {
      for await (const status of consumed.status()) {
        if (!CONSUMER_LOST.has(status.type)) continue;
        options.logger.warn(
          { status: status.type, lastSeq },
          'replay reader: consumer lost, reading on from a new one',
        );
        consumed.stop();
        break;
      }
    })();
    return consumed;
  }

  /** A new consumer after the last sequence read; retried every second while NATS is away. */
  async function reopen() {
    for (;;) {
      try {
        consumer = await open();
        return await consume(consumer);
      } catch (error) {
        if (stopped) throw error;
        options.logger.warn({ err: (error as Error).message }, 'replay reader: consumer not recreated yet, retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  return {
    caughtUp,
    stop: async () => {
      stopped = true;
      messages.stop();
      await done.catch(() => undefined);
      await consumer.delete().catch(() => undefined);
    },
  };
}
