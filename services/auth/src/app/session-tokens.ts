import type { EntityManager } from '@mikro-orm/postgresql';
import { hashOpaqueToken, newOpaqueToken } from '../crypto/opaque-token';
import { RefreshTokenRepository } from '../db/refresh-token.repository';
import { signAccessToken } from './access-token';
import type { AuthDeps } from './deps';
import type { UserView } from './user-view';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** A new access token and the next refresh token of `familyId`; only the refresh token's hash is kept. */
export async function issueSessionTokens(
  deps: Pick<AuthDeps, 'signer' | 'settings'>,
  em: EntityManager,
  user: Pick<UserView, 'id' | 'email' | 'roles'>,
  familyId: string,
): Promise<SessionTokens> {
  const { accessTokenTtlSec, refreshTokenTtlSec } = deps.settings;
  const refreshToken = newOpaqueToken();
  await new RefreshTokenRepository(em).addToken(
    familyId,
    hashOpaqueToken(refreshToken),
    new Date(Date.now() + refreshTokenTtlSec * 1000),
  );
  const accessToken = await signAccessToken(
    deps,
    em,
    { subject: user.id, roles: user.roles, email: user.email },
    accessTokenTtlSec,
  );
  return { accessToken, refreshToken, expiresIn: accessTokenTtlSec, tokenType: 'Bearer' };
}
