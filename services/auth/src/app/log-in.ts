import { writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import type { Logger } from '@ticketing/logger';
import { RefreshTokenRepository } from '../db/refresh-token.repository';
import { UserRepository } from '../db/user.repository';
import { MAX_EMAIL_LENGTH, normaliseEmail } from '../domain/email';
import { MAX_PASSWORD_LENGTH } from '../domain/password-policy';
import type { ThrottleGate } from '../redis/login-throttle';
import type { AuthDeps } from './deps';
import { issueSessionTokens, type SessionTokens } from './session-tokens';
import { toUserView } from './user-view';

export const MAX_CLIENT_ADDRESS_LENGTH = 100;

export interface LogInInput {
  email: string;
  password: string;
  /** As seen by the gateway; empty when unknown, and then it counts as one unknown address with no address limit. */
  clientAddress: string;
}

export async function logIn(deps: AuthDeps, input: LogInInput, log: Logger): Promise<SessionTokens> {
  const email = normaliseEmail(input.email);
  const { clientAddress } = input;
  // No stored password can be this long (the policy caps it), so refusing early reveals nothing
  // and keeps a megabyte "password" from being fed to argon2. UTF-16 length: 128 code points fit in 256 units.
  if (email.length > MAX_EMAIL_LENGTH || input.password.length > 2 * MAX_PASSWORD_LENGTH) {
    throw new AppError('INVALID_ARGUMENT', 'email or password is too long');
  }
  // An IPv6 address with a zone fits easily; anything longer is not an address and would bloat audit rows.
  if (clientAddress.length > MAX_CLIENT_ADDRESS_LENGTH)
    throw new AppError('INVALID_ARGUMENT', 'clientAddress is too long');

  const gate = await chargeAttempt(deps, email, clientAddress, log);
  if (!gate.allowed) {
    log.warn(
      { action: 'login', outcome: 'RATE_LIMITED', clientAddress, retryAfterSeconds: gate.retryAfterSeconds },
      'log-in throttled',
    );
    throw new AppError('RATE_LIMITED', 'too many failed log-ins; try again later', {
      retryAfterSeconds: gate.retryAfterSeconds,
    });
  }

  const em = deps.orm.em.fork();
  const user = await new UserRepository(em).findByEmail(email);
  // An unknown email costs one argon2 verification too, so timing does not tell which accounts exist.
  const passwordOk = user
    ? await deps.passwords.verify(user.passwordHash, input.password)
    : await deps.passwords.verifyAgainstDummy(input.password);
  if (!user || !passwordOk) {
    const reason = user ? 'WRONG_PASSWORD' : 'UNKNOWN_EMAIL';
    await writeAudit(em, {
      actorId: user?.id ?? null,
      action: 'login.failed',
      targetType: 'user',
      targetId: user?.id ?? null,
      meta: { email, clientAddress, reason },
    });
    log.info(
      { action: 'login', outcome: 'INVALID_CREDENTIALS', userId: user?.id, clientAddress, reason },
      'log-in failed',
    );
    throw new AppError('INVALID_CREDENTIALS');
  }

  await deps.throttle
    .succeeded(email, clientAddress, gate.ticket)
    .catch((error: unknown) => log.warn({ err: error }, 'could not clear log-in failures'));
  const { tokens, familyId } = await em.transactional(async (tx) => {
    const familyId = await new RefreshTokenRepository(tx).createFamily(user.id);
    const tokens = await issueSessionTokens(deps, tx, toUserView(user), familyId);
    await writeAudit(tx, {
      actorId: user.id,
      action: 'login.succeeded',
      targetType: 'user',
      targetId: user.id,
      meta: { email, clientAddress, familyId },
    });
    return { tokens, familyId };
  });
  log.info({ action: 'login', outcome: 'ok', userId: user.id, familyId, clientAddress }, 'logged in');
  return tokens;
}

/** Without Redis there is no brute-force protection, so log-in fails closed rather than open. */
async function chargeAttempt(deps: AuthDeps, email: string, clientAddress: string, log: Logger): Promise<ThrottleGate> {
  try {
    return await deps.throttle.attempt(email, clientAddress);
  } catch (error) {
    log.error({ action: 'login', outcome: 'SERVICE_UNAVAILABLE', err: error }, 'log-in throttle unavailable');
    throw new AppError('SERVICE_UNAVAILABLE', 'log-in is unavailable, try again shortly');
  }
}
