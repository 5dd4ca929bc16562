import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@ticketing/errors';
import type { AccessTokenClaims } from '../crypto/access-token-signer';
import { SigningKeyRepository } from '../db/signing-key.repository';
import type { AuthDeps } from './deps';

/** Signs with whichever key is active now, so a rotation on any replica takes effect everywhere at once. */
export async function signAccessToken(
  deps: Pick<AuthDeps, 'signer'>,
  em: EntityManager,
  claims: AccessTokenClaims,
  ttlSec: number,
): Promise<string> {
  const key = await new SigningKeyRepository(em).findActive();
  // Boot guarantees a key; none now means an operator is mid-change, which is our outage, not the caller's fault.
  if (!key) throw new AppError('SERVICE_UNAVAILABLE', 'no active signing key');
  return deps.signer.sign(key, claims, ttlSec);
}
