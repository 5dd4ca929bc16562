import { jetstreamManager } from '@nats-io/jetstream';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Sql } from '@ticketing/db';
import { createLogger } from '@ticketing/logger';
import { eventually, sleep, queryOnce, uniqueName } from '@ticketing/testing';
import {
  enqueueEvents,
  inboxMigration,
  outboxMigration,
  outboxTraceMigration,
  outboxStatement,
  startConsumer,
  startOutboxRelay,
  streamFor,
  type EventEnvelope,
  type NatsConnection,
} from './index';
import { appliedTableMigration, openTestbed, type Testbed } from './test/testbed';

const logger = createLogger({ service: 'nats-kit-test', level: 'silent' });

describe('transactional outbox, relay and inbox consumer on real PostgreSQL and NATS', () => {
  let bed: Testbed;
  let url: string;
  let orm: MikroORM;
  let nc: NatsConnection;
  let prefix: string;

  beforeAll(async () => {
    bed = await openTestbed('outbox', [outboxMigration, outboxTraceMigration, inboxMigration, appliedTableMigration]);
    ({ url, orm, nc } = bed);
  });
  beforeEach(async () => {
    prefix = await bed.newStream('ob');
    // Each test starts with an empty outbox, so one test's leftovers never reach another's stream.
    await orm.em.fork().getConnection().execute('delete from outbox');
  });
  afterAll(() => bed.close());

  const messagesInStream = async () =>
    (await (await jetstreamManager(nc)).streams.info(streamFor(prefix).name)).state.messages;
  const enqueueCommitted = async (type: string, payload: object) =>
    (await orm.em.fork().transactional((em) => enqueueEvents(em, [{ type, payload }])))[0]!;
  const outboxRows = () =>
    queryOnce<{ id: string; type: string; payload: unknown }>(url, 'select id, type, payload from outbox order by seq');

  it('when the change commits, then its event is published once; when it rolls back, then nothing is', async () => {
    await enqueueCommitted('catalog.session.created', { sessionId: 's1' });
    await orm.em
      .fork()
      .transactional(async (em) => {
        await enqueueEvents(em, [{ type: 'catalog.session.created', payload: { sessionId: 's2' } }]);
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    const relay = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger, pollIntervalMs: 10_000 });
    await relay.flush();
    await relay.stop();
    expect(await messagesInStream()).toBe(1);
    const pending = await queryOnce(url, 'select count(*)::int as n from outbox where published_at is null');
    expect(pending[0]!.n).toBe(0);
  });

  it('when a batch is enqueued, then it is one row per event, kept in the order given, with the ids returned', async () => {
    const ids = await orm.em.fork().transactional((em) =>
      enqueueEvents(new Sql(em), [
        { type: 'reservation.hold.created', payload: { holdId: 'h1', note: 'it\'s "quoted"' } },
        { type: 'reservation.stock.changed', payload: { sessionId: 's1', available: 3 } },
      ]),
    );
    expect(await outboxRows()).toEqual([
      { id: ids[0], type: 'reservation.hold.created', payload: { holdId: 'h1', note: 'it\'s "quoted"' } },
      { id: ids[1], type: 'reservation.stock.changed', payload: { sessionId: 's1', available: 3 } },
    ]);
    expect(await orm.em.fork().transactional((em) => enqueueEvents(em, []))).toEqual([]);
  });

  it('when one event of a batch has a malformed type, then the whole batch is refused before anything is written', async () => {
    const batch = [
      { type: 'reservation.hold.created', payload: { holdId: 'h2' } },
      { type: 'Reservation Hold Created', payload: { holdId: 'h3' } },
    ];
    expect(() => outboxStatement(batch)).toThrow(/"Reservation Hold Created" must look like "service.entity.event"/);
    await expect(orm.em.fork().transactional((em) => enqueueEvents(em, batch))).rejects.toThrow(/must look like/);
    expect(await outboxRows()).toEqual([]);
  });

  it('when the relay dies between publishing and marking, then the next run publishes again and the server keeps one copy', async () => {
    const id = await enqueueCommitted('catalog.session.updated', { sessionId: 's3' });
    const first = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger, pollIntervalMs: 10_000 });
    await first.flush();
    await first.stop();
    // Make the row look unpublished, as if the process had died right after the publish.
    await orm.em.fork().getConnection().execute('update outbox set published_at = null where id = ?', [id]);
    const restarted = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger, pollIntervalMs: 10_000 });
    await restarted.flush();
    await restarted.stop();
    const marked = await queryOnce(url, 'select published_at from outbox where id = $1', [id]);
    expect(marked[0]!.published_at).not.toBeNull();
    expect(await messagesInStream()).toBe(1);
  });

  it('when two relays run at once, then every event is published exactly once', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => enqueueCommitted('reservation.stock.changed', { i })));
    const a = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger, pollIntervalMs: 5, batchSize: 5 });
    const b = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger, pollIntervalMs: 5, batchSize: 5 });
    await eventually(async () => (await messagesInStream()) >= 50);
    await Promise.all([a.stop(), b.stop()]);
    expect(await messagesInStream()).toBe(50);
  });

  it('when an event arrives twice past the server de-duplication, then the consumer applies it once', async () => {
    const envelope: EventEnvelope = {
      id: '3b9b7f1e-2f0a-4a59-9d4e-7f3c2a1b0c9d',
      type: 'reservation.stock.changed',
      occurredAt: new Date().toISOString(),
      payload: { v: 1 },
    };
    const durable = uniqueName('dup');
    const consumer = await startConsumer({
      nats: nc,
      orm,
      stream: streamFor(prefix).name,
      durable,
      subjects: [`${prefix}.reservation.>`],
      logger,
      handle: async (event, em) => {
        await new Sql(em).run('insert into applied (event_id, type) values (?, ?)', [event.id, durable]);
      },
    });
    const { jetstream } = await import('@nats-io/jetstream');
    const js = jetstream(nc);
    await js.publish(`${prefix}.reservation.stock.changed`, JSON.stringify(envelope), { msgID: 'copy-1' });
    await js.publish(`${prefix}.reservation.stock.changed`, JSON.stringify(envelope), { msgID: 'copy-2' });
    await eventually(
      async () =>
        (await queryOnce(url, 'select count(*)::int as n from inbox where consumer = $1', [durable]))[0]!.n === 1,
    );
    await sleep(300);
    await consumer.stop();
    const rows = await queryOnce(url, 'select count(*)::int as n from applied where type = $1', [durable]);
    expect(rows[0]!.n).toBe(1);
  });

  it('when the handler fails once, then the event is retried and applied; a poison message is dropped without blocking', async () => {
    const durable = uniqueName('retry');
    let failures = 0;
    const consumer = await startConsumer({
      nats: nc,
      orm,
      stream: streamFor(prefix).name,
      durable,
      subjects: [`${prefix}.catalog.>`],
      logger,
      retryDelayMs: 50,
      handle: async (event, em) => {
        if (failures++ === 0) throw new Error('database hiccup');
        await new Sql(em).run('insert into applied (event_id, type) values (?, ?)', [event.id, durable]);
      },
    });
    const { jetstream } = await import('@nats-io/jetstream');
    await jetstream(nc).publish(`${prefix}.catalog.session.created`, '{not json');
    const id = await enqueueCommitted('catalog.session.created', { sessionId: 's9' });
    const relay = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger });
    await eventually(
      async () =>
        (await queryOnce(url, 'select count(*)::int as n from applied where type = $1', [durable]))[0]!.n === 1,
    );
    await relay.stop();
    await consumer.stop();
    const applied = await queryOnce(url, 'select event_id from applied where type = $1', [durable]);
    expect(applied.map((r) => r.event_id)).toEqual([id]);
  });
});
