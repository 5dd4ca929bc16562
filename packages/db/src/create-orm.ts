import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import 'reflect-metadata';
import { databaseName, ensureDatabase, withMigrationLock } from './database-admin';

export interface OrmSettings {
  url: string;
  entities: Constructor<unknown>[];
  /** Migrations are listed in code, not globbed, so src/ (tests) and dist/ (runtime) behave the same. */
  migrations: MigrationObject[];
  poolMax?: number;
  debug?: boolean;
  /** Where MikroORM's own messages (migrations applied) go; silent unless given. */
  log?: (message: string) => void;
}

/**
 * Creates the database if needed, connects, and applies pending migrations, one process at a time
 * per database (`withMigrationLock`), so replicas may start together.
 * `allowGlobalContext: false`: every unit of work must fork its own EntityManager.
 */
export function createOrm(settings: OrmSettings): Promise<MikroORM> {
  return withMigrationLock(settings.url, () => connectAndMigrate(settings));
}

async function connectAndMigrate(settings: OrmSettings): Promise<MikroORM> {
  await ensureDatabase(settings.url);
  const options: Options = {
    driver: PostgreSqlDriver,
    clientUrl: settings.url,
    entities: settings.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    allowGlobalContext: false,
    debug: settings.debug ?? false,
    logger: settings.log ?? (() => undefined),
    pool: { min: 0, max: settings.poolMax ?? 10 },
    migrations: { migrationsList: settings.migrations, transactional: true, allOrNothing: true, snapshot: false },
    discovery: { warnWhenNoEntities: false },
  };
  const orm = await MikroORM.init(options);
  if (!(await orm.isConnected())) {
    await orm.close(true);
    const where = new URL(settings.url);
    throw new Error(`DATABASE_URL: cannot connect to ${where.hostname}:${where.port || 5432}${where.pathname}`);
  }
  try {
    await orm.getMigrator().up();
  } catch (error) {
    // Or its pool would keep the process (a migration Job's pod) alive.
    await orm.close(true);
    throw error;
  }
  return orm;
}

/**
 * Migrates a database and disconnects: what a migration Job (or init container) runs, with only
 * the database's URL and none of the server's secrets. Resolves with the database's name.
 */
export async function runMigrations(
  url: string,
  migrations: MigrationObject[],
  log?: (message: string) => void,
): Promise<string> {
  const orm = await createOrm({ url, entities: [], migrations, log });
  await orm.close();
  return databaseName(url);
}
