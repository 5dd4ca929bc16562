import { PassThrough, type Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '@ticketing/errors';
import type { ServerStream } from '@ticketing/grpc-kit';

export interface EventStreamOptions {
  /** How long the first upstream message may take; after it, the answer is 504 and the call is cancelled. */
  firstEventWithinMs: number;
  heartbeatMs: number;
  log: FastifyBaseLogger;
}

export interface EventStream {
  /** The `text/event-stream` body; destroying it (the client left) cancels the upstream call. */
  body: Readable;
  /** Cancels the upstream call; the body then ends. */
  stop(): void;
}

/**
 * A server-streaming call as Server-Sent Events: one event per message (`id`, `event`, `data`),
 * a comment line every `heartbeatMs`, the end when the upstream call ends. Nothing is committed
 * before the first message: a refusal (or silence) before it is thrown, so the route still
 * answers an ordinary problem with its status. A failure after it can only end the body.
 */
export async function openEventStream<M>(
  upstream: ServerStream<M>,
  toEvent: (message: M) => { event: string; data: unknown },
  options: EventStreamOptions,
): Promise<EventStream> {
  const messages = upstream[Symbol.asyncIterator]();
  let first: IteratorResult<M>;
  try {
    first = await within(messages.next(), options.firstEventWithinMs);
  } catch (error) {
    upstream.cancel();
    throw error;
  }
  if (first.done) throw new AppError('SERVICE_UNAVAILABLE', 'the stream ended before its first message');

  const body = new PassThrough();
  const send = (text: string) => {
    if (!body.destroyed && !body.writableEnded) body.write(text);
  };
  let id = 0;
  const sendEvent = (message: M) => {
    const { event, data } = toEvent(message);
    id += 1;
    send(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  sendEvent(first.value);
  const heartbeat = setInterval(() => send(': ping\n\n'), options.heartbeatMs);
  body.once('close', () => {
    clearInterval(heartbeat);
    upstream.cancel();
  });
  void (async () => {
    try {
      for (let next = await messages.next(); !next.done; next = await messages.next()) sendEvent(next.value);
    } catch (error) {
      options.log.warn({ code: AppError.is(error) ? error.code : 'INTERNAL' }, 'event stream broken off upstream');
    } finally {
      clearInterval(heartbeat);
      if (!body.destroyed) body.end();
    }
  })();
  return { body, stop: () => upstream.cancel() };
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  // If the timer wins, a late failure of `promise` must not surface as an unhandled rejection.
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AppError('UPSTREAM_TIMEOUT', 'no first message in time')), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
