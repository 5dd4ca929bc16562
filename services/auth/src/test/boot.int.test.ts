import { credentials } from '@grpc/grpc-js';
import { createClient, SERVICE_FULL_NAMES } from '@ticketing/contracts';
import { checkHealth, unaryCall } from '@ticketing/grpc-kit';
import { tableExists } from '@ticketing/testing';
import { startAuth } from '../app';
import { cleanUp, silentLogger, startTestAuth, testConfig, type TestAuth } from './harness';

describe('auth service boot against a real database and Redis', () => {
  let auth: TestAuth;

  beforeAll(async () => {
    auth = await startTestAuth('auth_boot');
  });
  afterAll(() => auth.stop());

  it('when it has started, then its database exists with migrations applied and health is SERVING', async () => {
    for (const table of ['audit_log', 'app_user', 'refresh_family', 'refresh_token', 'signing_key']) {
      expect(await tableExists(auth.config.DATABASE_URL, table)).toBe(true);
    }
    expect(await checkHealth(`127.0.0.1:${auth.app.grpc.port}`, SERVICE_FULL_NAMES.auth)).toBe(true);
  });

  it('when any contract method is called, then none of them answers NOT_IMPLEMENTED', async () => {
    const client = createClient('auth', `127.0.0.1:${auth.app.grpc.port}`, credentials.createInsecure());
    const methods = ['signUp', 'logIn', 'refresh', 'logOut', 'getMe', 'getJwks', 'issueServiceToken'];
    try {
      for (const method of methods) {
        const outcome = await unaryCall(client, method, {}, { deadlineMs: 10_000 }).catch(
          (error: { code: string }) => error,
        );
        expect({ method, code: (outcome as { code?: string }).code }).not.toEqual({ method, code: 'NOT_IMPLEMENTED' });
      }
    } finally {
      client.close();
    }
  });

  it('when Redis cannot be reached, then boot fails naming REDIS_URL and leaves nothing running', async () => {
    const config = testConfig('auth_boot_noredis', { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      await expect(startAuth(config, silentLogger())).rejects.toThrow(/^REDIS_URL: cannot connect to 127\.0\.0\.1:1/);
    } finally {
      await cleanUp(config);
    }
  });
});
