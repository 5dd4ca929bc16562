import { keyId, type KeyClaim } from './idempotency.repository';
import { num, pgArray, rows, type Sql } from './sql';

/**
 * In one round trip: claim the batch's idempotency keys (sorted, so two transactions claiming
 * the same keys take them in the same order; a key held by a transaction still running makes
 * this wait for it) and read each user's ACTIVE + SOLD tickets in the session. Runs after the
 * stock row is locked, so no hold of the session changes meanwhile.
 */
export async function claimKeysAndReadUsage(
  sql: Sql,
  sessionId: string,
  claims: readonly KeyClaim[],
  now: Date,
): Promise<{ claimed: Set<string>; usage: Map<string, number> }> {
  const sorted = [...claims].sort((a, b) =>
    a.userId === b.userId ? (a.key < b.key ? -1 : 1) : a.userId < b.userId ? -1 : 1,
  );
  const found = await sql.all<{
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
    if (row.kind === 'claimed') claimed.add(keyId(row.user_id, row.key!));
    else usage.set(row.user_id, num(row.tickets));
  }
  return { claimed, usage };
}
