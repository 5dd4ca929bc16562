import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createLogger } from '@ticketing/logger';
import { TEST_NATS_URL, eventually, sleep, uniqueName } from '@ticketing/testing';
import {
  connectNats,
  ensureStream,
  startReplayReader,
  streamFor,
  type EventEnvelope,
  type NatsConnection,
  type ReplayReader,
} from './index';

const logger = createLogger({ service: 'replay-reader-test', level: 'silent' });

describe('replay reader (an ordered consumer per process) on the real NATS', () => {
  let nc: NatsConnection;
  let prefix: string;
  const readers: ReplayReader[] = [];

  beforeAll(async () => {
    nc = await connectNats(TEST_NATS_URL, 'replay-reader-test');
  });
  beforeEach(async () => {
    prefix = uniqueName('replay');
    await ensureStream(nc, streamFor(prefix));
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.stop()));
    await (await jetstreamManager(nc)).streams.delete(streamFor(prefix).name).catch(() => undefined);
  });
  afterAll(() => nc.close());

  const publish = (type: string, payload: object = {}) => {
    const id = randomUUID();
    const envelope: EventEnvelope = { id, type, occurredAt: new Date().toISOString(), payload };
    return jetstream(nc)
      .publish(`${prefix}.${type}`, JSON.stringify(envelope), { msgID: id })
      .then(() => id);
  };
  const start = async (since: Date, seen: string[], subject = 'queue.window.advanced') => {
    const reader = await startReplayReader({
      nats: nc,
      stream: streamFor(prefix).name,
      subjects: [`${prefix}.${subject}`],
      since,
      handle: (event) => void seen.push(event.id),
      logger,
    });
    readers.push(reader);
    return reader;
  };

  it('when events were stored before it started, then it reads those since its start time, in order, before it says it caught up', async () => {
    const older = await publish('queue.window.advanced');
    await sleep(50);
    const since = new Date();
    await sleep(50);
    const kept: string[] = [];
    for (let i = 0; i < 5; i++) kept.push(await publish('queue.window.advanced'));
    await publish('queue.position.other');
    const seen: string[] = [];
    const reader = await start(since, seen);
    await reader.caughtUp;
    expect(seen).toEqual(kept);
    expect(seen).not.toContain(older);
  });

  it('when nothing matches, then it has caught up at once, and later events are handled as they come', async () => {
    const seen: string[] = [];
    const reader = await start(new Date(), seen);
    await reader.caughtUp;
    const later = await publish('queue.window.advanced');
    await publish('catalog.session.created');
    await eventually(async () => seen.length === 1);
    expect(seen).toEqual([later]);
  });

  it('when two readers run, then each gets every event (nothing is shared as with a durable consumer)', async () => {
    const a: string[] = [];
    const b: string[] = [];
    await Promise.all([start(new Date(Date.now() - 1000), a), start(new Date(Date.now() - 1000), b)]);
    const ids = [await publish('queue.window.advanced'), await publish('queue.window.advanced')];
    await eventually(async () => a.length === 2 && b.length === 2);
    expect(a).toEqual(ids);
    expect(b).toEqual(ids);
  });

  it('when a message is not an event, then it is skipped and the next one is still handled', async () => {
    const since = new Date(Date.now() - 1000);
    await jetstream(nc).publish(`${prefix}.queue.window.advanced`, 'not json');
    const good = await publish('queue.window.advanced');
    const seen: string[] = [];
    await (
      await start(since, seen)
    ).caughtUp;
    expect(seen).toEqual([good]);
  });

  it('when the handler throws, then the reader goes on with the next event', async () => {
    const since = new Date(Date.now() - 1000);
    const ids = [await publish('queue.window.advanced'), await publish('queue.window.advanced')];
    const seen: string[] = [];
    const reader = await startReplayReader({
      nats: nc,
      stream: streamFor(prefix).name,
      subjects: [`${prefix}.queue.window.advanced`],
      since,
      handle: (event) => {
        seen.push(event.id);
        if (seen.length === 1) throw new Error('boom');
      },
      logger,
    });
    readers.push(reader);
    await reader.caughtUp;
    expect(seen).toEqual(ids);
  });

  it('when it is stopped, then it handles nothing more', async () => {
    const seen: string[] = [];
    const reader = await start(new Date(), seen);
    await reader.caughtUp;
    await reader.stop();
    readers.splice(readers.indexOf(reader), 1);
    await publish('queue.window.advanced');
    await sleep(200);
    expect(seen).toEqual([]);
  });
});
