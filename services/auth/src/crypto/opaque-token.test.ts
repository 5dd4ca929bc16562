import { hashOpaqueToken, newOpaqueToken, secretsEqual } from './opaque-token';

describe('opaque tokens and secret comparison', () => {
  it('when a token is made, then it is 32 random bytes in base64url and never repeats', () => {
    const a = newOpaqueToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newOpaqueToken()).not.toBe(a);
  });

  it('when a token is hashed, then the SHA-256 hex digest comes out and not the token', () => {
    expect(hashOpaqueToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('when two secrets are compared, then only identical ones match, whatever their lengths', () => {
    expect(secretsEqual('s'.repeat(32), 's'.repeat(32))).toBe(true);
    expect(secretsEqual('s'.repeat(31), 's'.repeat(32))).toBe(false);
    expect(secretsEqual('', 's'.repeat(32))).toBe(false);
  });
});
