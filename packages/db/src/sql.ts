import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Raw SQL in the caller's transaction, for statements whose shape is the point: batches that
 * must stay a handful of statements whatever their size, conditional updates, row locks.
 * Values travel as bound parameters through the transaction's knex client: `Connection.execute`
 * would first inline every value into the SQL text, which for a 500-row insert costs more than
 * the insert.
 */
export class Sql {
  constructor(readonly em: EntityManager) {}

  private query(sql: string, params: readonly unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> {
    const client: Knex = this.em.getTransactionContext<Knex.Transaction>() ?? this.em.getConnection().getKnex();
    return client.raw(sql, params as Knex.RawBinding[]);
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }

  /** Returns how many rows the statement changed. */
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }
}

/** What the shared writers accept: the unit of work itself, or a `Sql` already made over it. */
export type SqlOrEm = Sql | EntityManager;

export const sqlOf = (db: SqlOrEm): Sql => (db instanceof Sql ? db : new Sql(db));

/** One SQL statement with its bound values, to be run alone or combined with others. */
export interface Statement {
  sql: string;
  params: unknown[];
}

export const NOTHING: Statement = { sql: '', params: [] };

/**
 * Runs several writes (INSERT / UPDATE / DELETE, no RETURNING needed) as one statement of
 * data-modifying CTEs: one round trip instead of one each, which is what a batch transaction
 * on a hot row waits for. They must not touch the same row twice.
 */
export async function runTogether(db: SqlOrEm, statements: readonly Statement[]): Promise<void> {
  const parts = statements.filter((s) => s.sql !== '');
  const [first] = parts;
  if (!first) return;
  const sql = sqlOf(db);
  if (parts.length === 1) {
    await sql.run(first.sql, first.params);
    return;
  }
  await sql.run(
    `with ${parts.map((s, i) => `w${i} as (${s.sql})`).join(', ')} select 1`,
    parts.flatMap((s) => s.params),
  );
}

/**
 * A PostgreSQL array literal, bound to one `?` and cast (`?::uuid[]`): knex would expand a JS
 * array into a comma list instead.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** `(?, ?), (?, ?)` for a multi-row VALUES list; `row` is one row's template, e.g. `(?, ?::uuid[])`. */
export function rows(count: number, row: string): string {
  return Array.from({ length: count }, () => row).join(', ');
}

/** bigint columns arrive as strings; the counters and amounts kept here stay far below 2^53. */
export const num = (value: unknown): number => Number(value);

/** MikroORM's driver hands timestamptz back as text (e.g. `2026-12-01 10:00:00.123+00`). */
export const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
