import { SignJWT, generateKeyPair } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@ticketing/auth-tokens';
import { signUpAndLogIn, startTestAuth, TEST_SERVICE_SECRET, type TestAuth } from './harness';

describe("auth GetMe with the caller's token verified by the service itself", () => {
  let auth: TestAuth;

  beforeAll(async () => {
    auth = await startTestAuth('auth_me');
  });
  afterAll(() => auth.stop());

  it("when called with a user's access token, then that user comes back", async () => {
    const session = await signUpAndLogIn(auth);
    await expect(auth.call('getMe', {}, session.accessToken)).resolves.toEqual({ user: session.user });
  });

  it('when called without a token, then the gRPC call is UNAUTHENTICATED', async () => {
    await expect(auth.call('getMe', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('when called with a token signed by a key this service never published, then it is TOKEN_INVALID', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'forged' })
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(auth.call('getMe', {}, forged)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('when called with a service token, then there is no user to return: NOT_FOUND', async () => {
    const { accessToken } = await auth.call('issueServiceToken', {
      serviceName: 'reservation',
      secret: TEST_SERVICE_SECRET,
    });
    await expect(auth.call('getMe', {}, accessToken)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
