import { Client } from 'pg';

/** Runs one query on a throwaway connection: for assertions on what a service stored. */
export async function queryOnce<T extends Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function tableExists(url: string, table: string): Promise<boolean> {
  const rows = await queryOnce<{ t: string | null }>(url, 'SELECT to_regclass($1)::text AS t', [table]);
  return rows[0]?.t != null;
}
