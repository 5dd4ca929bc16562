import { eventually, sleep } from '@ticketing/testing';
import { keys } from '../redis/keys';
import { startTestQueue, type TestQueue } from './harness';

describe('QueueServiceTest: a sold-out session', () => {
  let queue: TestQueue;

  beforeAll(async () => {
    queue = await startTestQueue('queue_sold_out');
  });
  afterAll(() => queue.close());

  const upTo = async (sessionId: string) => Number(await queue.app.redis.hget(keys.meta(sessionId), 'upTo'));

  it('when stock runs out, then waiting users see SOLD_OUT at once, and admission resumes when stock returns', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 2 });
    const entered = await Promise.all(['s1', 's2', 's3', 's4', 's5'].map((user) => queue.enter(sessionId, user)));
    await eventually(async () => (await upTo(sessionId)) >= 2);
    await queue.setStock(sessionId, 2, 0);
    const last = await queue.status(entered[4]!.queueToken, 's5');
    expect(last).toMatchObject({ state: 'SOLD_OUT', allowed: false, estimatedWaitSeconds: 0 });
    expect(last.ahead).toBeGreaterThan(0);
    // Already admitted users keep their admission: they may still find a ticket someone releases.
    expect(await queue.status(entered[0]!.queueToken, 's1')).toMatchObject({ state: 'ADMITTED' });

    const frozen = await upTo(sessionId);
    await sleep(1200);
    expect(await upTo(sessionId)).toBe(frozen);

    await queue.setStock(sessionId, 3, 1);
    await eventually(async () => (await queue.status(entered[4]!.queueToken, 's5')).allowed, 5000);
    expect(await upTo(sessionId)).toBe(5);
  });

  it('when an older stock event comes after a newer one, then it changes nothing', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 1 });
    await queue.setStock(sessionId, 5, 3);
    await queue.publish('reservation.stock.changed', {
      sessionId,
      version: 4,
      total: 3,
      available: 0,
      held: 3,
      sold: 0,
    });
    await queue.setStock(await queue.openSession(), 1, 5); // another session's, consumed after the stale one
    await queue.enter(sessionId, 'o1');
    const { queueToken } = await queue.enter(sessionId, 'o2');
    expect(await queue.status(queueToken, 'o2')).toMatchObject({ state: 'WAITING' });
  });
});
