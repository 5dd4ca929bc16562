import { NOTHING, num, pgArray, rows, type Sql, type Statement } from '@ticketing/db';

export interface StoredAnswer {
  fingerprint: string;
  response: unknown;
}

export interface KeyClaim {
  userId: string;
  key: string;
  fingerprint: string;
}

const idOf = (userId: string, key: string) => JSON.stringify([userId, key]);

export class IdempotencyRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * In one round trip: claim the batch's keys (sorted, so two transactions claiming the same keys
   * take them in the same order; a key held by a transaction still running makes this wait for
   * it) and read each user's ACTIVE + SOLD tickets in the session. Runs after the stock row is
   * locked, so no hold of the session changes meanwhile.
   */
  async claimAndReadUsage(
    sessionId: string,
    claims: readonly KeyClaim[],
    now: Date,
  ): Promise<{ claimed: Set<string>; usage: Map<string, number> }> {
    const sorted = [...claims].sort((a, b) =>
      a.userId === b.userId ? (a.key < b.key ? -1 : 1) : a.userId < b.userId ? -1 : 1,
    );
    const found = await this.sql.all<{
      kind: 'claimed' | 'usage';
      user_id: string;
      key: string | null;
      tickets: string | null;
    }>(
      `with claimed as (
         insert into idempotency_key (user_id, key, fingerprint, created_at) values ${rows(sorted.length, '(?, ?, ?, ?)')}
         on conflict do nothing returning user_id, key
       )
       select 'claimed' as kind, user_id, key, null::bigint as tickets from claimed
       union all
       select 'usage', user_id, null, sum(quantity) from hold
       where session_id = ? and user_id = any(?::text[]) and status in ('ACTIVE', 'SOLD') group by user_id`,
      [
        ...sorted.flatMap((c) => [c.userId, c.key, c.fingerprint, now]),
        sessionId,
        pgArray([...new Set(claims.map((c) => c.userId))]),
      ],
    );
    const claimed = new Set<string>();
    const usage = new Map<string, number>();
    for (const row of found) {
      if (row.kind === 'claimed') claimed.add(idOf(row.user_id, row.key!));
      else usage.set(row.user_id, num(row.tickets));
    }
    return { claimed, usage };
  }

  /**
   * Claims one key for a request decided alone (a cancel); false if it was taken before. A key
   * held by a transaction still running makes this wait for it. Runs after the stock row is
   * locked, as batches claim theirs.
   */
  async claim(claim: KeyClaim, now: Date): Promise<boolean> {
    const claimed = await this.sql.run(
      'insert into idempotency_key (user_id, key, fingerprint, created_at) values (?, ?, ?, ?) on conflict do nothing',
      [claim.userId, claim.key, claim.fingerprint, now],
    );
    return claimed === 1;
  }

  async stored(keys: ReadonlyArray<{ userId: string; key: string }>): Promise<Map<string, StoredAnswer>> {
    if (keys.length === 0) return new Map();
    const found = await this.sql.all<{ user_id: string; key: string; fingerprint: string; response: unknown }>(
      `select k.user_id, k.key, k.fingerprint, k.response from idempotency_key k
       join unnest(?::text[], ?::text[]) as wanted (user_id, key) on wanted.user_id = k.user_id and wanted.key = k.key`,
      [pgArray(keys.map((k) => k.userId)), pgArray(keys.map((k) => k.key))],
    );
    return new Map(found.map((r) => [idOf(r.user_id, r.key), { fingerprint: r.fingerprint, response: r.response }]));
  }

  /** The answers of the keys this transaction claimed, in one statement. */
  static saveAnswers(answers: ReadonlyArray<{ userId: string; key: string; response: unknown }>): Statement {
    if (answers.length === 0) return NOTHING;
    return {
      sql: `update idempotency_key as k set response = a.response
       from (values ${rows(answers.length, '(?::text, ?::text, ?::jsonb)')}) as a (user_id, key, response)
       where k.user_id = a.user_id and k.key = a.key`,
      params: answers.flatMap((a) => [a.userId, a.key, JSON.stringify(a.response)]),
    };
  }

  /**
   * Gives back keys this transaction claimed but whose answer is not kept: the row never becomes
   * visible to anyone else, and a retry with the key is decided afresh.
   */
  static releaseClaims(keys: ReadonlyArray<{ userId: string; key: string }>): Statement {
    if (keys.length === 0) return NOTHING;
    return {
      sql: `delete from idempotency_key as k
       using (values ${rows(keys.length, '(?::text, ?::text)')}) as r (user_id, key)
       where k.user_id = r.user_id and k.key = r.key`,
      params: keys.flatMap((k) => [k.userId, k.key]),
    };
  }

  /** Keys older than the retention are forgotten; returns how many. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return this.sql.run('delete from idempotency_key where created_at < ?', [cutoff]);
  }
}

export const keyId = idOf;
