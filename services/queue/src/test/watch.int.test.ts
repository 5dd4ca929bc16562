import { credentials } from '@grpc/grpc-js';
import { createClient } from '@ticketing/contracts';
import { bearerMetadata, serverStream } from '@ticketing/grpc-kit';
import { eventually } from '@ticketing/testing';
import { startTestQueue, type Status, type TestQueue } from './harness';

/** Reads a watch to its end, noting when each message came. */
async function readWatch(stream: AsyncIterable<Status>, onMessage: (s: Status) => void = () => undefined) {
  const seen: Array<Status & { at: number }> = [];
  for await (const status of stream) {
    seen.push({ ...status, at: Date.now() });
    onMessage(status);
  }
  return seen;
}

describe('QueueServiceTest: WatchStatus', () => {
  let queue: TestQueue;

  beforeAll(async () => {
    queue = await startTestQueue('queue_watch');
  });
  afterAll(() => queue.close());

  it('when a user watches, then the status comes at once, SOLD_OUT is not the end, and the stream ends at ADMITTED', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 50 });
    await queue.setStock(sessionId, 2, 0);
    const { queueToken } = await queue.enter(sessionId, 'w1');
    const opened = Date.now();
    let restocked = false;
    const seen = await readWatch(queue.watch(queueToken, 'w1'), (status) => {
      if (status.state === 'SOLD_OUT' && !restocked) {
        restocked = true;
        void queue.setStock(sessionId, 3, 4);
      }
    });
    expect(seen[0]).toMatchObject({ state: 'SOLD_OUT', place: 1, queueToken });
    expect(seen[0]!.at - opened).toBeLessThan(1000);
    // A tick may see the stock back before the window moves: WAITING in between is fine.
    expect(seen.map((s) => s.state).filter((state) => state !== 'WAITING')).toEqual(['SOLD_OUT', 'ADMITTED']);
    expect(seen[seen.length - 1]).toMatchObject({ allowed: true, ahead: 0 });
  });

  it('when stock runs out while a user waits, then the watch says SOLD_OUT within a tick or two', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 1 });
    await Promise.all(['x1', 'x2', 'x3'].map((user) => queue.enter(sessionId, user)));
    const { queueToken } = await queue.enter(sessionId, 'x4');
    const stream = queue.watch(queueToken, 'x4');
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ state: 'WAITING' });
    const soldOutAt = Date.now();
    await queue.setStock(sessionId, 2, 0);
    let next = (await iterator.next()).value as Status;
    while (next.state === 'WAITING') next = (await iterator.next()).value as Status;
    expect(next).toMatchObject({ state: 'SOLD_OUT' });
    expect(Date.now() - soldOutAt).toBeLessThan(1000);
    stream.cancel();
    await eventually(async () => queue.app.hub.watching === 0);
  });

  it('when the line moves, then the people ahead are told as it moves, but at most about once a second', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 10 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => queue.enter(sessionId, `l${i}`)));
    const { queueToken } = await queue.enter(sessionId, 'last');
    const stream = queue.watch(queueToken, 'last');
    const seen: Array<Status & { at: number }> = [];
    const reading = readWatch(stream, (status) => seen.push({ ...status, at: Date.now() }));
    await new Promise((resolve) => setTimeout(resolve, 2600));
    stream.cancel();
    await reading;
    const aheads = seen.map((s) => s.ahead);
    expect(aheads.length).toBeGreaterThanOrEqual(3);
    expect(aheads.length).toBeLessThanOrEqual(4);
    aheads.slice(1).forEach((ahead, i) => expect(ahead).toBeLessThan(aheads[i]!));
    seen.slice(1).forEach((s, i) => expect(s.at - seen[i]!.at).toBeGreaterThanOrEqual(500));
  });

  it('when the token was already admitted, then the watch sends it once and ends', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 50 });
    const { queueToken } = await queue.enter(sessionId, 'a1');
    await eventually(async () => (await queue.status(queueToken, 'a1')).allowed);
    expect((await readWatch(queue.watch(queueToken, 'a1'))).map((s) => s.state)).toEqual(['ADMITTED']);
  });

  it('when the watch comes without a sign-in, then the token alone shows its place; another user is refused', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 50 });
    const { queueToken } = await queue.enter(sessionId, 'anon-1');
    await eventually(async () => (await queue.status(queueToken, 'anon-1')).allowed);
    expect((await readWatch(queue.watch(queueToken, null))).map((s) => s.state)).toEqual(['ADMITTED']);
    await expect(readWatch(queue.watch(queueToken, 'someone-else'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('when the queue instance stops, then its open watches end with SERVICE_UNAVAILABLE, and it stops quickly', async () => {
    const replica = await queue.startReplica();
    const client = createClient('queue', `127.0.0.1:${replica.grpc.port}`, credentials.createInsecure());
    const sessionId = await queue.openSession({ admissionRatePerSec: 1 });
    await queue.setStock(sessionId, 2, 0);
    const { queueToken } = await queue.enter(sessionId, 'r1');
    const stream = serverStream<Status>(client, 'watchStatus', { queueToken }, { metadata: bearerMetadata('user:r1') });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ state: 'SOLD_OUT' });
    await eventually(async () => replica.hub.watching === 1);
    const stopping = Date.now();
    const ended = iterator.next().catch((error: unknown) => error);
    await replica.stop();
    expect(Date.now() - stopping).toBeLessThan(3000);
    expect(await ended).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    client.close();
  });
});
