import { writeAudit } from '@ticketing/db';
import type { Logger } from '@ticketing/logger';
import { generateSigningKey } from '../crypto/access-token-signer';
import { SigningKeyRepository } from '../db/signing-key.repository';
import type { AuthDeps } from './deps';

/** Verifiers accept a few seconds of clock skew; a minute of margin covers that and slow clocks. */
const RETIREMENT_MARGIN_SEC = 60;

export interface Rotation {
  kid: string;
  previousKid: string | null;
  retiredKids: string[];
}

/**
 * A new key signs from now on; the previous one stays published so the tokens it signed keep
 * verifying. Keys replaced longer ago than any token can live are retired (unpublished) here.
 */
export async function rotateSigningKey(deps: Pick<AuthDeps, 'orm' | 'settings'>, log: Logger): Promise<Rotation> {
  const key = await generateSigningKey();
  const { accessTokenTtlSec, serviceTokenTtlSec } = deps.settings;
  const longestTokenMs = (Math.max(accessTokenTtlSec, serviceTokenTtlSec) + RETIREMENT_MARGIN_SEC) * 1000;
  const rotation = await deps.orm.em.fork().transactional(async (tx): Promise<Rotation> => {
    const keys = new SigningKeyRepository(tx);
    await keys.lockForChange();
    const previous = await keys.findActive();
    await keys.deactivateActive();
    await keys.insertActive(key);
    const retiredKids = await keys.retireReplacedBefore(new Date(Date.now() - longestTokenMs));
    const previousKid = previous?.kid ?? null;
    await writeAudit(tx, {
      actorId: null,
      action: 'signing_key.rotated',
      targetType: 'signing_key',
      targetId: key.kid,
      meta: { previousKid, retiredKids },
    });
    return { kid: key.kid, previousKid, retiredKids };
  });
  log.info({ action: 'signing_key_rotated', outcome: 'ok', ...rotation }, 'signing key rotated');
  return rotation;
}
