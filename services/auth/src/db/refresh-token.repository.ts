import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { date, Sql } from '@ticketing/db';

const dateOrNull = (value: unknown) => (value === null ? null : date(value));

export interface LockedFamily {
  id: string;
  userId: string;
  revokedAt: Date | null;
}

export interface StoredRefreshToken {
  id: string;
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/**
 * Plain SQL on purpose: correctness here rests on statement order and row locks, which an
 * identity map would hide. Every writer of a family locks the family row first, so rotation,
 * reuse detection and log-out on one family run one after another and never deadlock.
 */
export class RefreshTokenRepository {
  private readonly sql: Sql;

  constructor(em: EntityManager) {
    this.sql = new Sql(em);
  }

  async createFamily(userId: string): Promise<string> {
    const id = randomUUID();
    await this.sql.run('insert into refresh_family (id, user_id) values (?, ?)', [id, userId]);
    return id;
  }

  async addToken(familyId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.sql.run('insert into refresh_token (id, family_id, token_hash, expires_at) values (?, ?, ?, ?)', [
      randomUUID(),
      familyId,
      tokenHash,
      expiresAt,
    ]);
  }

  async familyOf(tokenHash: string): Promise<string | null> {
    const rows = await this.sql.all<{ family_id: string }>('select family_id from refresh_token where token_hash = ?', [
      tokenHash,
    ]);
    return rows[0]?.family_id ?? null;
  }

  /** Waits for any other writer of the family; must run inside a transaction. */
  async lockFamily(familyId: string): Promise<LockedFamily | null> {
    const rows = await this.sql.all<{ id: string; user_id: string; revoked_at: unknown }>(
      'select id, user_id, revoked_at from refresh_family where id = ? for update',
      [familyId],
    );
    const row = rows[0];
    return row ? { id: row.id, userId: row.user_id, revokedAt: dateOrNull(row.revoked_at) } : null;
  }

  /** Read after lockFamily: under READ COMMITTED this statement sees what the previous lock holder committed. */
  async findToken(tokenHash: string): Promise<StoredRefreshToken | null> {
    const rows = await this.sql.all<{ id: string; used_at: unknown; revoked_at: unknown; expires_at: unknown }>(
      'select id, used_at, revoked_at, expires_at from refresh_token where token_hash = ?',
      [tokenHash],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          usedAt: dateOrNull(row.used_at),
          revokedAt: dateOrNull(row.revoked_at),
          expiresAt: date(row.expires_at),
        }
      : null;
  }

  /** Conditional, so even without the family lock a token could be exchanged only once. */
  async markUsed(tokenId: string): Promise<boolean> {
    const changed = await this.sql.run(
      'update refresh_token set used_at = now() where id = ? and used_at is null and revoked_at is null',
      [tokenId],
    );
    return changed === 1;
  }

  /**
   * The family row is updated first (taking its lock), then every token of it, newest included.
   * Returns whether the family was live until now and how many tokens were newly revoked.
   */
  async revokeFamily(
    familyId: string,
    reason: 'LOGOUT' | 'REUSE',
  ): Promise<{ familyWasLive: boolean; revokedTokens: number }> {
    const families = await this.sql.run(
      'update refresh_family set revoked_at = now(), revoke_reason = ? where id = ? and revoked_at is null',
      [reason, familyId],
    );
    const revokedTokens = await this.sql.run(
      'update refresh_token set revoked_at = now() where family_id = ? and revoked_at is null',
      [familyId],
    );
    return { familyWasLive: families === 1, revokedTokens };
  }
}
