import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/nats-core';

// W3C trace context crosses the broker in message headers (`traceparent`, `tracestate`), and the
// outbox in between: an event's row stores the context of the change that wrote it.
const tracer = trace.getTracer('@ticketing/nats-kit');

/** The W3C `traceparent` of the active span, or null outside any trace. */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored `traceparent` names; the root context when there is none. */
export function contextOfTraceparent(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/**
 * Runs `work` in the trace an event carries: log lines and events written there continue it,
 * though the event was applied in a transaction shared with others.
 */
export function inEventTrace<T>(traceparent: string | null | undefined, work: () => T): T {
  return traceparent ? context.with(contextOfTraceparent(traceparent), work) : work();
}

/** Writes the context of `span` into a message's headers. */
export function injectInto(headers: MsgHdrs, span: Span): void {
  propagation.inject(trace.setSpan(context.active(), span), headers, {
    set: (carrier, key, value) => carrier.set(key, value),
  });
}

/** The `traceparent` a message carries, or undefined. */
export function traceparentOf(headers: MsgHdrs | undefined): string | undefined {
  return headers?.get('traceparent') || undefined;
}

/** A producer span for one event's publication, child of the change that wrote the event. */
export function startPublishSpan(subject: string, traceparent: string | null): Span {
  return tracer.startSpan(
    `${subject} publish`,
    { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject } },
    contextOfTraceparent(traceparent),
  );
}

/**
 * Runs `work` in a consumer span that continues the first event's trace; the other events of a
 * batch are linked, so each purchase's trace still shows the transaction that applied it.
 */
export async function inConsumerSpan<T>(
  name: string,
  traceparents: ReadonlyArray<string | undefined>,
  work: () => Promise<T>,
): Promise<T> {
  const [first, ...rest] = traceparents;
  const links: Link[] = rest.flatMap((tp) => {
    const linked = tp ? trace.getSpanContext(contextOfTraceparent(tp)) : undefined;
    return linked ? [{ context: linked }] : [];
  });
  const span = tracer.startSpan(
    name,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: { 'messaging.system': 'nats', 'messaging.batch.message_count': traceparents.length },
    },
    contextOfTraceparent(first),
  );
  try {
    return await context.with(trace.setSpan(context.active(), span), work);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: 2 });
    throw error;
  } finally {
    span.end();
  }
}
