import { decodeProtectedHeader } from 'jose';
import { createTokenVerifier } from '@ticketing/auth-tokens';
import { queryOnce } from '@ticketing/testing';
import { ensureSigningKey } from '../app/ensure-signing-key';
import { rotateSigningKey } from '../app/rotate-signing-key';
import { signUpAndLogIn, silentLogger, startTestAuth, type TestAuth } from './harness';

interface JwksResponse {
  jwksJson: string;
  keys: Array<Record<string, string>>;
}

describe('signing keys and the published JWKS', () => {
  let auth: TestAuth;

  beforeAll(async () => {
    auth = await startTestAuth('auth_keys');
  });
  afterAll(() => auth.stop());

  const activeKeys = () =>
    queryOnce<{ kid: string }>(auth.config.DATABASE_URL, 'select kid from signing_key where active');
  const jwks = () => auth.call<JwksResponse>('getJwks', {});
  const verifierFromJwks = () =>
    createTokenVerifier({ loadJwks: async () => JSON.parse((await jwks()).jwksJson), minReloadIntervalMs: 0 });

  it('when the service has booted, then exactly one key is active and GetJwks publishes it as an RFC 7517 set without private parts', async () => {
    const [active] = await activeKeys();
    const response = await jwks();
    const set = JSON.parse(response.jwksJson) as { keys: Array<Record<string, unknown>> };
    expect(set.keys).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        kid: active!.kid,
        alg: 'EdDSA',
        use: 'sig',
      },
    ]);
    expect(response.keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', x: set.keys[0]!.x, y: '', kid: active!.kid, alg: 'EdDSA', use: 'sig' },
    ]);
    expect(response.jwksJson).not.toMatch(/"d"/);
  });

  it('when two replicas ensure a signing key at the same moment, then one key stays active', async () => {
    const deps = auth.app.deps;
    await queryOnce(auth.config.DATABASE_URL, 'update signing_key set active = false, deactivated_at = now()');
    await Promise.all([
      ensureSigningKey(deps, silentLogger()),
      ensureSigningKey(deps, silentLogger()),
      ensureSigningKey(deps, silentLogger()),
    ]);
    expect(await activeKeys()).toHaveLength(1);
  });

  it('when the key is rotated, then old tokens still verify through GetJwks, new tokens carry the new kid, and both keys are published', async () => {
    const before = await signUpAndLogIn(auth);
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    const verify = verifierFromJwks();
    await verify(before.accessToken);

    const { kid: newKid } = await rotateSigningKey(auth.app.deps, silentLogger());
    const after = await auth.call('logIn', { email: before.email, password: 'Correct-Horse-7' });

    expect(newKid).not.toBe(oldKid);
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(newKid);
    await expect(verify(before.accessToken)).resolves.toMatchObject({ subject: before.user.id });
    await expect(verify(after.accessToken)).resolves.toMatchObject({ subject: before.user.id });
    expect((await jwks()).keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect(await activeKeys()).toEqual([{ kid: newKid }]);
  });

  it('when a key was replaced longer ago than any token it signed can live, then the next rotation retires it and it leaves the JWKS', async () => {
    const { kid: stale } = await rotateSigningKey(auth.app.deps, silentLogger());
    await rotateSigningKey(auth.app.deps, silentLogger());
    await queryOnce(
      auth.config.DATABASE_URL,
      "update signing_key set deactivated_at = now() - interval '1 day' where kid = $1",
      [stale],
    );
    await rotateSigningKey(auth.app.deps, silentLogger());
    const [row] = await queryOnce<{ retired_at: Date | null }>(
      auth.config.DATABASE_URL,
      'select retired_at from signing_key where kid = $1',
      [stale],
    );
    expect(row!.retired_at).not.toBeNull();
    expect((await jwks()).keys.map((k) => k.kid)).not.toContain(stale);
  });

  it('when a key is rotated, then an audit row records the new and the previous kid', async () => {
    const [previous] = await activeKeys();
    const { kid } = await rotateSigningKey(auth.app.deps, silentLogger());
    const rows = await queryOnce<{ target_id: string; meta: Record<string, unknown> }>(
      auth.config.DATABASE_URL,
      "select target_id, meta from audit_log where action = 'signing_key.rotated' and target_id = $1",
      [kid],
    );
    expect(rows).toEqual([{ target_id: kid, meta: { previousKid: previous!.kid, retiredKids: [] } }]);
  });
});
