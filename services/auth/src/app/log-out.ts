import { writeAudit } from '@ticketing/db';
import type { Logger } from '@ticketing/logger';
import { hashOpaqueToken } from '../crypto/opaque-token';
import { RefreshTokenRepository } from '../db/refresh-token.repository';
import type { AuthDeps } from './deps';

export interface LogOutInput {
  refreshToken: string;
}

/**
 * Revokes the family of the presented refresh token. Always succeeds: an unknown or already
 * revoked token gets the same answer, so log-out cannot be used to test whether a token exists.
 */
export async function logOut(deps: Pick<AuthDeps, 'orm'>, input: LogOutInput, log: Logger): Promise<void> {
  const revoked = input.refreshToken ? await revoke(deps, hashOpaqueToken(input.refreshToken)) : null;
  if (revoked)
    log.info({ action: 'logout', outcome: 'ok', userId: revoked.userId, familyId: revoked.familyId }, 'logged out');
  else log.info({ action: 'logout', outcome: 'NOTHING_TO_REVOKE' }, 'log-out of an unknown or ended session');
}

function revoke(deps: Pick<AuthDeps, 'orm'>, tokenHash: string): Promise<{ userId: string; familyId: string } | null> {
  return deps.orm.em.fork().transactional(async (tx) => {
    const tokens = new RefreshTokenRepository(tx);
    const familyId = await tokens.familyOf(tokenHash);
    const family = familyId ? await tokens.lockFamily(familyId) : null;
    if (!family) return null;
    const { familyWasLive, revokedTokens } = await tokens.revokeFamily(family.id, 'LOGOUT');
    if (!familyWasLive) return null;
    await writeAudit(tx, {
      actorId: family.userId,
      action: 'session.logged_out',
      targetType: 'refresh_family',
      targetId: family.id,
      meta: { revokedTokens },
    });
    return { userId: family.userId, familyId: family.id };
  });
}
