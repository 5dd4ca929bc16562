import type { JsMsg } from '@nats-io/jetstream';
import type { Logger } from '@ticketing/logger';
import { decodeEnvelope, type EventEnvelope } from './envelope';
import { traceparentOf } from './trace-context';

export interface Delivered {
  message: JsMsg;
  event: EventEnvelope;
}

// The inbox key is a uuid column: an id that is not one can never be recorded, so it is poison.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Undecodable messages can never succeed: they are terminated here, not retried. */
export function decodeOrTerminate(messages: JsMsg[], logger: Logger): Delivered[] {
  const usable: Delivered[] = [];
  for (const message of messages) {
    const event = decodeEnvelope(message.data);
    if (event && UUID.test(event.id)) {
      const traceparent = traceparentOf(message.headers);
      usable.push({ message, event: traceparent ? { ...event, traceparent } : event });
    } else {
      logger.error({ subject: message.subject, seq: message.seq }, 'consumer: undecodable event terminated');
      // No reason: NATS 2.9 does not understand `+TERM <reason>` and would redeliver the message.
      message.term();
    }
  }
  return usable;
}

/**
 * First deliveries go together; a redelivered message goes alone. A batch that failed is retried
 * one event per transaction, so an event that can never apply holds up only itself.
 */
export function transactionGroups(delivered: Delivered[]): Delivered[][] {
  const result: Delivered[][] = [];
  let current: Delivered[] = [];
  for (const item of delivered) {
    if (item.message.info.deliveryCount > 1) {
      if (current.length > 0) result.push(current);
      result.push([item]);
      current = [];
    } else {
      current.push(item);
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}
