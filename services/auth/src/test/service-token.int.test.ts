import { decodeJwt } from 'jose';
import { createTokenVerifier } from '@ticketing/auth-tokens';
import { startTestAuth, TEST_SERVICE_SECRET, type TestAuth } from './harness';

describe('auth IssueServiceToken', () => {
  let auth: TestAuth;

  beforeAll(async () => {
    auth = await startTestAuth('auth_service_token', { SERVICE_TOKEN_TTL_SEC: 120 });
  });
  afterAll(() => auth.stop());

  it('when the shared secret is right, then a short-lived SERVICE token for service:<name> comes back and verifies', async () => {
    const response = await auth.call('issueServiceToken', { serviceName: 'payment', secret: TEST_SERVICE_SECRET });
    expect(response.expiresIn).toBe(120);
    const claims = decodeJwt(response.accessToken);
    expect(claims).toMatchObject({ sub: 'service:payment', roles: ['SERVICE'] });
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(claims).not.toHaveProperty('email');
    const verify = createTokenVerifier({ loadJwks: async () => JSON.parse((await auth.call('getJwks', {})).jwksJson) });
    await expect(verify(response.accessToken)).resolves.toMatchObject({
      subject: 'service:payment',
      roles: ['SERVICE'],
    });
  });

  it('when the secret is wrong, of another length, or empty, then it is INVALID_CREDENTIALS', async () => {
    for (const secret of [TEST_SERVICE_SECRET.replace(/.$/, 'X'), 'short', '']) {
      await expect(auth.call('issueServiceToken', { serviceName: 'payment', secret })).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
    }
  });

  it('when the service name is not a lower-case kebab name, then it is INVALID_ARGUMENT', async () => {
    for (const serviceName of ['', 'Payment', 'pay ment', '9lives', 'a'.repeat(40)]) {
      await expect(auth.call('issueServiceToken', { serviceName, secret: TEST_SERVICE_SECRET })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
  });
});
