import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AppError } from '@ticketing/errors';
import { eventually, freePort } from '@ticketing/testing';
import { REFUND_REQUESTED } from '../events/refund-requested.consumer';
import { rowsOf, startTestPayment, TEST_WEBHOOK_SECRET, type TestPayment } from './harness';
import { publishEvent } from './stream';

/** The sandbox provider runs as its own process, from its build, as the system runner starts it. */
const SANDBOX_MAIN =
  process.env.SANDBOX_PROVIDER_MAIN ?? path.resolve(__dirname, '../../../sandbox-provider/dist/main.js');
const describeWithSandbox = existsSync(SANDBOX_MAIN) ? describe : describe.skip;
if (!existsSync(SANDBOX_MAIN)) console.warn(`skipped: build the sandbox provider first (${SANDBOX_MAIN} missing)`);

/** Receives the provider's webhooks and hands their raw bytes and signature to the service, as the gateway does. */
async function webhookReceiver(target: () => TestPayment): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const signature = String(req.headers['x-signature'] ?? '');
      target()
        .call('handleProviderCallback', { rawBody: Buffer.concat(chunks), signature })
        .then(
          () => res.writeHead(200).end('{"received":true}'),
          (error: unknown) => res.writeHead(AppError.is(error) ? error.spec.http : 500).end(),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payments/callback`, server };
}

describeWithSandbox('against the real sandbox provider', () => {
  let sys: TestPayment;
  let sandbox: ChildProcess;
  let receiver: { url: string; server: Server };

  beforeAll(async () => {
    receiver = await webhookReceiver(() => sys);
    const port = await freePort();
    const providerUrl = `http://127.0.0.1:${port}`;
    sandbox = spawn(process.execPath, [SANDBOX_MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        PAYMENT_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
        PROVIDER_WEBHOOK_URL: receiver.url,
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    await eventually(async () => (await fetch(`${providerUrl}/healthz`).catch(() => null))?.ok === true);
    sys = await startTestPayment('payment_sandbox', { PAYMENT_PROVIDER_URL: providerUrl }, { provider: undefined });
  });
  afterAll(async () => {
    await sys?.close();
    sandbox?.kill('SIGTERM');
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  const statusOf = async (paymentId: string) =>
    (await rowsOf(sys, 'select status from payment where id = $1', [paymentId]))[0]!.status as string;

  it('when the buyer pays on the sandbox, then its signed webhook makes SUCCEEDED; a refund request ends REFUNDED by its webhook', async () => {
    const hold = sys.hold('s1');
    const payment = await sys.call(
      'checkout',
      { holdId: hold.holdId, method: 'CARD', idempotencyKey: 'k-s1' },
      'user:s1',
    );
    expect(payment.paymentSessionUrl).toMatch(/\/checkout\/.+/);
    expect((await fetch(payment.paymentSessionUrl)).status).toBe(200);

    const completed = await fetch(`${payment.paymentSessionUrl}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'success' }),
    });
    expect(completed.status).toBe(202);
    await eventually(async () => (await statusOf(payment.paymentId)) === 'SUCCEEDED');

    await publishEvent(sys.prefix, REFUND_REQUESTED, { holdId: hold.holdId, reason: 'CANCELLED' });
    await eventually(async () => (await statusOf(payment.paymentId)) === 'REFUNDED');
    const outcomes = await rowsOf(
      sys,
      'select status, outcome from received_webhook where payment_id = $1 order by id',
      [payment.paymentId],
    );
    expect(outcomes.filter((o) => o.outcome === 'APPLIED').map((o) => o.status)).toEqual(['SUCCESS', 'REFUNDED']);
  });
});
