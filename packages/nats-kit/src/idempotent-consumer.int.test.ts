import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createLogger } from '@ticketing/logger';
import { TEST_NATS_URL, eventually, sleep, uniqueName } from '@ticketing/testing';
import {
  connectNats,
  ensureStream,
  startIdempotentConsumer,
  streamFor,
  type EventEnvelope,
  type IdempotentConsumerOptions,
  type NatsConnection,
  type RunningConsumer,
} from './index';

const logger = createLogger({ service: 'idempotent-consumer-test', level: 'silent' });

describe('idempotent consumer (no inbox) on the real NATS', () => {
  let nc: NatsConnection;
  let prefix: string;
  let durable: string;
  let running: RunningConsumer | undefined;
  let handled: EventEnvelope[];
  const streams: string[] = [];

  beforeAll(async () => {
    nc = await connectNats(TEST_NATS_URL, 'idempotent-consumer-test');
  });
  beforeEach(async () => {
    prefix = uniqueName('idem');
    streams.push(streamFor(prefix).name);
    await ensureStream(nc, streamFor(prefix));
    durable = uniqueName('durable');
    handled = [];
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    const jsm = await jetstreamManager(nc);
    await Promise.all(streams.map((name) => jsm.streams.delete(name).catch(() => undefined)));
    await nc.close();
  });

  const publish = (payload: object, data?: string) => {
    const envelope = {
      id: randomUUID(),
      type: 'reservation.stock.changed',
      occurredAt: new Date().toISOString(),
      payload,
    };
    return jetstream(nc).publish(`${prefix}.reservation.stock.changed`, data ?? JSON.stringify(envelope));
  };
  const start = async (options: Partial<IdempotentConsumerOptions> = {}) => {
    running = await startIdempotentConsumer({
      nats: nc,
      stream: streamFor(prefix).name,
      durable,
      subjects: [`${prefix}.reservation.>`],
      logger,
      retryDelayMs: 50,
      handle: async (event) => void handled.push(event),
      ...options,
    });
  };
  const unacked = async () => {
    const info = await (await jetstreamManager(nc)).consumers.info(streamFor(prefix).name, durable);
    return info.num_pending + info.num_ack_pending;
  };
  const ns = () => handled.map((e) => (e.payload as { n: number }).n);

  it('when events arrive, then each is handled once in stream order and acknowledged', async () => {
    for (let n = 1; n <= 5; n++) await publish({ n });
    await start();
    await eventually(async () => handled.length === 5);
    expect(ns()).toEqual([1, 2, 3, 4, 5]);
    expect(handled[0]).toMatchObject({ type: 'reservation.stock.changed', occurredAt: expect.any(String) });
    await eventually(async () => (await unacked()) === 0);
  });

  it('when the handler fails, then the event is delivered again after the delay until it is handled', async () => {
    let failures = 0;
    await start({
      handle: async (event) => {
        if (failures < 2) {
          failures += 1;
          throw new Error('redis hiccup');
        }
        handled.push(event);
      },
    });
    await publish({ n: 1 });
    await eventually(async () => handled.length === 1);
    expect(failures).toBe(2);
    await eventually(async () => (await unacked()) === 0);
  });

  it('when a message cannot be decoded, then it is terminated, not retried, and the next one is handled', async () => {
    let calls = 0;
    await start({ handle: async (event) => void (calls++, handled.push(event)) });
    await publish({}, '{not json');
    await publish({}, JSON.stringify({ id: 'x', type: 'a.b', occurredAt: 'now', payload: 'not an object' }));
    await publish({ n: 3 });
    await eventually(async () => handled.length === 1);
    await sleep(200);
    expect(ns()).toEqual([3]);
    expect(calls).toBe(1);
    await eventually(async () => (await unacked()) === 0);
  });

  it('when stopped and started again with the same durable, then it goes on after what it acknowledged', async () => {
    await start();
    await publish({ n: 1 });
    await eventually(async () => handled.length === 1);
    await running!.stop();
    running = undefined;
    await publish({ n: 2 });
    await sleep(100);
    expect(ns()).toEqual([1]);
    await start();
    await eventually(async () => handled.length === 2);
    expect(ns()).toEqual([1, 2]);
  });
});
