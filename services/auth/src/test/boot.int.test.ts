import { credentials } from '@grpc/grpc-js';
import { createClient, SERVICE_FULL_NAMES } from '@ticketing/contracts';
import { dropDatabase } from '@ticketing/db';
import { checkHealth, unaryCall } from '@ticketing/grpc-kit';
import { createLogger } from '@ticketing/logger';
import { createTestDatabaseUrl, tableExists } from '@ticketing/testing';
import { startAuth, type AuthApp } from '../app';

describe('auth service boot against a real database', () => {
  const url = createTestDatabaseUrl('auth_boot');
  let app: AuthApp;

  beforeAll(async () => {
    app = await startAuth({ HOST: '127.0.0.1', PORT: 0, DATABASE_URL: url, LOG_LEVEL: 'silent' }, createLogger({ service: 'auth', level: 'silent' }));
  });
  afterAll(async () => {
    await app.stop();
    await dropDatabase(url);
  });

  it('when it has started, then its database exists with migrations applied and health is SERVING', async () => {
    expect(await tableExists(url, 'audit_log')).toBe(true);
    expect(await checkHealth(`127.0.0.1:${app.grpc.port}`, SERVICE_FULL_NAMES.auth)).toBe(true);
  });

  it('when a contract method without behaviour yet is called, then it answers NOT_IMPLEMENTED', async () => {
    const client = createClient('auth', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
    await expect(unaryCall(client, 'logIn', {"email":"a@b.co","password":"x"})).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
    client.close();
  });
});
