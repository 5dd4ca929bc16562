import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '@ticketing/logger';
import { eventually, queryOnce, uniqueName } from '@ticketing/testing';
import {
  inboxMigration,
  startBatchConsumer,
  streamFor,
  type BatchConsumerOptions,
  type EventEnvelope,
  type NatsConnection,
  type RunningConsumer,
} from './index';
import { appliedTableMigration, openTestbed, type Testbed } from './test/testbed';

const logger = createLogger({ service: 'consumer-batch-test', level: 'silent' });

describe('batch consumer with inbox on real PostgreSQL and NATS', () => {
  let bed: Testbed;
  let url: string;
  let orm: MikroORM;
  let nc: NatsConnection;
  let prefix: string;
  let durable: string;
  let running: RunningConsumer | undefined;
  /** Every batch the handler was given, in order: one entry per transaction. */
  let batches: string[][];

  beforeAll(async () => {
    bed = await openTestbed('consumer_batch', [inboxMigration, appliedTableMigration]);
    ({ url, orm, nc } = bed);
  });
  beforeEach(async () => {
    prefix = await bed.newStream('batch');
    durable = uniqueName('durable');
    batches = [];
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(() => bed.close());

  const publish = (event: { id: string; payload?: object }, msgID: string = event.id) =>
    jetstream(nc).publish(
      `${prefix}.reservation.stock.changed`,
      JSON.stringify({
        id: event.id,
        type: 'reservation.stock.changed',
        occurredAt: new Date().toISOString(),
        payload: event.payload ?? {},
      }),
      { msgID },
    );
  const record = async (events: EventEnvelope[], em: EntityManager) => {
    batches.push(events.map((e) => e.id));
    await em
      .getConnection()
      .execute(
        `insert into applied (consumer, event_id) select ?, unnest(?::uuid[])`,
        [durable, `{${events.map((e) => e.id).join(',')}}`],
        'run',
        em.getTransactionContext(),
      );
  };
  const start = async (options: Partial<BatchConsumerOptions> = {}) => {
    running = await startBatchConsumer({
      nats: nc,
      orm,
      stream: streamFor(prefix).name,
      durable,
      subjects: [`${prefix}.reservation.>`],
      logger,
      retryDelayMs: 50,
      handleBatch: record,
      ...options,
    });
  };
  const applied = async () =>
    (await queryOnce<{ event_id: string }>(url, 'select event_id from applied where consumer = $1', [durable])).map(
      (r) => r.event_id,
    );
  const appliedCount = async () => (await applied()).length;
  const sorted = (ids: string[]) => [...ids].sort();

  it('when a burst of events is waiting, then they are handled in fewer transactions than events, each once', async () => {
    const ids = Array.from({ length: 60 }, () => randomUUID());
    for (const id of ids) await publish({ id });
    await start({ maxBatch: 25 });
    await eventually(async () => (await appliedCount()) >= ids.length);
    expect(sorted(await applied())).toEqual(sorted(ids));
    expect(batches.length).toBeLessThan(ids.length);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(25);
    // now() is the transaction's start time: the inbox rows of one batch share it.
    const transactions = await queryOnce<{ n: number }>(
      url,
      'select count(distinct processed_at)::int as n from inbox where consumer = $1',
      [durable],
    );
    expect(transactions[0]!.n).toBe(batches.length);
  });

  it('when one event comes alone, then it is handled without waiting for a batch to fill', async () => {
    await start({ maxBatch: 100 });
    const id = randomUUID();
    await publish({ id });
    await eventually(async () => (await appliedCount()) === 1);
    expect(batches).toEqual([[id]]);
  });

  it('when a batch commits, then afterCommit is told, and not for a batch of duplicates only', async () => {
    const id = randomUUID();
    let commits = 0;
    await start({ afterCommit: () => commits++ });
    await publish({ id });
    await eventually(async () => commits === 1);
    await publish({ id }, 'copy-2');
    const marker = randomUUID();
    await publish({ id: marker });
    await eventually(async () => (await applied()).includes(marker));
    expect(commits).toBe(2);
  });

  it('when an event id arrives again, in the same burst or later, then the handler is given it once', async () => {
    const [again, other, marker] = [randomUUID(), randomUUID(), randomUUID()];
    await publish({ id: again }, 'copy-1');
    await publish({ id: again }, 'copy-2');
    await publish({ id: other });
    await start();
    await eventually(async () => (await appliedCount()) === 2);
    await publish({ id: again }, 'copy-3');
    await publish({ id: marker });
    await eventually(async () => (await applied()).includes(marker));
    expect(sorted(await applied())).toEqual(sorted([again, other, marker]));
    const info = await (await jetstreamManager(nc)).consumers.info(streamFor(prefix).name, durable);
    expect(info.num_pending + info.num_ack_pending).toBe(0);
  });

  it('when a batch fails, then nothing of it is kept and it is retried until each event is applied once', async () => {
    const ids = Array.from({ length: 10 }, () => randomUUID());
    for (const id of ids) await publish({ id });
    let failures = 0;
    await start({
      handleBatch: async (events, em) => {
        await record(events, em);
        if (failures++ === 0) throw new Error('database hiccup after the writes');
      },
    });
    await eventually(async () => (await appliedCount()) >= ids.length);
    expect(failures).toBeGreaterThan(1);
    expect(sorted(await applied())).toEqual(sorted(ids));
  });

  it('when one event keeps failing or cannot be decoded, then the rest of its burst is still applied', async () => {
    const good = [randomUUID(), randomUUID(), randomUUID()];
    const bad = randomUUID();
    await publish({ id: good[0]! });
    await jetstream(nc).publish(`${prefix}.reservation.stock.changed`, '{not json');
    await publish({ id: bad, payload: { fail: true } });
    await publish({ id: good[1]! });
    await publish({ id: 'not-a-uuid' });
    await publish({ id: good[2]! });
    await start({
      maxDeliver: 3,
      handleBatch: async (events, em) => {
        if (events.some((e) => (e.payload as { fail?: boolean }).fail)) throw new Error('this event can never apply');
        await record(events, em);
      },
    });
    await eventually(async () => (await appliedCount()) === good.length);
    expect(sorted(await applied())).toEqual(sorted(good));
  });
});
