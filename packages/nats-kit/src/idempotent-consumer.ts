import type { JsMsg } from '@nats-io/jetstream';
import type { Logger } from '@ticketing/logger';
import type { RunningConsumer } from './consumer';
import { consumeDurable, type DurableSettings } from './durable';
import { decodeEnvelope, type EventEnvelope } from './envelope';
import { inConsumerSpan, traceparentOf } from './trace-context';

export interface IdempotentConsumerOptions extends DurableSettings {
  logger: Logger;
  /**
   * Must be safe to run twice for one event (e.g. a compare-and-set on a version): there is no
   * inbox, so an event whose ack was lost comes again. Throwing retries it after `retryDelayMs`.
   */
  handle: (event: EventEnvelope) => Promise<void>;
  retryDelayMs?: number;
}

/**
 * A durable pull consumer for services without a database (the queue keeps Redis only): decode,
 * handle, ack, one event at a time in stream order. A failure is nak'ed with a delay; an
 * undecodable message can never succeed, so it is terminated instead of retried.
 */
export async function startIdempotentConsumer(options: IdempotentConsumerOptions): Promise<RunningConsumer> {
  const messages = await consumeDurable(options, 100);
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
  const traceparent = traceparentOf(message.headers);
  try {
    await inConsumerSpan(`${event.type} process`, [traceparent], () =>
      options.handle(traceparent ? { ...event, traceparent } : event),
    );
    message.ack();
  } catch (error) {
    options.logger.warn(
      { eventId: event.id, type: event.type, err: (error as Error).message, deliveries: message.info.deliveryCount },
      'consumer: handling failed, will retry',
    );
    message.nak(options.retryDelayMs ?? 1000);
  }
}
