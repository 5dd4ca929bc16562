import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  type Client,
  type ClientReadableStream,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import { fromGrpcError } from '@ticketing/errors';

export interface CallOptions {
  /** Every call has a deadline: a slow upstream must turn into an error, never a hang. */
  deadlineMs?: number;
  metadata?: Metadata;
}

export function createClient<C extends Client = Client>(definition: ServiceDefinition, address: string): C {
  const Ctor = makeGenericClientConstructor(definition, 'client');
  return new Ctor(address, credentials.createInsecure(), {
    'grpc.keepalive_time_ms': 30_000,
    'grpc.enable_retries': 0,
  }) as unknown as C;
}

export function bearerMetadata(token: string | undefined | null, extra: Record<string, string> = {}): Metadata {
  const metadata = new Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
  return metadata;
}

type GrpcUnaryMethod = (
  this: Client,
  request: unknown,
  metadata: Metadata,
  options: { deadline: number },
  callback: (error: unknown, response: never) => void,
) => void;

/** Promise form of a unary call; errors come back as AppError with the server's code. */
export function unaryCall<Res>(
  client: Client,
  method: string,
  request: unknown,
  options: CallOptions = {},
): Promise<Res> {
  const fn = (client as unknown as Record<string, GrpcUnaryMethod | undefined>)[method];
  if (typeof fn !== 'function') return Promise.reject(new Error(`unknown gRPC method ${method}`));
  return new Promise<Res>((resolve, reject) => {
    fn.call(
      client,
      request,
      options.metadata ?? new Metadata(),
      { deadline: Date.now() + (options.deadlineMs ?? 2000) },
      (error: unknown, response: Res) => (error ? reject(fromGrpcError(error)) : resolve(response)),
    );
  });
}

/** A server-streaming call being read: messages in order, then the end or the server's error as an AppError. */
export interface ServerStream<Res> extends AsyncIterable<Res> {
  /** Stops the call (the server sees it cancelled); reading then ends without an error. */
  cancel(): void;
}

type GrpcServerStreamMethod = (
  this: Client,
  request: unknown,
  metadata: Metadata,
  options: { deadline?: number },
) => ClientReadableStream<unknown>;

/**
 * Starts a server-streaming call. Unlike a unary call it has no deadline unless one is given: a
 * stream that follows a state may rightly stay open for long, so the caller bounds what it waits
 * for. Messages are buffered as they come (meant for small, infrequent messages); leaving a
 * `for await` early cancels the call.
 */
export function serverStream<Res>(
  client: Client,
  method: string,
  request: unknown,
  options: CallOptions = {},
): ServerStream<Res> {
  const fn = (client as unknown as Record<string, GrpcServerStreamMethod | undefined>)[method];
  if (typeof fn !== 'function') throw new Error(`unknown gRPC method ${method}`);
  const deadline = options.deadlineMs === undefined ? {} : { deadline: Date.now() + options.deadlineMs };
  const call = fn.call(client, request, options.metadata ?? new Metadata(), deadline);

  const buffered: Res[] = [];
  let ended = false;
  let cancelled = false;
  let failure: Error | undefined;
  let waiting: Array<() => void> = [];
  const signal = () => {
    const woken = waiting;
    waiting = [];
    woken.forEach((wake) => wake());
  };
  call.on('data', (message: Res) => {
    buffered.push(message);
    signal();
  });
  // grpc-js emits the error before 'end', and still emits 'end' after it: 'end' alone closes the reading.
  call.on('error', (error: unknown) => {
    if (!cancelled) failure = fromGrpcError(error);
    signal();
  });
  call.on('end', () => {
    ended = true;
    signal();
  });
  const cancel = () => {
    if (ended || cancelled) return;
    cancelled = true;
    buffered.length = 0;
    call.cancel();
    signal();
  };

  const next = async (): Promise<IteratorResult<Res, undefined>> => {
    for (;;) {
      if (cancelled) return { done: true, value: undefined };
      if (buffered.length > 0) return { done: false, value: buffered.shift()! };
      if (failure) throw failure;
      if (ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  return {
    cancel,
    [Symbol.asyncIterator]: () => ({
      next,
      return: () => {
        cancel();
        return Promise.resolve({ done: true, value: undefined });
      },
    }),
  };
}
