import { sleep } from '@ticketing/testing';
import { keys } from '../redis/keys';
import { startTestQueue, type PublishedStep, type TestQueue } from './harness';

/** Each step starts right after the one before; none is published twice or overlaps another. */
function expectContiguous(steps: PublishedStep[]): void {
  steps.forEach((step, i) => expect(step.from).toBe(i === 0 ? 1 : steps[i - 1]!.upTo + 1));
  steps.forEach((step) => expect(step.upTo).toBeGreaterThanOrEqual(step.from));
}

describe('the window mover with several queue instances on one Redis', () => {
  let queue: TestQueue;

  beforeAll(async () => {
    queue = await startTestQueue('queue_movers');
  });
  afterAll(() => queue.close());

  const enterAll = (sessionId: string, count: number) =>
    Promise.all(Array.from({ length: count }, (_, i) => queue.enter(sessionId, `m-${i + 1}`)));
  const upToInRedis = async (sessionId: string) => Number(await queue.app.redis.hget(keys.meta(sessionId), 'upTo'));

  it('when three instances tick on the same sessions, then the window never advances twice for one step', async () => {
    await queue.startReplica();
    await queue.startReplica();
    // A fast session makes steps of varying size, so two movers deciding at once would publish different steps.
    const sessions = [
      { rate: 20, users: 100 },
      { rate: 300, users: 700 },
    ];
    const ids = await Promise.all(sessions.map(({ rate }) => queue.openSession({ admissionRatePerSec: rate })));
    await Promise.all(ids.map((sessionId, i) => enterAll(sessionId, sessions[i]!.users)));
    await sleep(1500);
    for (const [i, sessionId] of ids.entries()) {
      const { rate } = sessions[i]!;
      // Redis first: what statuses show is never ahead of what was published.
      const committed = await upToInRedis(sessionId);
      const steps = await queue.steps(sessionId);
      expectContiguous(steps);
      const first = Date.parse(steps[0]!.admittedAt);
      // One second of credit at the start, then the rate, whoever moved. Multiplied before dividing
      // (as the mover does): 0.69 * 300 is 206.99999999999997 in floating point, 690 * 300 / 1000 is 207.
      const allowedBy = (admittedAt: string) =>
        rate + Math.floor(((Date.parse(admittedAt) - first) * rate) / 1000 + 1e-9);
      for (const step of steps) {
        expect(step.upTo).toBeLessThanOrEqual(allowedBy(step.admittedAt));
      }
      expect(steps[steps.length - 1]!.upTo).toBeGreaterThanOrEqual(1.5 * rate);
      expect(committed).toBeLessThanOrEqual(steps[steps.length - 1]!.upTo);
    }
  });
});

describe('the window mover after a crash between the publish and the commit', () => {
  let queue: TestQueue;
  const crashed: string[] = [];

  beforeAll(async () => {
    queue = await startTestQueue(
      'queue_mover_crash',
      {},
      {
        // The first publish of each session is stored by the server, then the mover "dies" before committing.
        wrapPublish: (publish) => async (sessionId, step) => {
          await publish(sessionId, step);
          if (!crashed.includes(sessionId)) {
            crashed.push(sessionId);
            throw new Error('crashed after the publish');
          }
        },
      },
    );
  });
  afterAll(() => queue.close());

  it('when the mover moves again, then it commits the very step it published, not a new overlapping one', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 5 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => queue.enter(sessionId, `c-${i + 1}`)));
    await sleep(1000);
    expect(crashed).toEqual([sessionId]);
    // The window first, then the stream: every committed step was published before its commit,
    // so the stream read afterwards holds it even while the mover keeps moving.
    const upTo = Number(await queue.app.redis.hget(keys.meta(sessionId), 'upTo'));
    const steps = await queue.steps(sessionId);
    expectContiguous(steps);
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.map((s) => s.upTo)).toContain(upTo);
    const first = await queue.status((await queue.enter(sessionId, 'c-1')).queueToken, 'c-1');
    expect(first).toMatchObject({ state: 'ADMITTED', expiresAt: steps[0]!.expiresAt });
  });
});
