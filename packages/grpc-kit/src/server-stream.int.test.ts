import path from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import { loadPackageDefinition, type Client, type Metadata, type ServiceDefinition } from '@grpc/grpc-js';
import { AppError, isErrorCode } from '@ticketing/errors';
import { createLogger } from '@ticketing/logger';
import {
  bearerMetadata,
  bindService,
  createClient,
  startGrpcServer,
  type Authenticator,
  type GrpcServerHandle,
  type MethodSpec,
  type StreamMethodSpec,
} from './index';

const definition = (
  loadPackageDefinition(loadSync(path.join(__dirname, 'test', 'stream.proto'), { defaults: true })) as any
).test.stream.v1.StreamService.service as ServiceDefinition;

const authenticate: Authenticator = async (token) => {
  if (token === 'user-token') return { subject: 'u1', roles: ['USER'], token };
  throw new AppError('TOKEN_INVALID');
};

type TicksRequest = { count: number; failWith: string; untilCancelled: boolean };
/** What the handlers saw, for the tests to check. */
const seen = { started: 0, cancelled: 0 };

const ticks: StreamMethodSpec<TicksRequest, { n: number; caller: string }> = {
  access: 'authenticated',
  stream: async (request, context) => {
    seen.started += 1;
    for (let n = 1; n <= request.count; n++) context.send({ n, caller: context.principal!.subject });
    if (request.failWith === 'crash') throw new Error('db password is hunter2');
    if (isErrorCode(request.failWith)) throw new AppError(request.failWith, 'stopped', { after: request.count });
    if (request.untilCancelled) {
      await new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve()));
      seen.cancelled += 1;
    }
  },
};
const methods = { ticks, adminTicks: { ...ticks, access: { roles: ['ADMIN'] } } };

interface Outcome {
  messages: unknown[];
  code: number;
  errorCode?: string;
  details?: string;
  errorDetails?: string;
}

/** Reads a whole stream with grpc-js itself, keeping the final status and its trailers. */
function readAll(client: Client, method: string, request: object, token?: string): Promise<Outcome> {
  const call = (client as any)[method](request, bearerMetadata(token));
  const messages: unknown[] = [];
  call.on('data', (message: unknown) => messages.push(message));
  call.on('error', () => undefined);
  return new Promise((resolve) =>
    call.on('status', (status: { code: number; details: string; metadata: Metadata }) =>
      resolve({
        messages,
        code: status.code,
        details: status.details,
        errorCode: status.metadata.get('x-error-code')[0] as string | undefined,
        errorDetails: status.metadata.get('x-error-details')[0] as string | undefined,
      }),
    ),
  );
}

describe('grpc-kit server-streaming handlers', () => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(
    { service: 'grpc-kit-stream-test', level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  let server: GrpcServerHandle;
  let client: Client;

  beforeAll(async () => {
    const implementation = bindService(definition, methods, { logger, authenticate });
    server = await startGrpcServer('127.0.0.1:0', [{ definition, implementation }]);
    client = createClient(definition, `127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    client.close();
    await server.stop(100);
  });
  beforeEach(() => {
    lines.splice(0);
    Object.assign(seen, { started: 0, cancelled: 0 });
  });

  it('when a stream is called, then its messages arrive in order, it ends OK, and it is one log line', async () => {
    const outcome = await readAll(client, 'ticks', { count: 3 }, 'user-token');
    expect(outcome).toMatchObject({ code: 0, errorCode: undefined });
    expect(outcome.messages).toEqual([1, 2, 3].map((n) => ({ n, caller: 'u1' })));
    expect(lines).toEqual([
      expect.objectContaining({
        method: '/test.stream.v1.StreamService/Ticks',
        userId: 'u1',
        outcome: 'ok',
        messages: 3,
        latencyMs: expect.any(Number),
      }),
    ]);
  });

  it.each([
    { what: 'no token', token: undefined, code: 'UNAUTHENTICATED' },
    { what: 'a bad token', token: 'forged', code: 'TOKEN_INVALID' },
  ])(
    'when a stream is called with $what, then it ends at once with $code and the handler never runs',
    async ({ token, code }) => {
      const outcome = await readAll(client, 'ticks', { count: 3 }, token);
      expect(outcome).toMatchObject({ messages: [], code: 16, errorCode: code });
      expect(seen.started).toBe(0);
    },
  );

  it('when a USER calls a stream for ADMINs, then it ends with FORBIDDEN', async () => {
    const outcome = await readAll(client, 'adminTicks', { count: 1 }, 'user-token');
    expect(outcome).toMatchObject({ messages: [], code: 7, errorCode: 'FORBIDDEN' });
  });

  it('when the handler throws a domain error after messages, then they arrive and the status carries its code and details', async () => {
    const outcome = await readAll(client, 'ticks', { count: 2, failWith: 'SOLD_OUT' }, 'user-token');
    expect(outcome.messages).toHaveLength(2);
    expect(outcome).toMatchObject({ code: 9, errorCode: 'SOLD_OUT', details: 'stopped' });
    expect(JSON.parse(outcome.errorDetails!)).toEqual({ after: 2 });
    expect(lines).toEqual([expect.objectContaining({ outcome: 'SOLD_OUT', messages: 2 })]);
  });

  it('when the handler crashes, then the stream ends INTERNAL without the internal message', async () => {
    const outcome = await readAll(client, 'ticks', { failWith: 'crash' }, 'user-token');
    expect(outcome).toMatchObject({ code: 13, errorCode: 'INTERNAL' });
    expect(outcome.details).not.toContain('hunter2');
    expect(lines).toEqual([expect.objectContaining({ outcome: 'INTERNAL', level: 'error' })]);
  });

  it('when the client cancels, then the handler learns it and the log line says CANCELLED', async () => {
    const call = (client as any).ticks({ count: 1, untilCancelled: true }, bearerMetadata('user-token'));
    call.on('error', () => undefined);
    await new Promise((resolve) => call.once('data', resolve));
    call.cancel();
    const deadline = Date.now() + 5000;
    while ((seen.cancelled === 0 || lines.length === 0) && Date.now() < deadline) await sleep(10);
    expect(seen.cancelled).toBe(1);
    expect(lines).toEqual([expect.objectContaining({ outcome: 'CANCELLED', messages: 1 })]);
  });
});

describe('grpc-kit binding of streaming methods', () => {
  const logger = createLogger({ service: 'grpc-kit-stream-test', level: 'silent' });

  it('when a streaming method has no handler, then binding fails at boot naming it', () => {
    expect(() => bindService(definition, { ticks }, { logger })).toThrow(/StreamService\/AdminTicks has no handler/);
  });

  it('when a unary handler is given for a streaming method, then binding fails naming it', () => {
    const unary: MethodSpec = { access: 'public', handle: async () => ({}) };
    expect(() => bindService(definition, { ticks, adminTicks: unary }, { logger })).toThrow(
      /StreamService\/AdminTicks streams its answer/,
    );
  });

  it('when unimplemented methods are allowed, then a missing stream answers NOT_IMPLEMENTED', async () => {
    const implementation = bindService(definition, { ticks }, { logger, allowUnimplemented: true });
    const server = await startGrpcServer('127.0.0.1:0', [{ definition, implementation }]);
    const client = createClient(definition, `127.0.0.1:${server.port}`);
    await expect(readAll(client, 'adminTicks', {})).resolves.toMatchObject({ errorCode: 'NOT_IMPLEMENTED' });
    client.close();
    await server.stop(100);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
