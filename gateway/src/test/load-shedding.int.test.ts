import { signingKey, startHarness, type Harness } from './harness';

describe('gateway load shedding', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({}, await signingKey(), { MAX_EVENT_LOOP_DELAY_MS: '100' });
  });
  afterAll(() => harness.close());

  it('when the event loop is saturated, then new requests get 503 OVERLOADED with Retry-After, and service resumes after', async () => {
    const busyUntil = Date.now() + 1500;
    while (Date.now() < busyUntil) {
      // Keep the only thread busy, as a flood of work would.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    const shed = await harness.app.inject({ method: 'GET', url: '/api/events' });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('5');
    expect(shed.json()).toMatchObject({ code: 'OVERLOADED' });

    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await harness.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  }, 30_000);
});
