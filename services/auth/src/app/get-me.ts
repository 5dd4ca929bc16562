import { AppError } from '@ticketing/errors';
import type { Principal } from '@ticketing/grpc-kit';
import { UserRepository } from '../db/user.repository';
import type { AuthDeps } from './deps';
import { toUserView, type UserView } from './user-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller's own account, with its current roles (which may be newer than the token's). */
export async function getMe(deps: Pick<AuthDeps, 'orm'>, principal: Principal): Promise<UserView> {
  // Service tokens have a `service:<name>` subject: a verified caller, but no account behind it.
  const user = UUID.test(principal.subject)
    ? await new UserRepository(deps.orm.em.fork()).findById(principal.subject)
    : null;
  if (!user) throw new AppError('NOT_FOUND', 'no user account behind this token');
  return toUserView(user);
}
