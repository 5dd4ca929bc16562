export { ensureDatabase, dropDatabase, databaseName } from './database-admin';
export { createOrm, type OrmSettings } from './create-orm';
export { Migration } from '@mikro-orm/migrations';
export type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
export { auditLogMigration } from './audit-log.migration';
