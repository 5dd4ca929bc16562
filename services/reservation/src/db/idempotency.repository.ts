import { NOTHING, pgArray, rows, type Sql, type Statement } from './sql';

export interface StoredAnswer {
  fingerprint: string;
  statusCode: number;
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

  async stored(keys: ReadonlyArray<{ userId: string; key: string }>): Promise<Map<string, StoredAnswer>> {
    if (keys.length === 0) return new Map();
    const found = await this.sql.all<{
      user_id: string;
      key: string;
      fingerprint: string;
      status_code: number;
      response: unknown;
    }>(
      `select k.user_id, k.key, k.fingerprint, k.status_code, k.response from idempotency_key k
       join unnest(?::text[], ?::text[]) as wanted (user_id, key) on wanted.user_id = k.user_id and wanted.key = k.key`,
      [pgArray(keys.map((k) => k.userId)), pgArray(keys.map((k) => k.key))],
    );
    return new Map(
      found.map((r) => [
        idOf(r.user_id, r.key),
        { fingerprint: r.fingerprint, statusCode: r.status_code, response: r.response },
      ]),
    );
  }

  /** The answers of the keys this transaction claimed, in one statement. */
  static saveAnswers(
    answers: ReadonlyArray<{ userId: string; key: string; statusCode: number; response: unknown }>,
  ): Statement {
    if (answers.length === 0) return NOTHING;
    return {
      sql: `update idempotency_key as k set status_code = a.status_code, response = a.response
       from (values ${rows(answers.length, '(?::text, ?::text, ?::integer, ?::jsonb)')}) as a (user_id, key, status_code, response)
       where k.user_id = a.user_id and k.key = a.key`,
      params: answers.flatMap((a) => [a.userId, a.key, a.statusCode, JSON.stringify(a.response)]),
    };
  }

  /** Keys older than the retention are forgotten; returns how many. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return this.sql.run('delete from idempotency_key where created_at < ?', [cutoff]);
  }
}

export const keyId = idOf;
