import { writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import type { Logger } from '@ticketing/logger';
import { hashOpaqueToken } from '../crypto/opaque-token';
import { RefreshTokenRepository } from '../db/refresh-token.repository';
import { UserRepository } from '../db/user.repository';
import { judgeRefreshToken, type RefreshVerdict } from '../domain/refresh-token';
import type { AuthDeps } from './deps';
import { MAX_CLIENT_ADDRESS_LENGTH } from './log-in';
import { issueSessionTokens, type SessionTokens } from './session-tokens';
import { toUserView } from './user-view';

export interface RefreshInput {
  refreshToken: string;
  clientAddress: string;
}

interface Outcome {
  verdict: RefreshVerdict;
  tokens?: SessionTokens;
  userId?: string;
  familyId?: string;
}

/**
 * Exchanges a refresh token for a new pair in the same family. A token that was already
 * exchanged means two parties hold it, so the whole family is revoked; that revocation is
 * committed before the caller is refused, while any other failure rolls everything back.
 */
export async function refreshSession(deps: AuthDeps, input: RefreshInput, log: Logger): Promise<SessionTokens> {
  if (input.clientAddress.length > MAX_CLIENT_ADDRESS_LENGTH)
    throw new AppError('INVALID_ARGUMENT', 'clientAddress is too long');
  const outcome: Outcome = input.refreshToken ? await exchange(deps, input) : { verdict: 'UNKNOWN' };
  const fields = {
    action: 'refresh',
    userId: outcome.userId,
    familyId: outcome.familyId,
    clientAddress: input.clientAddress,
  };
  if (outcome.verdict === 'ROTATE' && outcome.tokens) {
    log.info({ ...fields, outcome: 'ok' }, 'session refreshed');
    return outcome.tokens;
  }
  if (outcome.verdict === 'REUSE')
    log.warn({ ...fields, outcome: 'REUSE_DETECTED' }, 'refresh token reused; family revoked');
  else log.info({ ...fields, outcome: 'TOKEN_INVALID', verdict: outcome.verdict }, 'refresh refused');
  // One message for every refusal: the caller needs to log in again whatever the reason.
  throw new AppError('TOKEN_INVALID', 'refresh token is invalid or expired');
}

function exchange(deps: AuthDeps, input: RefreshInput): Promise<Outcome> {
  const tokenHash = hashOpaqueToken(input.refreshToken);
  return deps.orm.em.fork().transactional(async (tx): Promise<Outcome> => {
    const tokens = new RefreshTokenRepository(tx);
    const familyId = await tokens.familyOf(tokenHash);
    const family = familyId ? await tokens.lockFamily(familyId) : null;
    if (!family) return { verdict: 'UNKNOWN' };
    const token = await tokens.findToken(tokenHash);
    const verdict = judgeRefreshToken(token && { ...token, familyRevokedAt: family.revokedAt }, new Date());
    const known = { userId: family.userId, familyId: family.id };

    if (verdict === 'REUSE') {
      const { revokedTokens } = await tokens.revokeFamily(family.id, 'REUSE');
      await writeAudit(tx, {
        actorId: family.userId,
        action: 'refresh.reuse_detected',
        targetType: 'refresh_family',
        targetId: family.id,
        meta: { clientAddress: input.clientAddress, revokedTokens },
      });
      return { verdict, ...known };
    }
    if (verdict !== 'ROTATE') return { verdict, ...known };

    // Cannot fail while the family is locked; if it ever does, refusing beats issuing twice.
    if (!(await tokens.markUsed(token!.id))) throw new Error('refresh token changed under its family lock');
    const user = await new UserRepository(tx).findById(family.userId);
    if (!user) throw new Error(`refresh family ${family.id} has no user`);
    const next = await issueSessionTokens(deps, tx, toUserView(user), family.id);
    await writeAudit(tx, {
      actorId: user.id,
      action: 'refresh.rotated',
      targetType: 'refresh_family',
      targetId: family.id,
      meta: { clientAddress: input.clientAddress },
    });
    return { verdict, tokens: next, ...known };
  });
}
