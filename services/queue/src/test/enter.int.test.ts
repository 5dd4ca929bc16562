import { randomUUID } from 'node:crypto';
import { createQueueTokens } from '@ticketing/queue-tokens';
import { startTestQueue, TEST_SECRET, type TestQueue } from './harness';

/** Here the window never moves (the tick is an hour away): places and the people ahead stay put. */
describe('QueueServiceTest: entering the waiting room', () => {
  let queue: TestQueue;

  beforeAll(async () => {
    queue = await startTestQueue('queue_enter', { ADMISSION_TICK_MS: '3600000', QUEUE_DEFAULT_ADMISSION_RATE: '4' });
  });
  afterAll(() => queue.close());

  it('issuesTokenWithPosition: when users enter, then each gets a signed token for its place in arrival order', async () => {
    const sessionId = await queue.openSession();
    const first = await queue.enter(sessionId, 'ann');
    await queue.enter(sessionId, 'bob');
    const third = await queue.enter(sessionId, 'cid');
    expect(first).toMatchObject({ sessionId, place: 1, ahead: 0, state: 'WAITING', allowed: false });
    expect(third).toMatchObject({ place: 3, ahead: 2, state: 'WAITING', estimatedWaitSeconds: 1 });
    expect(Date.parse(third.expiresAt)).toBeGreaterThan(Date.now() + 3_600_000);
    expect(createQueueTokens(TEST_SECRET).read(third.queueToken)).toMatchObject({ sessionId, userId: 'cid', place: 3 });
  });

  it('when a user enters again (a refresh, a second tab), then the same token and place come back', async () => {
    const sessionId = await queue.openSession();
    const before = await queue.enter(sessionId, 'ann');
    await queue.enter(sessionId, 'bob');
    const again = await Promise.all([queue.enter(sessionId, 'ann'), queue.enter(sessionId, 'ann')]);
    expect(again.map((s) => [s.queueToken, s.place])).toEqual([
      [before.queueToken, 1],
      [before.queueToken, 1],
    ]);
    expect((await queue.enter(sessionId, 'cid')).place).toBe(3);
  });

  it('when 500 users enter at once, then they get exactly places 1..500, one each', async () => {
    const sessionId = await queue.openSession();
    const users = Array.from({ length: 500 }, (_, i) => `crowd-${i}`);
    const answers = await Promise.all(users.map((user) => queue.enter(sessionId, user)));
    expect(answers.map((a) => a.place).sort((a, b) => a - b)).toEqual(users.map((_, i) => i + 1));
    expect(new Set(answers.map((a) => a.queueToken)).size).toBe(500);
    const tokens = createQueueTokens(TEST_SECRET);
    answers.forEach((answer, i) => expect(tokens.read(answer.queueToken)?.userId).toBe(users[i]));
  });

  it('rejectsWhenQueueIsFull: when maxQueueLength people wait, then a new user gets QUEUE_FULL with a retry time', async () => {
    const sessionId = await queue.openSession({ maxQueueLength: 3, admissionRatePerSec: 2 });
    const inLine = await Promise.all(['a', 'b', 'c'].map((user) => queue.enter(sessionId, user)));
    await expect(queue.enter(sessionId, 'd')).rejects.toMatchObject({
      code: 'QUEUE_FULL',
      details: { retryAfterSeconds: 1 },
    });
    // Someone already in line is never refused.
    await expect(queue.enter(sessionId, 'a')).resolves.toMatchObject({ queueToken: inLine[0]!.queueToken });
  });

  it('when the session has no queue, then entering is QUEUE_NOT_ENABLED', async () => {
    const sessionId = await queue.openSession({ queueEnabled: false });
    await expect(queue.enter(sessionId, 'ann')).rejects.toMatchObject({ code: 'QUEUE_NOT_ENABLED' });
  });

  it('when the session is unknown, deleted or not an id, then entering is NOT_FOUND', async () => {
    await expect(queue.enter(randomUUID(), 'ann')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(queue.enter('not-a-session', 'ann')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const sessionId = await queue.openSession();
    const { queueToken } = await queue.enter(sessionId, 'ann');
    await queue.publish('catalog.session.deleted', { sessionId, eventId: randomUUID(), version: 2 });
    await eventuallyRejects(() => queue.enter(sessionId, 'bob'), 'NOT_FOUND');
    await expect(queue.status(queueToken, 'ann')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('when sales have closed, then entering is SALES_CLOSED', async () => {
    const sessionId = await queue.openSession({ salesCloseAt: new Date(Date.now() + 300).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(queue.enter(sessionId, 'late')).rejects.toMatchObject({ code: 'SALES_CLOSED' });
  });

  it('when an older session event comes after a newer one, then the newer settings stay', async () => {
    const sessionId = await queue.openSession({ maxQueueLength: 5 });
    await queue.publish('catalog.session.updated', sessionPayloadFor(sessionId, { maxQueueLength: 1, version: 3 }));
    await queue.publish('catalog.session.updated', sessionPayloadFor(sessionId, { maxQueueLength: 5, version: 2 }));
    await queue.openSession(); // consumed after both: a marker
    await queue.enter(sessionId, 'ann');
    await expect(queue.enter(sessionId, 'bob')).rejects.toMatchObject({ code: 'QUEUE_FULL' });
  });
});

function sessionPayloadFor(sessionId: string, extra: Record<string, unknown>) {
  const salesCloseAt = new Date(Date.now() + 86_400_000).toISOString();
  return { sessionId, queueEnabled: true, admissionRatePerSec: 0, maxQueueLength: 0, salesCloseAt, ...extra };
}

async function eventuallyRejects(call: () => Promise<unknown>, code: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const error = await call().then(
      () => null,
      (e: { code: string }) => e,
    );
    if (error?.code === code || Date.now() > deadline) return void expect(error).toMatchObject({ code });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
