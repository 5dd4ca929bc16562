import { randomUUID } from 'node:crypto';
import { writeAudit } from '@ticketing/db';
import type { Logger } from '@ticketing/logger';
import { bootstrapAdminProblems } from '../config';
import { UserRepository } from '../db/user.repository';
import { normaliseEmail } from '../domain/email';
import type { AuthDeps } from './deps';

export interface AdminCredentials {
  email: string;
  password: string;
}

/**
 * Makes sure the configured account exists and is an ADMIN; safe to run on every boot of every
 * replica. If the account already exists, it only gains the role: its password is left as it is,
 * because the environment variable is a first-run credential, and silently resetting a password
 * an admin has since changed (on every restart) would be worse than a stale variable.
 */
export async function bootstrapAdmin(
  deps: Pick<AuthDeps, 'orm' | 'passwords'>,
  admin: AdminCredentials,
  log: Logger,
): Promise<void> {
  const problems = bootstrapAdminProblems(admin.email, admin.password);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const email = normaliseEmail(admin.email);
  const passwordHash = await deps.passwords.hash(admin.password);
  const changed = await deps.orm.em.fork().transactional(async (tx) => {
    const result = await new UserRepository(tx).ensureAdmin(randomUUID(), email, passwordHash);
    if (result) {
      await writeAudit(tx, {
        actorId: null,
        action: 'user.admin_bootstrapped',
        targetType: 'user',
        targetId: result.id,
        meta: { email, created: result.created },
      });
    }
    return result;
  });
  if (changed)
    log.info(
      { action: 'bootstrap_admin', outcome: changed.created ? 'created' : 'promoted', userId: changed.id },
      'bootstrap admin ready',
    );
  else log.info({ action: 'bootstrap_admin', outcome: 'unchanged' }, 'bootstrap admin already in place');
}
