import { toPublicJwk } from './public-jwk';

describe('public JWK', () => {
  it('when a stored key carries private members, then only the public members come out', () => {
    const stored = {
      kty: 'OKP',
      crv: 'Ed25519',
      x: 'pub',
      d: 'secret',
      p: 'prime',
      kid: 'k1',
      alg: 'EdDSA',
      use: 'sig',
      key_ops: ['sign'],
    };
    expect(toPublicJwk(stored)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: 'pub', kid: 'k1', alg: 'EdDSA', use: 'sig' });
  });
});
