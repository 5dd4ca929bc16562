export { ensureDatabase, dropDatabase, databaseName, withMigrationLock } from './database-admin';
export { createOrm, runMigrations, type OrmSettings } from './create-orm';
export { Migration } from '@mikro-orm/migrations';
export type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
export { Sql, sqlOf, runTogether, pgArray, rows, num, date, NOTHING, type SqlOrEm, type Statement } from './sql';
export { auditLogMigration } from './audit-log.migration';
export { auditLogIndexMigration } from './audit-log-index.migration';
export { auditStatement, writeAudit, type AuditEntry } from './audit-log';
export {
  AUDIT_PAGE,
  AuditQueryInvalid,
  readAuditPage,
  type AuditPage,
  type AuditPageRequest,
  type AuditRecord,
} from './audit-query';
