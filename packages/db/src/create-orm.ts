import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import 'reflect-metadata';
import { ensureDatabase } from './database-admin';

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
 * Creates the database if needed, connects, and applies pending migrations.
 * `allowGlobalContext: false`: every unit of work must fork its own EntityManager.
 */
export async function createOrm(settings: OrmSettings): Promise<MikroORM> {
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
  await orm.getMigrator().up();
  return orm;
}
