export { ensureDatabase, dropDatabase, databaseName } from './database-admin';
export { createOrm, type OrmSettings } from './create-orm';
export { Migration } from '@mikro-orm/migrations';
export type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
export { Sql, sqlOf, runTogether, pgArray, rows, num, date, NOTHING, type SqlOrEm, type Statement } from './sql';
export { auditLogMigration } from './audit-log.migration';
export { auditStatement, writeAudit, type AuditEntry } from './audit-log';
