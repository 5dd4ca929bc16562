/** What travels on the wire for every domain event. */
export interface EventEnvelope<P = unknown> {
  /** The outbox id: also the `Nats-Msg-Id`, and the key consumers de-duplicate on. */
  id: string;
  /** Subject without the system prefix, e.g. `catalog.session.created`. */
  type: string;
  occurredAt: string;
  payload: P;
  /**
   * The W3C trace context of the change that wrote the event, from the message's headers (never
   * in the JSON): handlers pass it on to the events they write, so one purchase stays one trace.
   */
  traceparent?: string;
}

const TYPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export function assertEventType(type: string): void {
  if (!TYPE.test(type)) throw new Error(`event type "${type}" must look like "service.entity.event"`);
}

/** Undecodable or malformed messages are poison: they can never succeed, so they are not retried. */
export function decodeEnvelope(data: Uint8Array): EventEnvelope | null {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(data)) as Partial<EventEnvelope>;
    if (typeof parsed.id !== 'string' || typeof parsed.type !== 'string' || typeof parsed.occurredAt !== 'string')
      return null;
    if (parsed.payload === null || typeof parsed.payload !== 'object') return null;
    return parsed as EventEnvelope;
  } catch {
    return null;
  }
}
