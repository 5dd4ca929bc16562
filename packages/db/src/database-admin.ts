import { Client } from 'pg';

const DUPLICATE_DATABASE = '42P04';

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    throw new Error(`DATABASE_URL must name a database of letters, digits and underscores (got "${name}")`);
  }
  return name;
}

function maintenanceUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

async function withAdminClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: maintenanceUrl(url), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    throw new Error(
      `DATABASE_URL: cannot connect to PostgreSQL at ${where.hostname}:${where.port || 5432} (${(error as Error).message})`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` while holding an advisory lock named after the database, taken in the maintenance
 * database (the service's own may not exist yet). MikroORM's migrator takes no lock: replicas
 * starting together would race to create the database and the migrations table, and all but one
 * would crash. With the lock they migrate one after the other; the later ones find nothing to do.
 */
export async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const key = `ticketing-migrate:${databaseName(url)}`;
  return withAdminClient(url, async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    try {
      return await work();
    } finally {
      // Ending the session would release it too; unlocking first lets the next replica go at once.
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    }
  });
}

/** Creates the service's database if it is missing, so a fresh machine needs no manual step. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withAdminClient(url, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      // Two processes booting at once may race to create it; the loser is fine.
      if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
    }
  });
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withAdminClient(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
