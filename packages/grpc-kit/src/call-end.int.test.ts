import path from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import { loadPackageDefinition, type ServiceDefinition } from '@grpc/grpc-js';
import { AppError } from '@ticketing/errors';
import { createLogger } from '@ticketing/logger';
import {
  bindService,
  createClient,
  serverStream,
  startGrpcServer,
  unaryCall,
  type GrpcServerHandle,
  type StreamMethodSpec,
} from './index';

const packageDefinition = loadSync(path.join(__dirname, 'test', 'echo.proto'), { keepCase: false, defaults: true });
const definition = (loadPackageDefinition(packageDefinition) as any).test.echo.v1.EchoService
  .service as ServiceDefinition;
const streamDefinition = (
  loadPackageDefinition(loadSync(path.join(__dirname, 'test', 'stream.proto'), { defaults: true })) as any
).test.stream.v1.StreamService.service as ServiceDefinition;
const logger = createLogger({ service: 'grpc-kit-test', level: 'silent' });

describe('the onCallEnd hook', () => {
  const ended: Array<[string, string, number]> = [];
  let server: GrpcServerHandle;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    const implementation = bindService(
      definition,
      {
        echo: {
          access: 'public',
          handle: async (req: { text: string }) => {
            if (req.text === 'sold-out') throw new AppError('SOLD_OUT');
            if (req.text === 'crash') throw new Error('boom');
            return { text: req.text };
          },
        },
        secret: { access: 'authenticated', handle: async () => ({ text: 'ok' }) },
        adminOnly: { access: { roles: ['ADMIN'] }, handle: async () => ({ text: 'admin' }) },
      },
      { logger, onCallEnd: (...args) => ended.push(args) },
    );
    server = await startGrpcServer('127.0.0.1:0', [{ definition, implementation }]);
    client = createClient(definition, `127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    client.close();
    await server.stop(100);
  });

  it('when calls succeed, are refused or crash, then each is reported once with its path, status name and seconds', async () => {
    await unaryCall(client, 'echo', { text: 'hi' });
    await expect(unaryCall(client, 'echo', { text: 'sold-out' })).rejects.toMatchObject({ code: 'SOLD_OUT' });
    await expect(unaryCall(client, 'echo', { text: 'crash' })).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(unaryCall(client, 'secret', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    expect(ended.map(([method, code]) => [method, code])).toEqual([
      ['/test.echo.v1.EchoService/Echo', 'OK'],
      ['/test.echo.v1.EchoService/Echo', 'FAILED_PRECONDITION'],
      ['/test.echo.v1.EchoService/Echo', 'INTERNAL'],
      ['/test.echo.v1.EchoService/Secret', 'UNAUTHENTICATED'],
    ]);
    for (const [, , seconds] of ended) expect(seconds).toBeGreaterThanOrEqual(0);
    for (const [, , seconds] of ended) expect(seconds).toBeLessThan(5);
  });
});

describe('the onCallEnd hook on a server stream', () => {
  const ended: Array<[string, string]> = [];
  let server: GrpcServerHandle;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    const ticks: StreamMethodSpec<{ count: number; failWith: string }> = {
      access: 'public',
      stream: async (request, context) => {
        for (let n = 1; n <= request.count; n++) context.send({ n });
        if (request.failWith) throw new AppError('SOLD_OUT');
      },
    };
    const implementation = bindService(
      streamDefinition,
      { ticks, adminTicks: ticks },
      { logger, onCallEnd: (path, code) => ended.push([path, code]) },
    );
    server = await startGrpcServer('127.0.0.1:0', [{ definition: streamDefinition, implementation }]);
    client = createClient(streamDefinition, `127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    client.close();
    await server.stop(100);
  });

  it('when a stream ends, or fails, then it is reported once, with its status, when it ends', async () => {
    for await (const _ of serverStream(client, 'ticks', { count: 2 })) void _;
    const failing = serverStream(client, 'ticks', { count: 1, failWith: 'SOLD_OUT' });
    await expect(
      (async () => {
        for await (const _ of failing) void _;
      })(),
    ).rejects.toMatchObject({ code: 'SOLD_OUT' });
    expect(ended).toEqual([
      ['/test.stream.v1.StreamService/Ticks', 'OK'],
      ['/test.stream.v1.StreamService/Ticks', 'FAILED_PRECONDITION'],
    ]);
  });
});
