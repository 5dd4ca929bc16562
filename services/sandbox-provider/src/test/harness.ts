import { createLogger } from '@ticketing/logger';
import { freePort } from '@ticketing/testing';
import { buildProvider, type ProviderOverrides, type SandboxProvider } from '../app';
import { readProviderConfig } from '../config';
import { startReceiver, type Receiver } from './receiver';

export const SECRET = 'sandbox-provider-test-secret-0123456789';

export interface Harness {
  url: string;
  receiver: Receiver;
  provider: SandboxProvider;
  post(path: string, body: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  /** Creates a payment and answers its ids. */
  createPayment(
    extra?: Record<string, unknown>,
  ): Promise<{ paymentId: string; pgPaymentId: string; sessionUrl: string }>;
  stop(): Promise<void>;
}

let sequence = 0;
/** Unique per test, so tests never see each other's payments. */
export const newPaymentId = () => `pay-${process.pid}-${Date.now()}-${++sequence}`;

/** A provider on a free port whose webhooks go to a real local receiver; retries are fast (20 ms). */
export async function startHarness(
  env: Record<string, string> = {},
  overrides: ProviderOverrides = {},
): Promise<Harness> {
  const receiver = await startReceiver();
  const config = readProviderConfig({
    PORT: String(await freePort()),
    PAYMENT_WEBHOOK_SECRET: SECRET,
    PROVIDER_WEBHOOK_URL: receiver.url,
    WEBHOOK_BACKOFF_MS: '20',
    ...env,
  });
  const provider = buildProvider(config, createLogger({ service: 'sandbox-provider', level: 'silent' }), overrides);
  const { url } = await provider.start();
  const post: Harness['post'] = async (path, body) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  return {
    url,
    receiver,
    provider,
    post,
    async createPayment(extra = {}) {
      const paymentId = newPaymentId();
      const created = await post('/v1/payments', { paymentId, amount: 12000, currency: 'KRW', ...extra });
      if (created.status !== 201) throw new Error(`creation failed: ${JSON.stringify(created.body)}`);
      return { paymentId, ...created.body };
    },
    async stop() {
      await provider.stop();
      await receiver.close();
    },
  };
}
