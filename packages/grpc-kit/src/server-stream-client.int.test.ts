import path from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import { loadPackageDefinition, type ServerWritableStream, type ServiceDefinition } from '@grpc/grpc-js';
import { AppError, isErrorCode, toGrpcError } from '@ticketing/errors';
import { bearerMetadata, createClient, serverStream, startGrpcServer, type GrpcServerHandle } from './index';

describe('grpc-kit server-streaming client calls', () => {
  const tickerDefinition = (
    loadPackageDefinition(loadSync(path.join(__dirname, 'test', 'ticker.proto'), { defaults: true })) as any
  ).test.ticker.v1.TickerService.service as ServiceDefinition;
  type CountRequest = { upTo: number; failWith: string; hang: boolean };
  const hanging: Array<ServerWritableStream<CountRequest, unknown>> = [];
  // A plain grpc-js handler: these tests are about the client side of a stream.
  const count = (call: ServerWritableStream<CountRequest, unknown>) => {
    const caller = String(call.metadata.get('authorization')[0] ?? '');
    for (let n = 1; n <= call.request.upTo; n++) call.write({ n, caller });
    const code = call.request.failWith;
    if (isErrorCode(code)) call.emit('error', toGrpcError(new AppError(code, 'stopped', { after: call.request.upTo })));
    else if (call.request.hang) hanging.push(call);
    else call.end();
  };
  const cancelledOnServer = (call: ServerWritableStream<CountRequest, unknown>) =>
    call.cancelled ? Promise.resolve() : new Promise<void>((resolve) => call.once('cancelled', () => resolve()));
  const read = async (stream: AsyncIterable<unknown>) => {
    const seen: unknown[] = [];
    for await (const message of stream) seen.push(message);
    return seen;
  };

  let server: GrpcServerHandle;
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    server = await startGrpcServer('127.0.0.1:0', [{ definition: tickerDefinition, implementation: { count } }]);
    client = createClient(tickerDefinition, `127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    client.close();
    await server.stop(100);
  });
  beforeEach(() => hanging.splice(0));

  it("when the server sends messages and ends, then they are read in order, with the caller's metadata", async () => {
    const stream = serverStream(client, 'count', { upTo: 3 }, { metadata: bearerMetadata('user-token') });
    expect(await read(stream)).toEqual([1, 2, 3].map((n) => ({ n, caller: 'Bearer user-token' })));
  });

  it('when the server fails after a message, then the message is read, then its code and details thrown', async () => {
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const message of serverStream(client, 'count', { upTo: 1, failWith: 'SOLD_OUT' })) seen.push(message);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([{ n: 1, caller: '' }]);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'SOLD_OUT', message: 'stopped', details: { after: 1 } });
  });

  it('when the server fails before any message, then the first read throws its code', async () => {
    await expect(read(serverStream(client, 'count', { failWith: 'NOT_FOUND' }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('when the reader cancels, then reading ends without an error and the server sees the call cancelled', async () => {
    const stream = serverStream(client, 'count', { upTo: 1, hang: true });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { n: 1, caller: '' } });
    const pending = iterator.next();
    stream.cancel();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await expect(iterator.next()).resolves.toMatchObject({ done: true });
    await cancelledOnServer(hanging[0]!);
  });

  it('when the reader stops early (a break out of for await), then the call is cancelled on the server', async () => {
    for await (const message of serverStream(client, 'count', { upTo: 2, hang: true })) {
      expect(message).toEqual({ n: 1, caller: '' });
      break;
    }
    await cancelledOnServer(hanging[0]!);
  });

  it('when a deadline is given and passes, then the reading throws UPSTREAM_TIMEOUT', async () => {
    const stream = serverStream(client, 'count', { hang: true }, { deadlineMs: 100 });
    await expect(read(stream)).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });

  it('when nothing listens, then the reading throws SERVICE_UNAVAILABLE', async () => {
    const nowhere = createClient(tickerDefinition, '127.0.0.1:1');
    await expect(read(serverStream(nowhere, 'count', { upTo: 1 }))).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    nowhere.close();
  });

  it('when the method does not exist on the client, then it throws at once naming it', () => {
    expect(() => serverStream(client, 'nope', {})).toThrow(/unknown gRPC method nope/);
  });
});
