import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@ticketing/auth-tokens';

export interface SigningKeyMaterial {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

export interface AccessTokenClaims {
  subject: string;
  roles: string[];
  email?: string;
}

/** A fresh Ed25519 pair; the kid is random so two replicas generating at once never clash. */
export async function generateSigningKey(): Promise<SigningKeyMaterial> {
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const kid = randomUUID();
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALGORITHM, use: 'sig' };
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: TOKEN_ALGORITHM, use: 'sig' };
  return { kid, publicJwk, privateJwk };
}

/** Signs access tokens; imported private keys are cached by kid, since a kid's key never changes. */
export class AccessTokenSigner {
  private readonly imported = new Map<string, Promise<KeyLike | Uint8Array>>();

  async sign(
    key: Pick<SigningKeyMaterial, 'kid' | 'privateJwk'>,
    claims: AccessTokenClaims,
    ttlSec: number,
  ): Promise<string> {
    let privateKey = this.imported.get(key.kid);
    if (!privateKey) {
      privateKey = importJWK(key.privateJwk, TOKEN_ALGORITHM);
      this.imported.set(key.kid, privateKey);
      // A failed import must not be remembered, or one bad read would poison the kid for good.
      privateKey.catch(() => this.imported.delete(key.kid));
    }
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: claims.roles, ...(claims.email ? { email: claims.email } : {}) })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid, typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(claims.subject)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSec)
      .setJti(randomUUID())
      .sign(await privateKey);
  }
}
