import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  type Client,
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
