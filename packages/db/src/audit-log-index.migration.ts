import { Migration } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';

/**
 * The audit trail is read newest first by keyset, all of it or one actor's: each read walks one
 * index from its cursor instead of sorting the table. Both keys grow with time, so inserts append.
 */
class IndexAuditLogByTime extends Migration {
  async up(): Promise<void> {
    this.addSql('create index audit_log_created_idx on audit_log (created_at desc, id desc);');
    this.addSql('create index audit_log_actor_idx on audit_log (actor_id, created_at desc, id desc);');
  }
}

/** Listed by each service after auditLogMigration. */
export const auditLogIndexMigration: MigrationObject = {
  name: 'Migration20261231000200_audit_index',
  class: IndexAuditLogByTime,
};
