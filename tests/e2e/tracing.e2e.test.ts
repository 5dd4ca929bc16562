import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startIsolatedSystem, type IsolatedSystem } from '@ticketing/system-runner';
import { startOtlpReceiver, type ReceivedSpan } from './otlp-receiver';
import { ADMIN, call, keyed, sessionOnSale, until } from './support';

// Every process exports its spans over OTLP/HTTP to an in-memory receiver in this test, as it would
// to a collector; every process logs at info into files this test reads.
const SECRETS = {
  SERVICE_TOKEN_SECRET: randomBytes(32).toString('base64url'),
  QUEUE_TOKEN_SECRET: randomBytes(32).toString('base64url'),
  PAYMENT_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
  TICKET_QR_SECRET: randomBytes(32).toString('base64url'),
};
const BUYER = { email: 'traced@example.com', password: 'Traced-Buyer-2026' };

describe('one purchase, one trace: gateway, reservation, PostgreSQL, payment and the SOLD consumer', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let system: IsolatedSystem;
  let logDir: string;
  let base: string;
  const tokens: string[] = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    logDir = mkdtempSync(path.join(tmpdir(), 'e2e-tracing-'));
    system = await startIsolatedSystem('e2e_tracing', {
      logDir,
      logLevel: 'info',
      env: { ...SECRETS, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' },
      envFor: { auth: { BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password } },
    });
    base = system.gatewayUrl;
  });
  afterAll(async () => {
    if (system) await system.teardown();
    await receiver?.close();
    if (logDir) rmSync(logDir, { recursive: true, force: true });
  });

  const spansOf = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);
  const servicesOf = (spans: ReceivedSpan[]) => [...new Set(spans.map((s) => s.service))].sort();
  const logLines = (process: string) =>
    readFileSync(path.join(logDir, `${process}.log`), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('when a buyer holds, checks out and pays, then the hold and the sale are traced across processes, logs carry the trace id, and no secret is logged', async () => {
    const admin = await call(base, 'POST', '/api/auth/login', ADMIN);
    tokens.push(admin.body.accessToken, admin.body.refreshToken);
    const sessionId = await sessionOnSale(base, admin.body.accessToken);
    await call(base, 'POST', '/api/auth/signup', BUYER);
    const login = await call(base, 'POST', '/api/auth/login', BUYER);
    const buyer = login.body.accessToken as string;
    tokens.push(buyer, login.body.refreshToken);

    // The hold: gateway → reservation (gRPC) → PostgreSQL, one trace, named in the answer.
    const hold = await keyed(base, '/api/reservations/hold', { sessionId, quantity: 1 }, buyer);
    expect(hold.status).toBe(201);
    const holdTrace = hold.headers.get('x-trace-id')!;
    expect(holdTrace).toMatch(/^[0-9a-f]{32}$/);
    const holdSpans = await until(
      async () => spansOf(holdTrace),
      (spans) =>
        spans.some((s) => s.service === 'reservation' && isPostgres(s)) &&
        spans.some((s) => s.service === 'gateway' && s.name === 'POST /api/reservations/hold'),
      "the gateway's hold span and a PostgreSQL span of reservation in the hold trace",
    );
    expect(servicesOf(holdSpans)).toEqual(expect.arrayContaining(['gateway', 'reservation']));

    // A refusal names the same trace id in its problem body as in its header: what a buyer reports is searchable.
    const refused = await keyed(base, '/api/reservations/hold', { sessionId, quantity: 9 }, buyer);
    expect(refused.status).toBe(400);
    expect(refused.body.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(refused.headers.get('x-trace-id')).toBe(refused.body.traceId);

    // The checkout's trace continues through the provider's webhook and NATS to the SOLD transition.
    const checkout = await keyed(base, '/api/payments/checkout', { holdId: hold.body.holdId, method: 'CARD' }, buyer);
    expect(checkout.status).toBe(201);
    const checkoutTrace = checkout.headers.get('x-trace-id')!;
    const complete = await fetch(`${checkout.body.paymentSessionUrl}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'success' }),
    });
    expect(complete.status).toBe(202);
    await until(
      () => call(base, 'GET', `/api/reservations/hold/${hold.body.holdId}`, undefined, buyer),
      (h) => h.body.status === 'SOLD',
      'the sale',
    );
    const saleSpans = await until(
      async () => spansOf(checkoutTrace),
      (spans) =>
        spans.some((s) => s.service === 'reservation' && s.name.endsWith('payment.succeeded process')) &&
        spans.some((s) => s.service === 'payment' && s.name.endsWith('payment.succeeded publish')),
      "the payment's publication and the SOLD consumer span in the checkout trace",
    );
    expect(servicesOf(saleSpans)).toEqual(expect.arrayContaining(['gateway', 'payment', 'reservation']));

    // The same trace id in the logs of each process on the way, the SOLD consumer's line included.
    await until(
      async () => logLines('reservation').filter((l) => l.traceId === checkoutTrace && l.msg === 'payment event'),
      (lines) => lines.length > 0,
      'the SOLD consumer log line',
    );
    for (const process of ['gateway', 'payment', 'reservation'])
      expect(logLines(process).some((line) => line.traceId === checkoutTrace)).toBe(true);
    const soldLine = logLines('reservation').find((l) => l.traceId === checkoutTrace && l.msg === 'payment event')!;
    expect(soldLine).toMatchObject({ action: 'payment.succeeded', outcome: 'sold', spanId: expect.any(String) });
    const requestLine = logLines('gateway').find((l) => l.traceId === holdTrace && l.msg === 'request')!;
    expect(requestLine).toMatchObject({
      action: 'POST /api/reservations/hold',
      outcome: 'ok',
      status: 201,
      latencyMs: expect.any(Number),
      userId: expect.any(String),
    });

    // Nothing secret reached any log: passwords, tokens, the shared secrets. (Card data never reaches
    // this system: the buyer types it on the provider's page.)
    const everything = readdirSync(logDir)
      .map((file) => readFileSync(path.join(logDir, file), 'utf8'))
      .join('\n');
    const secrets = [BUYER.password, ADMIN.password, ...tokens, ...Object.values(SECRETS)];
    expect(secrets.every((s) => typeof s === 'string' && s.length >= 8)).toBe(true);
    expect(secrets.filter((secret) => everything.includes(secret))).toEqual([]);
    expect(everything).not.toMatch(/Bearer\s+ey/);
  });
});

function isPostgres(span: ReceivedSpan): boolean {
  return span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql';
}
