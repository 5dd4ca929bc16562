import { writeAudit } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import type { Logger } from '@ticketing/logger';
import { UserRepository } from '../db/user.repository';
import { isAcceptableEmail, MAX_EMAIL_LENGTH, normaliseEmail } from '../domain/email';
import { describeWeaknesses, passwordWeaknesses } from '../domain/password-policy';
import type { AuthDeps } from './deps';
import { toUserView, type UserView } from './user-view';

export interface SignUpInput {
  email: string;
  password: string;
}

export async function signUp(
  deps: Pick<AuthDeps, 'orm' | 'passwords'>,
  input: SignUpInput,
  log: Logger,
): Promise<UserView> {
  const email = normaliseEmail(input.email);
  if (!isAcceptableEmail(email)) {
    throw new AppError('INVALID_ARGUMENT', `email must be a valid address of at most ${MAX_EMAIL_LENGTH} characters`, {
      field: 'email',
    });
  }
  const reasons = passwordWeaknesses(input.password);
  if (reasons.length > 0) throw new AppError('WEAK_PASSWORD', describeWeaknesses(reasons), { reasons });

  // Hashed before the transaction: 50 ms of argon2 should not hold a connection or a lock.
  const passwordHash = await deps.passwords.hash(input.password);
  try {
    const user = await deps.orm.em.fork().transactional(async (tx) => {
      const created = await new UserRepository(tx).insert(email, passwordHash);
      await writeAudit(tx, {
        actorId: created.id,
        action: 'user.signed_up',
        targetType: 'user',
        targetId: created.id,
        meta: { email },
      });
      return created;
    });
    log.info({ action: 'signup', outcome: 'ok', userId: user.id }, 'user signed up');
    return toUserView(user);
  } catch (error) {
    if (AppError.is(error, 'EMAIL_TAKEN')) log.info({ action: 'signup', outcome: 'EMAIL_TAKEN' }, 'sign-up refused');
    throw error;
  }
}
