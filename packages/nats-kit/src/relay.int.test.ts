import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '@ticketing/logger';
import { TEST_NATS_URL, eventually, queryOnce, sleep } from '@ticketing/testing';
import {
  connectNats,
  outboxMigration,
  outboxTraceMigration,
  startOutboxRelay,
  streamFor,
  type NatsConnection,
} from './index';
import { openTestbed, type Testbed } from './test/testbed';

const logger = createLogger({ service: 'relay-test', level: 'silent' });
// Far longer than any test waits: an event that arrives can only have been sent because of a kick.
const NO_POLL_MS = 60_000;

describe('outbox relay wake-ups on real PostgreSQL and NATS', () => {
  let bed: Testbed;
  let url: string;
  let orm: MikroORM;
  let nc: NatsConnection;
  let prefix: string;
  /** Set by a test to hold the relay inside a flush: each relay transaction waits for it after committing. */
  let gate: Promise<void> | undefined;
  let commits = 0;
  let rollbacks = 0;

  beforeAll(async () => {
    bed = await openTestbed('relay', [outboxMigration, outboxTraceMigration]);
    ({ url, orm, nc } = bed);
    orm.em.getEventManager().registerSubscriber({
      afterTransactionCommit: async () => {
        commits++;
        await gate;
      },
      afterTransactionRollback: () => {
        rollbacks++;
      },
    });
  });
  beforeEach(async () => {
    prefix = await bed.newStream('relay');
    await queryOnce(url, 'delete from outbox');
    gate = undefined;
  });
  afterAll(() => bed.close());

  /** A commit made elsewhere (another replica, a script): the relay learns of it only by a kick or a poll. */
  const commitEvent = async () => {
    const id = randomUUID();
    await queryOnce(url, 'insert into outbox (id, type, payload) values ($1, $2, $3)', [
      id,
      'catalog.session.updated',
      JSON.stringify({ sessionId: id }),
    ]);
    return id;
  };
  const published = async (id: string) =>
    (await queryOnce(url, 'select 1 from outbox where id = $1 and published_at is not null', [id])).length === 1;
  const inStream = async () => (await (await jetstreamManager(nc)).streams.info(streamFor(prefix).name)).state.messages;

  it('when an event commits and the idle relay is kicked, then it is published without waiting for the poll', async () => {
    const relay = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger, pollIntervalMs: NO_POLL_MS });
    await eventually(async () => commits > 0);
    const id = await commitEvent();
    relay.kick();
    await eventually(() => published(id));
    await relay.stop();
    expect(await inStream()).toBe(1);
  });

  it('when a kick comes while a flush is running, then another flush follows at once', async () => {
    const relay = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger, pollIntervalMs: NO_POLL_MS });
    await eventually(async () => commits > 0);
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    const committedBefore = commits;
    relay.kick();
    // The flush has looked, found nothing and committed; it is held before it can go back to sleep.
    await eventually(async () => commits > committedBefore);
    const id = await commitEvent();
    relay.kick();
    gate = undefined;
    release();
    await eventually(() => published(id));
    await relay.stop();
    expect(await inStream()).toBe(1);
  });

  it('when nothing kicks, then the poll still publishes an event committed elsewhere', async () => {
    const relay = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger, pollIntervalMs: 200 });
    await eventually(async () => commits > 0);
    const id = await commitEvent();
    await eventually(() => published(id));
    await relay.stop();
    expect(await inStream()).toBe(1);
  });

  it('when publishing fails, then kicks do not retry it before the poll interval', async () => {
    const closed = await connectNats(TEST_NATS_URL, 'relay-test-closed');
    await closed.close();
    await commitEvent();
    const failedBefore = rollbacks;
    const relay = startOutboxRelay({ orm, nats: closed, subjectPrefix: prefix, logger, pollIntervalMs: NO_POLL_MS });
    await eventually(async () => rollbacks > failedBefore);
    for (let i = 0; i < 5; i++) relay.kick();
    await sleep(300);
    expect(rollbacks).toBe(failedBefore + 1);
    await relay.stop();
  });
});
