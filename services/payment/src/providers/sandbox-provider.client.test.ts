import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxProviderClient } from './sandbox-provider.client';

type Handler = (request: { method: string; url: string; body: unknown }, response: ServerResponse) => void;

/** A stand-in for the provider's HTTP API that records what it was sent and answers as told. */
async function providerApi(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => handler({ method: req.method!, url: req.url!, body: raw ? JSON.parse(raw) : null }, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('the sandbox provider client', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const start = async (handler: Handler) => {
    const api = await providerApi(handler);
    servers.push(api.server);
    return api.url;
  };

  it('when a payment is created, then it posts our id, the amount in minor units and the currency, and reads the session', async () => {
    const seen: unknown[] = [];
    const url = await start((request, res) => {
      seen.push(request);
      json(res, 201, { pgPaymentId: 'pg_1', sessionUrl: 'http://sandbox/checkout/pg_1' });
    });
    const client = new SandboxProviderClient({ baseUrl: `${url}/`, timeoutMs: 1000 });
    expect(await client.createPayment({ paymentId: 'p-1', amountMinor: 110000, currency: 'KRW' })).toEqual({
      providerPaymentId: 'pg_1',
      sessionUrl: 'http://sandbox/checkout/pg_1',
    });
    expect(seen).toEqual([
      { method: 'POST', url: '/v1/payments', body: { paymentId: 'p-1', amount: 110000, currency: 'KRW' } },
    ]);
  });

  it('when a refund is asked, then it posts the provider id and amount and accepts 202', async () => {
    const seen: unknown[] = [];
    const url = await start((request, res) => {
      seen.push(request);
      json(res, 202, { refundId: 'rf_1' });
    });
    const client = new SandboxProviderClient({ baseUrl: url, timeoutMs: 1000 });
    expect(await client.refund({ providerPaymentId: 'pg_1', amountMinor: 500 })).toEqual({ refundId: 'rf_1' });
    expect(seen).toEqual([{ method: 'POST', url: '/v1/refunds', body: { pgPaymentId: 'pg_1', amount: 500 } }]);
  });

  it('when the provider refuses, answers without a session, or is silent past the timeout, then the call fails', async () => {
    const answers: Array<(res: ServerResponse) => void> = [
      (res) => json(res, 409, { code: 'CONFLICT' }),
      (res) => json(res, 201, { pgPaymentId: 'pg_1' }),
      (res) => res.end('not json'),
      () => undefined,
    ];
    const url = await start((_request, res) => answers.shift()!(res));
    const client = new SandboxProviderClient({ baseUrl: url, timeoutMs: 300 });
    const create = () => client.createPayment({ paymentId: 'p', amountMinor: 1, currency: 'KRW' });
    await expect(create()).rejects.toThrow(/409/);
    await expect(create()).rejects.toThrow(/without pgPaymentId and sessionUrl/);
    await expect(create()).rejects.toThrow(/without JSON/);
    await expect(create()).rejects.toThrow(/timeout|aborted/i);
  });

  it('when nothing listens at the URL, then the call fails', async () => {
    const client = new SandboxProviderClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 });
    await expect(client.refund({ providerPaymentId: 'pg', amountMinor: 1 })).rejects.toThrow();
  });
});
