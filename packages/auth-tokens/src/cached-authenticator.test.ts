import { AppError } from '@ticketing/errors';
import type { Principal } from '@ticketing/grpc-kit';
import { cachedAuthenticator } from './cached-authenticator';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (sub: string, exp: number) => `${b64({ alg: 'EdDSA' })}.${b64({ sub, exp })}.sig`;

describe('cache of verified tokens', () => {
  let now = 1_000_000_000_000;
  let verifications = 0;
  const verify = async (raw: string): Promise<Principal> => {
    verifications += 1;
    if (raw.startsWith('bad')) throw new AppError('TOKEN_INVALID');
    const payload = JSON.parse(Buffer.from(raw.split('.')[1]!, 'base64url').toString()) as { sub: string; exp: number };
    return { subject: payload.sub, roles: ['USER'], token: raw, expiresAt: payload.exp * 1000 };
  };
  beforeEach(() => (verifications = 0));

  it('whenTheSameTokenComesAgain, then it is verified once and the same principal is returned', async () => {
    const authenticate = cachedAuthenticator(verify, { maxEntries: 10, maxAgeMs: 30_000, now: () => now });
    const t = token('u1', now / 1000 + 300);
    const first = await authenticate(t);
    await expect(authenticate(t)).resolves.toEqual(first);
    expect(verifications).toBe(1);
  });

  it('whenTheVerifierSaysWhenTheTokenExpires, then that expiry bounds the entry', async () => {
    const saysExpiry = async (raw: string): Promise<Principal> => ({ ...(await verify(raw)), expiresAt: now + 2_000 });
    const authenticate = cachedAuthenticator(saysExpiry, { maxEntries: 10, maxAgeMs: 30_000, now: () => now });
    const t = token('u9', now / 1000 + 3600);
    await authenticate(t);
    now += 1_000;
    await authenticate(t);
    expect(verifications).toBe(1);
    now += 1_001;
    await authenticate(t);
    expect(verifications).toBe(2);
  });

  it('whenTheTokenExpiresOrTheEntryIsOld, then it is verified again', async () => {
    const authenticate = cachedAuthenticator(verify, { maxEntries: 10, maxAgeMs: 30_000, now: () => now });
    const shortLived = token('u2', now / 1000 + 5);
    await authenticate(shortLived);
    now += 5_000;
    await authenticate(shortLived);
    expect(verifications).toBe(2);
    const longLived = token('u3', now / 1000 + 3600);
    await authenticate(longLived);
    now += 30_001;
    await authenticate(longLived);
    expect(verifications).toBe(4);
  });

  it('whenATokenIsRefused, then the refusal is not remembered', async () => {
    const authenticate = cachedAuthenticator(verify, { maxEntries: 10, maxAgeMs: 30_000, now: () => now });
    await expect(authenticate('bad.token.x')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(authenticate('bad.token.x')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(verifications).toBe(2);
  });

  it('whenTheCacheIsFull, then the oldest entry makes room', async () => {
    const authenticate = cachedAuthenticator(verify, { maxEntries: 2, maxAgeMs: 30_000, now: () => now });
    const [a, b, c] = ['a', 'b', 'c'].map((s) => token(s, now / 1000 + 300));
    await authenticate(a!);
    await authenticate(b!);
    await authenticate(c!);
    await authenticate(b!);
    expect(verifications).toBe(3);
    await authenticate(a!);
    expect(verifications).toBe(4);
  });
});
