import { eventually, sleep } from '@ticketing/testing';
import { keys } from '../redis/keys';
import { startTestQueue, type Status, type TestQueue } from './harness';

/** The window moves every 50 ms; admitted users have 1 s to hold. */
describe('QueueServiceTest: admission', () => {
  let queue: TestQueue;
  /** Publishing is held back this long before it starts, to make a wrong order (commit first) visible. */
  let publishDelayMs = 0;

  beforeAll(async () => {
    queue = await startTestQueue(
      'queue_admission',
      { ADMISSION_TTL_SEC: '1' },
      {
        wrapPublish: (publish) => async (sessionId, step) => {
          await sleep(publishDelayMs);
          await publish(sessionId, step);
        },
      },
    );
  });
  afterAll(() => queue.close());
  afterEach(() => (publishDelayMs = 0));

  const enterAll = (sessionId: string, count: number, label = 'u') =>
    Promise.all(Array.from({ length: count }, (_, i) => queue.enter(sessionId, `${label}-${i + 1}`)));
  const statusOf = (entered: Status) => queue.status(entered.queueToken, entered.queueToken && userOf(entered));

  it('allowsWhenWithinWindow: when the window reaches a place, then its user is ADMITTED until the TTL', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 50 });
    const [entered] = await enterAll(sessionId, 1);
    await eventually(async () => (await statusOf(entered!)).allowed);
    const status = await statusOf(entered!);
    expect(status).toMatchObject({ place: 1, ahead: 0, state: 'ADMITTED', allowed: true, estimatedWaitSeconds: 0 });
    const ttlLeft = Date.parse(status.expiresAt) - Date.now();
    expect(ttlLeft).toBeGreaterThan(0);
    expect(ttlLeft).toBeLessThanOrEqual(1000);
  });

  it("when the window widens, then it does so at the session's rate, not faster", async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 10 });
    await enterAll(sessionId, 60);
    const started = Date.now();
    await sleep(2000);
    const steps = await queue.steps(sessionId);
    const upTo = steps[steps.length - 1]!.upTo;
    // One second of credit at most at the start, then 10 per second.
    expect(upTo).toBeLessThanOrEqual(10 + Math.ceil(((Date.now() - started) / 1000) * 10));
    expect(upTo).toBeGreaterThanOrEqual(25);
    const first = Date.parse(steps[0]!.admittedAt);
    for (const step of steps) {
      expect(step.upTo).toBeLessThanOrEqual(10 + Math.ceil(((Date.parse(step.admittedAt) - first) / 1000) * 10));
    }
  });

  it('when an admission is not used, then it EXPIRES, the window moves on, and entering again goes to the back', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 2 });
    const [ann, , , dan] = await enterAll(sessionId, 4);
    await eventually(async () => (await statusOf(ann!)).allowed);
    const admitted = await statusOf(ann!);
    await sleep(Date.parse(admitted.expiresAt) - Date.now() + 50);
    expect(await statusOf(ann!)).toMatchObject({ state: 'EXPIRED', allowed: false, expiresAt: admitted.expiresAt });
    await eventually(async () => (await statusOf(dan!)).allowed, 5000);
    const again = await queue.enter(sessionId, userOf(ann!));
    expect(again.place).toBe(5);
    expect(again.queueToken).not.toBe(ann!.queueToken);
    expect(await statusOf(ann!)).toMatchObject({ state: 'EXPIRED' });
  });

  it('when a step expired more than a TTL ago, then the next step forgets it, and its place stays EXPIRED', async () => {
    const sessionId = await queue.openSession({ admissionRatePerSec: 50 });
    const [ann] = await enterAll(sessionId, 1, 'old');
    await eventually(async () => (await statusOf(ann!)).allowed);
    await sleep(2200);
    const bob = await queue.enter(sessionId, 'new-1');
    await eventually(async () => (await statusOf(bob)).allowed);
    const remembered = await queue.app.redis.zrange(keys.steps(sessionId), 0, -1);
    expect(remembered.map((member) => member.split(':').slice(0, 2).join('-'))).toEqual(['2-2']);
    expect(await statusOf(ann!)).toMatchObject({ state: 'EXPIRED', allowed: false, expiresAt: '' });
  });

  it('when a step is made, then its queue.window.advanced event is stored before any status shows it', async () => {
    publishDelayMs = 150;
    const sessionId = await queue.openSession({ admissionRatePerSec: 20 });
    const entered = await enterAll(sessionId, 30);
    const firstAdmittedAt = new Map<number, number>();
    while (firstAdmittedAt.size < entered.length) {
      await Promise.all(
        entered.map(async (e) => {
          const status = await statusOf(e);
          // EXPIRED shows an admission too: on a loaded machine a poll may come after the place's time ran out,
          // and waiting for an `allowed` that will never come again would hang the test.
          const shown = status.allowed || status.state === 'EXPIRED';
          if (shown && !firstAdmittedAt.has(e.place)) firstAdmittedAt.set(e.place, Date.now());
        }),
      );
    }
    const steps = await queue.steps(sessionId);
    for (const [place, seenAt] of firstAdmittedAt) {
      const step = steps.find((s) => s.from <= place && place <= s.upTo);
      expect(step).toBeDefined();
      expect(step!.storedAt).toBeLessThanOrEqual(seenAt);
    }
  });
});

/** The harness names users in their tokens' tickets; the status call must come from the same user. */
function userOf(entered: Status): string {
  const [, payload] = entered.queueToken.split('.');
  return (JSON.parse(Buffer.from(payload!, 'base64url').toString()) as string[])[1]!;
}
