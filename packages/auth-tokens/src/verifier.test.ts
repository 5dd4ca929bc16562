import { createHmac } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { AppError } from '@ticketing/errors';
import { createTokenVerifier, TOKEN_AUDIENCE, TOKEN_ISSUER } from './index';

async function keyPair(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { kid, privateKey, jwk };
}

function sign(
  privateKey: KeyLike,
  kid: string,
  overrides: { iss?: string; aud?: string; exp?: number | string; roles?: unknown } = {},
) {
  return new SignJWT({ roles: overrides.roles ?? ['USER'] })
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setSubject('user-1')
    .setIssuer(overrides.iss ?? TOKEN_ISSUER)
    .setAudience(overrides.aud ?? TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? '5m')
    .sign(privateKey);
}

function b64(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access token verification', () => {
  it('when a token is signed by a published key, then the caller and roles come out', async () => {
    const key = await keyPair('k1');
    const verify = createTokenVerifier({ loadJwks: async () => ({ keys: [key.jwk] }) });
    const token = await sign(key.privateKey, 'k1', { roles: ['USER', 'ADMIN'] });
    await expect(verify(token)).resolves.toEqual({
      subject: 'user-1',
      roles: ['USER', 'ADMIN'],
      token,
      expiresAt: expect.any(Number),
    });
  });

  it('when the token says alg none, then it is refused', async () => {
    const key = await keyPair('k1');
    const verify = createTokenVerifier({ loadJwks: async () => ({ keys: [key.jwk] }) });
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', kid: 'k1' })}.${b64({ sub: 'x', roles: ['ADMIN'], iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 60 })}.`;
    await expect(verify(unsigned)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('when the token is HMAC-signed with the public key as secret (algorithm confusion), then it is refused', async () => {
    const key = await keyPair('k1');
    const verify = createTokenVerifier({ loadJwks: async () => ({ keys: [key.jwk] }) });
    const now = Math.floor(Date.now() / 1000);
    const input = `${b64({ alg: 'HS256', kid: 'k1' })}.${b64({ sub: 'x', roles: ['ADMIN'], iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 60 })}`;
    const mac = createHmac('sha256', JSON.stringify(key.jwk)).update(input).digest('base64url');
    await expect(verify(`${input}.${mac}`)).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
      message: 'token algorithm not accepted',
    });
  });

  it('when the token names no kid or a claim is missing, then it is refused', async () => {
    const key = await keyPair('k1');
    const verify = createTokenVerifier({ loadJwks: async () => ({ keys: [key.jwk] }), minReloadIntervalMs: 60_000 });
    const noKid = await new SignJWT({ roles: ['USER'] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('u')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key.privateKey);
    await expect(verify(noKid)).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
      message: 'token signed by an unknown key',
    });
    const noSubject = await new SignJWT({ roles: ['USER'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key.privateKey);
    await expect(verify(noSubject)).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
      message: 'token claim "sub" is not valid',
    });
  });

  it('when the token has expired, then it is refused saying so', async () => {
    const key = await keyPair('k1');
    const verify = createTokenVerifier({ loadJwks: async () => ({ keys: [key.jwk] }) });
    const token = await sign(key.privateKey, 'k1', { exp: Math.floor(Date.now() / 1000) - 60 });
    await expect(verify(token)).rejects.toMatchObject({ code: 'TOKEN_INVALID', message: 'token expired' });
  });

  it('when issuer or audience are wrong, then it is refused', async () => {
    const key = await keyPair('k1');
    const verify = createTokenVerifier({ loadJwks: async () => ({ keys: [key.jwk] }) });
    await expect(verify(await sign(key.privateKey, 'k1', { iss: 'someone-else' }))).rejects.toMatchObject({
      message: 'token claim "iss" is not valid',
    });
    await expect(verify(await sign(key.privateKey, 'k1', { aud: 'another-api' }))).rejects.toMatchObject({
      message: 'token claim "aud" is not valid',
    });
  });

  it('when a token is signed by another key under a published kid, then the signature fails', async () => {
    const published = await keyPair('k1');
    const attacker = await keyPair('k1');
    const verify = createTokenVerifier({ loadJwks: async () => ({ keys: [published.jwk] }) });
    await expect(verify(await sign(attacker.privateKey, 'k1'))).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('when roles are missing or unknown, then it is refused', async () => {
    const key = await keyPair('k1');
    const verify = createTokenVerifier({ loadJwks: async () => ({ keys: [key.jwk] }) });
    await expect(verify(await sign(key.privateKey, 'k1', { roles: ['ROOT'] }))).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await expect(verify(await sign(key.privateKey, 'k1', { roles: 'ADMIN' }))).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
  });

  it('when the signer rotates to a new key, then the verifier reloads the key set once and accepts it', async () => {
    const oldKey = await keyPair('old');
    const newKey = await keyPair('new');
    let published = [oldKey.jwk];
    let loads = 0;
    const verify = createTokenVerifier({
      loadJwks: async () => (loads++, { keys: published }),
      minReloadIntervalMs: 0,
    });
    await verify(await sign(oldKey.privateKey, 'old'));
    published = [oldKey.jwk, newKey.jwk];
    await expect(verify(await sign(newKey.privateKey, 'new'))).resolves.toMatchObject({ subject: 'user-1' });
    expect(loads).toBe(2);
  });

  it('when unknown kids arrive in a burst, then the key set is not reloaded for each of them', async () => {
    const key = await keyPair('k1');
    const stranger = await keyPair('zz');
    let loads = 0;
    const verify = createTokenVerifier({
      loadJwks: async () => (loads++, { keys: [key.jwk] }),
      minReloadIntervalMs: 60_000,
    });
    await verify(await sign(key.privateKey, 'k1'));
    const forged = await sign(stranger.privateKey, 'zz');
    await Promise.all(
      [1, 2, 3, 4, 5].map(() => expect(verify(forged)).rejects.toMatchObject({ code: 'TOKEN_INVALID' })),
    );
    expect(loads).toBe(1);
  });

  it("when the key set cannot be loaded, then it is SERVICE_UNAVAILABLE, not the caller's fault", async () => {
    const verify = createTokenVerifier({
      loadJwks: async () => {
        throw new AppError('SERVICE_UNAVAILABLE');
      },
    });
    await expect(verify('a.b.c')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('when the token is not a JWT at all, then it is TOKEN_INVALID, not a crash', async () => {
    const key = await keyPair('k1');
    const verify = createTokenVerifier({ loadJwks: async () => ({ keys: [key.jwk] }) });
    await expect(verify('garbage')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
