import { writeAudit } from '@ticketing/db';
import type { Logger } from '@ticketing/logger';
import { generateSigningKey } from '../crypto/access-token-signer';
import { SigningKeyRepository } from '../db/signing-key.repository';
import type { AuthDeps } from './deps';

/**
 * At boot: make sure exactly one key signs. Replicas booting together queue on an advisory
 * lock, so only the first creates a key; the partial unique index is the backstop. Returns its kid.
 */
export async function ensureSigningKey(deps: Pick<AuthDeps, 'orm'>, log: Logger): Promise<string> {
  const { kid, created } = await deps.orm.em.fork().transactional(async (tx) => {
    const keys = new SigningKeyRepository(tx);
    await keys.lockForChange();
    const active = await keys.findActive();
    if (active) return { kid: active.kid, created: false };
    const key = await generateSigningKey();
    await keys.insertActive(key);
    await writeAudit(tx, {
      actorId: null,
      action: 'signing_key.created',
      targetType: 'signing_key',
      targetId: key.kid,
    });
    return { kid: key.kid, created: true };
  });
  log.info({ action: 'ensure_signing_key', outcome: created ? 'created' : 'present', kid }, 'signing key ready');
  return kid;
}
