import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Sql } from '@ticketing/db';
import { AppError } from '@ticketing/errors';
import { UserEntity } from './user.entity';

export class UserRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Inserts at once so the unique index on email decides between racing sign-ups; the loser
   * gets EMAIL_TAKEN. (Inside a transaction, the violation also aborts it: callers let it roll back.)
   */
  async insert(email: string, passwordHash: string): Promise<UserEntity> {
    const user = Object.assign(new UserEntity(), { email, passwordHash });
    try {
      await this.em.insert(UserEntity, { ...user });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new AppError('EMAIL_TAKEN', 'this email is already registered');
      throw error;
    }
    return user;
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.em.findOne(UserEntity, { email });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.em.findOne(UserEntity, { id });
  }

  /**
   * One statement, so replicas booting together cannot create two accounts: the unique index
   * arbitrates, and the loser takes the update branch. An existing account only gains ADMIN;
   * its password is deliberately left alone (see bootstrap-admin.ts). Returns null when nothing changed.
   */
  async ensureAdmin(id: string, email: string, passwordHash: string): Promise<{ id: string; created: boolean } | null> {
    const rows = await new Sql(this.em).all<{ id: string; created: boolean }>(
      `insert into app_user (id, email, password_hash, roles) values (?, ?, ?, '{USER,ADMIN}')
       on conflict (email) do update set roles = array_append(app_user.roles, 'ADMIN'), updated_at = now()
         where not ('ADMIN' = any (app_user.roles))
       returning id, (xmax = 0) as created`,
      [id, email, passwordHash],
    );
    return rows[0] ?? null;
  }
}
