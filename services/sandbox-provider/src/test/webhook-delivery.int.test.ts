import { eventually, freePort, sleep } from '@ticketing/testing';
import { SECRET, startHarness, type Harness } from './harness';
import { startReceiver, verifiedTimestamp } from './receiver';

describe('webhook delivery', () => {
  let h: Harness;
  afterEach(() => h.stop());

  const hooksOf = (pgPaymentId: string) => h.receiver.received.filter((w) => w.body.pgPaymentId === pgPaymentId);

  async function pay(extra: Record<string, unknown> = {}): Promise<string> {
    const { pgPaymentId } = await h.createPayment(extra);
    await h.post(`/checkout/${pgPaymentId}/complete`, { outcome: 'success' });
    return pgPaymentId;
  }

  it('when the receiver fails twice, then the provider retries with doubling waits until it answers 2xx', async () => {
    h = await startHarness({ WEBHOOK_BACKOFF_MS: '100' });
    h.receiver.answerWith((n) => (n <= 2 ? 503 : 200));
    const pgPaymentId = await pay();
    await eventually(async () => hooksOf(pgPaymentId).length === 3);
    await sleep(500);
    const hooks = hooksOf(pgPaymentId);
    expect(hooks).toHaveLength(3);
    expect(hooks.map((w) => w.rawBody)).toEqual(Array(3).fill(hooks[0]!.rawBody));
    const [first, second, third] = hooks.map((w) => w.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(90);
    expect(third - second).toBeGreaterThanOrEqual(190);
  });

  it('when a retry goes out hours later, then it is signed with its own fresh timestamp', async () => {
    // Each signature reads the clock once; this clock moves on two hours per reading.
    let readings = 0;
    const start = Date.now();
    h = await startHarness({}, { now: () => start + readings++ * 7_200_000 });
    h.receiver.answerWith((n) => (n <= 2 ? 500 : 200));
    const pgPaymentId = await pay();
    await eventually(async () => hooksOf(pgPaymentId).length === 3);
    const stamps = hooksOf(pgPaymentId).map((w) => verifiedTimestamp(w, SECRET));
    const startSec = Math.floor(start / 1000);
    expect(stamps).toEqual([startSec, startSec + 7200, startSec + 14400]);
  });

  it('when the receiver never answers 2xx, then the provider stops after WEBHOOK_MAX_ATTEMPTS', async () => {
    h = await startHarness({ WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '10' });
    h.receiver.answerWith(() => 500);
    const pgPaymentId = await pay();
    await eventually(async () => hooksOf(pgPaymentId).length === 3);
    await sleep(300);
    expect(hooksOf(pgPaymentId)).toHaveLength(3);
  });

  it('when the receiver answers 404 (payment not recorded yet), then the webhook is retried', async () => {
    h = await startHarness();
    h.receiver.answerWith((n) => (n === 1 ? 404 : 200));
    const pgPaymentId = await pay();
    await eventually(async () => hooksOf(pgPaymentId).length === 2);
  });

  it('when the receiver answers slower than WEBHOOK_TIMEOUT_MS, then the attempt is abandoned and retried', async () => {
    h = await startHarness({ WEBHOOK_TIMEOUT_MS: '100' });
    h.receiver.answerWith((n) => (n === 1 ? new Promise<number>(() => undefined) : 200));
    const pgPaymentId = await pay();
    await eventually(async () => hooksOf(pgPaymentId).length === 2);
  });

  it('when the receiver refuses with 401 or 409, then the webhook is not retried', async () => {
    h = await startHarness();
    h.receiver.answerWith((n) => (n === 1 ? 401 : 409));
    const refusedOnce = await pay();
    const refusedAgain = await pay();
    await eventually(async () => h.receiver.received.length === 2);
    await sleep(300);
    expect(hooksOf(refusedOnce)).toHaveLength(1);
    expect(hooksOf(refusedAgain)).toHaveLength(1);
  });

  it('when the receiver is not listening yet, then the provider keeps retrying until it is', async () => {
    const port = await freePort();
    h = await startHarness({ PROVIDER_WEBHOOK_URL: `http://127.0.0.1:${port}/api/payments/callback` });
    const pgPaymentId = await pay();
    await sleep(300);
    const late = await startReceiver(() => 200, port);
    try {
      await eventually(async () => late.received.some((w) => w.body.pgPaymentId === pgPaymentId));
    } finally {
      await late.close();
    }
  });

  it('when the payment asks for duplicates, then the receiver gets the same webhook twice, each signed', async () => {
    h = await startHarness();
    const pgPaymentId = await pay({ webhook: { duplicates: true } });
    await eventually(async () => hooksOf(pgPaymentId).length === 2);
    const [a, b] = hooksOf(pgPaymentId);
    expect(a!.rawBody).toBe(b!.rawBody);
    expect(() => verifiedTimestamp(a!, SECRET)).not.toThrow();
    expect(() => verifiedTimestamp(b!, SECRET)).not.toThrow();
    await sleep(200);
    expect(hooksOf(pgPaymentId)).toHaveLength(2);
  });

  it('when WEBHOOK_DUPLICATES is set, then every payment that does not choose gets two copies', async () => {
    h = await startHarness({ WEBHOOK_DUPLICATES: 'true' });
    const byDefault = await pay();
    const optedOut = await pay({ webhook: { duplicates: false } });
    await eventually(async () => hooksOf(byDefault).length === 2 && hooksOf(optedOut).length === 1);
  });

  it('when the payment asks for a delay, then nothing is sent before it has passed', async () => {
    h = await startHarness();
    const completedAt = Date.now();
    const pgPaymentId = await pay({ webhook: { delayMs: 600 } });
    await sleep(300);
    expect(hooksOf(pgPaymentId)).toEqual([]);
    await eventually(async () => hooksOf(pgPaymentId).length === 1);
    expect(hooksOf(pgPaymentId)[0]!.at - completedAt).toBeGreaterThanOrEqual(600);
  });

  it('when WEBHOOK_DELAY_MS is set, then payments without their own delay wait that long', async () => {
    h = await startHarness({ WEBHOOK_DELAY_MS: '400' });
    const completedAt = Date.now();
    const pgPaymentId = await pay();
    await eventually(async () => hooksOf(pgPaymentId).length === 1);
    expect(hooksOf(pgPaymentId)[0]!.at - completedAt).toBeGreaterThanOrEqual(400);
  });
});
