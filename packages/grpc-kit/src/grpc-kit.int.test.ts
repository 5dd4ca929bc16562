import path from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import { loadPackageDefinition, type ServiceDefinition } from '@grpc/grpc-js';
import { AppError } from '@ticketing/errors';
import { createLogger } from '@ticketing/logger';
import {
  bearerMetadata,
  bindService,
  checkHealth,
  createClient,
  startGrpcServer,
  unaryCall,
  type Authenticator,
  type GrpcServerHandle,
  type MethodSpec,
} from './index';

const packageDefinition = loadSync(path.join(__dirname, 'test', 'echo.proto'), { keepCase: false, defaults: true });
const definition = (loadPackageDefinition(packageDefinition) as any).test.echo.v1.EchoService
  .service as ServiceDefinition;
const logger = createLogger({ service: 'grpc-kit-test', level: 'silent' });

const authenticate: Authenticator = async (token) => {
  if (token === 'user-token') return { subject: 'u1', roles: ['USER'], token };
  if (token === 'admin-token') return { subject: 'a1', roles: ['ADMIN'], token };
  throw new AppError('TOKEN_INVALID');
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const methods: Record<string, MethodSpec> = {
  echo: {
    access: 'public',
    handle: async (req: { text: string; delayMs: number }, ctx) => {
      if (req.delayMs) await sleep(req.delayMs);
      if (req.text === 'sold-out') throw new AppError('SOLD_OUT', 'no tickets left', { remaining: 0 });
      if (req.text === 'crash') throw new Error('db password is hunter2');
      return { text: req.text, caller: ctx.principal?.subject ?? '' };
    },
  },
  secret: { access: 'authenticated', handle: async (_req, ctx) => ({ text: 'ok', caller: ctx.principal!.subject }) },
  adminOnly: { access: { roles: ['ADMIN'] }, handle: async () => ({ text: 'admin' }) },
};

describe('grpc-kit against a real gRPC server', () => {
  let server: GrpcServerHandle;
  let address: string;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    server = await startGrpcServer('127.0.0.1:0', [
      { definition, implementation: bindService(definition, methods, { logger, authenticate }) },
    ]);
    address = `127.0.0.1:${server.port}`;
    client = createClient(definition, address);
  });
  afterAll(async () => {
    client.close();
    await server.stop(100);
  });

  it('when a public method is called without a token, then it answers', async () => {
    await expect(unaryCall(client, 'echo', { text: 'hi' })).resolves.toEqual({ text: 'hi', caller: '' });
  });

  it('when a public method is called with a valid token, then the handler knows the caller', async () => {
    await expect(
      unaryCall(client, 'echo', { text: 'hi' }, { metadata: bearerMetadata('user-token') }),
    ).resolves.toEqual({ text: 'hi', caller: 'u1' });
  });

  it('when a protected method is called with no token, then it is UNAUTHENTICATED', async () => {
    await expect(unaryCall(client, 'secret', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('when a protected method is called with a bad token, then it is TOKEN_INVALID', async () => {
    await expect(unaryCall(client, 'secret', {}, { metadata: bearerMetadata('forged') })).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
  });

  it('when an admin method is called by a USER, then it is FORBIDDEN, and an ADMIN gets through', async () => {
    await expect(unaryCall(client, 'adminOnly', {}, { metadata: bearerMetadata('user-token') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      unaryCall(client, 'adminOnly', {}, { metadata: bearerMetadata('admin-token') }),
    ).resolves.toMatchObject({ text: 'admin' });
  });

  it('when a handler throws a domain error, then the client gets its code and details', async () => {
    await expect(unaryCall(client, 'echo', { text: 'sold-out' })).rejects.toMatchObject({
      code: 'SOLD_OUT',
      message: 'no tickets left',
      details: { remaining: 0 },
    });
  });

  it('when a handler crashes, then the client gets INTERNAL without the internal message', async () => {
    const error = await unaryCall(client, 'echo', { text: 'crash' }).catch((e: AppError) => e);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect((error as AppError).message).not.toContain('hunter2');
  });

  it('when the deadline passes before the answer, then the call fails with UPSTREAM_TIMEOUT', async () => {
    await expect(unaryCall(client, 'echo', { text: 'slow', delayMs: 300 }, { deadlineMs: 50 })).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
    });
  });

  it('when the health of the server and of its service is checked, then both are SERVING', async () => {
    expect(await checkHealth(address)).toBe(true);
    expect(await checkHealth(address, 'test.echo.v1.EchoService')).toBe(true);
    expect(await checkHealth(address, 'no.such.Service')).toBe(false);
  });

  it('when nothing listens, then the health check says false in time', async () => {
    expect(await checkHealth('127.0.0.1:1', '', 300)).toBe(false);
  });
});

describe('grpc-kit shutdown and binding', () => {
  it('when stop is called during a call, then the call still completes and the port then refuses', async () => {
    const server = await startGrpcServer('127.0.0.1:0', [
      { definition, implementation: bindService(definition, methods, { logger }) },
    ]);
    const address = `127.0.0.1:${server.port}`;
    const client = createClient(definition, address);
    const inFlight = unaryCall(client, 'echo', { text: 'late', delayMs: 200 });
    await sleep(50);
    await server.stop(2000);
    await expect(inFlight).resolves.toMatchObject({ text: 'late' });
    client.close();
    expect(await checkHealth(address, '', 300)).toBe(false);
  });

  it('when a method has no handler, then binding fails at boot naming it', () => {
    expect(() => bindService(definition, { echo: methods.echo! }, { logger })).toThrow(
      /EchoService\/Secret has no handler/,
    );
  });

  it('when unimplemented methods are allowed, then a missing one answers NOT_IMPLEMENTED', async () => {
    const implementation = bindService(definition, { echo: methods.echo! }, { logger, allowUnimplemented: true });
    const server = await startGrpcServer('127.0.0.1:0', [{ definition, implementation }]);
    const client = createClient(definition, `127.0.0.1:${server.port}`);
    await expect(unaryCall(client, 'adminOnly', {})).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
    await expect(unaryCall(client, 'echo', { text: 'x' })).resolves.toMatchObject({ text: 'x' });
    client.close();
    await server.stop(100);
  });

  it("when a handler adds business fields, then they join the call's one log line, built only when its level is on", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
    let built = 0;
    const noting: Record<string, MethodSpec> = {
      ...methods,
      echo: {
        access: 'public',
        handle: async (req: { text: string }, ctx) => {
          ctx.addLogFields(() => {
            built += 1;
            return { action: 'echo', text: req.text, outcome: 'overridden?', latencyMs: -1 };
          });
          return methods.echo!.handle(req, ctx);
        },
      },
    };
    const callsLoggedAt = async (level: string, texts: string[]) => {
      const bound = bindService(definition, noting, { logger: createLogger({ service: 't', level }, sink) });
      const server = await startGrpcServer('127.0.0.1:0', [{ definition, implementation: bound }]);
      const client = createClient(definition, `127.0.0.1:${server.port}`);
      try {
        for (const text of texts) await unaryCall(client, 'echo', { text }).catch(() => undefined);
      } finally {
        client.close();
        await server.stop(100);
      }
    };

    await callsLoggedAt('info', ['hi', 'sold-out']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      method: '/test.echo.v1.EchoService/Echo',
      action: 'echo',
      text: 'hi',
      outcome: 'ok',
    });
    expect(lines[1]).toMatchObject({ action: 'echo', text: 'sold-out', outcome: 'SOLD_OUT' });
    expect(lines.every((line) => typeof line.latencyMs === 'number' && line.latencyMs >= 0)).toBe(true);
    expect(built).toBe(2);

    await callsLoggedAt('error', ['unheard']);
    expect(lines).toHaveLength(2);
    expect(built).toBe(2);
  });

  it('when a protected method is called on a service without an authenticator, then it is refused', async () => {
    const server = await startGrpcServer('127.0.0.1:0', [
      { definition, implementation: bindService(definition, methods, { logger }) },
    ]);
    const client = createClient(definition, `127.0.0.1:${server.port}`);
    await expect(unaryCall(client, 'secret', {}, { metadata: bearerMetadata('user-token') })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    client.close();
    await server.stop(100);
  });
});
