import { credentials } from '@grpc/grpc-js';
import { createClient, SERVICE_FULL_NAMES } from '@ticketing/contracts';
import { dropDatabase } from '@ticketing/db';
import { checkHealth, unaryCall } from '@ticketing/grpc-kit';
import { createLogger } from '@ticketing/logger';
import { createTestDatabaseUrl, tableExists } from '@ticketing/testing';
import { startPayment, type PaymentApp } from '../app';

describe('payment service boot against a real database', () => {
  const url = createTestDatabaseUrl('payment_boot');
  let app: PaymentApp;

  beforeAll(async () => {
    app = await startPayment(
      { HOST: '127.0.0.1', PORT: 0, DATABASE_URL: url, AUTH_GRPC_URL: '127.0.0.1:1', LOG_LEVEL: 'silent' },
      createLogger({ service: 'payment', level: 'silent' }),
    );
  });
  afterAll(async () => {
    await app.stop();
    await dropDatabase(url);
  });

  it('when it has started, then its database exists with migrations applied and health is SERVING', async () => {
    expect(await tableExists(url, 'audit_log')).toBe(true);
    expect(await checkHealth(`127.0.0.1:${app.grpc.port}`, SERVICE_FULL_NAMES.payment)).toBe(true);
  });

  it('when a contract method without behaviour yet is called, then it answers NOT_IMPLEMENTED', async () => {
    const client = createClient('payment', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
    await expect(unaryCall(client, 'getPayment', { paymentId: 'x' })).rejects.toMatchObject({
      code: 'NOT_IMPLEMENTED',
    });
    client.close();
  });
});
