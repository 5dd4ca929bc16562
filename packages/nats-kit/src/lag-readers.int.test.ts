import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { consumerLagReader } from './consumer-lag';
import { outboxMigration, streamFor } from './index';
import { readOutboxLag } from './outbox-lag';
import { openTestbed, type Testbed } from './test/testbed';

describe('lag readers for metrics, on real PostgreSQL and NATS', () => {
  let bed: Testbed;

  beforeAll(async () => {
    bed = await openTestbed('lag_readers', [outboxMigration]);
  });
  afterAll(() => bed.close());

  it('when events wait in the outbox, then the backlog counts them and the oldest age grows; published ones leave it', async () => {
    expect(await readOutboxLag(bed.orm)).toEqual({ backlog: 0, oldestAgeSeconds: 0 });
    const em = bed.orm.em.fork();
    // Rows as a change writes them; the relay is not running, so they wait.
    await em
      .getConnection()
      .execute(
        `insert into outbox (id, type, payload) values (gen_random_uuid(), 'test.thing.happened', '{}'), (gen_random_uuid(), 'test.thing.happened', '{}')`,
      );
    await em
      .getConnection()
      .execute(
        `update outbox set occurred_at = now() - interval '40 seconds' where seq = (select min(seq) from outbox)`,
      );
    const waiting = await readOutboxLag(bed.orm);
    expect(waiting.backlog).toBe(2);
    expect(waiting.oldestAgeSeconds).toBeGreaterThanOrEqual(40);
    expect(waiting.oldestAgeSeconds).toBeLessThan(60);

    await em.getConnection().execute('update outbox set published_at = now()');
    expect(await readOutboxLag(bed.orm)).toEqual({ backlog: 0, oldestAgeSeconds: 0 });
  });

  it('when a durable consumer has messages it has not taken, then they are its pending count; an unknown one is left out', async () => {
    const prefix = await bed.newStream('lag');
    const stream = streamFor(prefix).name;
    const jsm = await jetstreamManager(bed.nc);
    await jsm.consumers.add(stream, {
      durable_name: 'lagging',
      ack_policy: AckPolicy.Explicit,
      filter_subject: `${prefix}.>`,
    });
    const js = jetstream(bed.nc);
    for (let n = 0; n < 3; n += 1) await js.publish(`${prefix}.test.thing`, `m${n}`);

    const read = consumerLagReader(bed.nc, stream, ['lagging', 'never-made']);
    expect(await read()).toEqual([{ stream, consumer: 'lagging', pending: 3 }]);
  });
});
