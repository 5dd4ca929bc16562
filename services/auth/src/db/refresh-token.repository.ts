import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

// MikroORM has pg hand timestamps back as strings; the rest of the service works with Dates.
type Timestamp = Date | string;
const toDate = (value: Timestamp) => new Date(value);
const toDateOrNull = (value: Timestamp | null) => (value === null ? null : new Date(value));

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
  constructor(private readonly em: EntityManager) {}

  async createFamily(userId: string): Promise<string> {
    const id = randomUUID();
    await this.em.execute('insert into refresh_family (id, user_id) values (?, ?)', [id, userId]);
    return id;
  }

  async addToken(familyId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.em.execute('insert into refresh_token (id, family_id, token_hash, expires_at) values (?, ?, ?, ?)', [
      randomUUID(),
      familyId,
      tokenHash,
      expiresAt,
    ]);
  }

  async familyOf(tokenHash: string): Promise<string | null> {
    const rows = await this.em.execute<Array<{ family_id: string }>>(
      'select family_id from refresh_token where token_hash = ?',
      [tokenHash],
    );
    return rows[0]?.family_id ?? null;
  }

  /** Waits for any other writer of the family; must run inside a transaction. */
  async lockFamily(familyId: string): Promise<LockedFamily | null> {
    const rows = await this.em.execute<Array<{ id: string; user_id: string; revoked_at: Timestamp | null }>>(
      'select id, user_id, revoked_at from refresh_family where id = ? for update',
      [familyId],
    );
    const row = rows[0];
    return row ? { id: row.id, userId: row.user_id, revokedAt: toDateOrNull(row.revoked_at) } : null;
  }

  /** Read after lockFamily: under READ COMMITTED this statement sees what the previous lock holder committed. */
  async findToken(tokenHash: string): Promise<StoredRefreshToken | null> {
    const rows = await this.em.execute<
      Array<{ id: string; used_at: Timestamp | null; revoked_at: Timestamp | null; expires_at: Timestamp }>
    >('select id, used_at, revoked_at, expires_at from refresh_token where token_hash = ?', [tokenHash]);
    const row = rows[0];
    return row
      ? {
          id: row.id,
          usedAt: toDateOrNull(row.used_at),
          revokedAt: toDateOrNull(row.revoked_at),
          expiresAt: toDate(row.expires_at),
        }
      : null;
  }

  /** Conditional, so even without the family lock a token could be exchanged only once. */
  async markUsed(tokenId: string): Promise<boolean> {
    const rows = await this.em.execute<Array<{ id: string }>>(
      'update refresh_token set used_at = now() where id = ? and used_at is null and revoked_at is null returning id',
      [tokenId],
    );
    return rows.length === 1;
  }

  /**
   * The family row is updated first (taking its lock), then every token of it, newest included.
   * Returns whether the family was live until now and how many tokens were newly revoked.
   */
  async revokeFamily(
    familyId: string,
    reason: 'LOGOUT' | 'REUSE',
  ): Promise<{ familyWasLive: boolean; revokedTokens: number }> {
    const families = await this.em.execute<Array<{ id: string }>>(
      'update refresh_family set revoked_at = now(), revoke_reason = ? where id = ? and revoked_at is null returning id',
      [reason, familyId],
    );
    const tokens = await this.em.execute<Array<{ id: string }>>(
      'update refresh_token set revoked_at = now() where family_id = ? and revoked_at is null returning id',
      [familyId],
    );
    return { familyWasLive: families.length === 1, revokedTokens: tokens.length };
  }
}
