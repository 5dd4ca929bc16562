import { SigningKeyRepository } from '../db/signing-key.repository';
import { toPublicJwk, type PublicJwk } from '../domain/public-jwk';
import type { AuthDeps } from './deps';

/** Every key that is not retired: the active one and those whose tokens may still be live. */
export async function getJwks(deps: Pick<AuthDeps, 'orm'>): Promise<PublicJwk[]> {
  const keys = await new SigningKeyRepository(deps.orm.em.fork()).listPublished();
  return keys.map((key) => toPublicJwk(key.publicJwk));
}
