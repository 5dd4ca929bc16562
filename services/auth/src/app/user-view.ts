import type { UserEntity } from '../db/user.entity';

/** What callers may learn about an account: never its hash. */
export interface UserView {
  id: string;
  email: string;
  roles: string[];
  createdAt: Date;
}

export function toUserView(user: UserEntity): UserView {
  return { id: user.id, email: user.email, roles: [...user.roles], createdAt: user.createdAt };
}
