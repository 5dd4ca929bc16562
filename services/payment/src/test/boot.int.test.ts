import { SERVICE_FULL_NAMES } from '@ticketing/contracts';
import { checkHealth } from '@ticketing/grpc-kit';
import { tableExists } from '@ticketing/testing';
import { startTestPayment, type TestPayment } from './harness';

describe('payment service boot against a real database and NATS', () => {
  let sys: TestPayment;

  beforeAll(async () => {
    sys = await startTestPayment('payment_boot');
  });
  afterAll(() => sys.close());

  it('when it has started, then its tables exist and health is SERVING', async () => {
    for (const table of [
      'audit_log',
      'outbox',
      'inbox',
      'payment',
      'payment_history',
      'received_webhook',
      'idempotency_key',
    ])
      expect(await tableExists(sys.url, table)).toBe(true);
    expect(await checkHealth(`127.0.0.1:${sys.app.grpc.port}`, SERVICE_FULL_NAMES.payment)).toBe(true);
  });

  it('when a user method is called without a token, then it answers UNAUTHENTICATED, not NOT_IMPLEMENTED', async () => {
    await expect(sys.call('getPayment', { paymentId: 'x' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(sys.call('checkout', { holdId: 'x' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
