import { Migration } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';

/** Who did what to which object; written in the same transaction as the change it records. */
class CreateAuditLog extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table audit_log (
        id bigserial primary key,
        actor_id text,
        action text not null,
        target_type text not null,
        target_id text,
        meta jsonb not null default '{}',
        created_at timestamptz not null default now()
      );`);
    this.addSql('create index audit_log_target_idx on audit_log (target_type, target_id);');
  }
}

/** Every service database has the same audit table; each lists this among its own migrations. */
export const auditLogMigration: MigrationObject = { name: 'Migration20261125000100_audit', class: CreateAuditLog };
