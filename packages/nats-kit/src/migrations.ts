import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';

class CreateOutbox extends Migration {
  async up(): Promise<void> {
    // `seq` keeps publication in commit-ish order; the partial index makes "what is left" cheap.
    this.addSql(`
      create table outbox (
        seq bigserial primary key,
        id uuid not null unique,
        type text not null,
        payload jsonb not null,
        occurred_at timestamptz not null default now(),
        published_at timestamptz
      );`);
    this.addSql('create index outbox_unpublished_idx on outbox (seq) where published_at is null;');
  }
}

class AddOutboxTraceContext extends Migration {
  async up(): Promise<void> {
    // The W3C traceparent of the change that wrote the row: the relay publishes it as a header.
    this.addSql('alter table outbox add column traceparent text;');
  }
}

class CreateInbox extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table inbox (
        consumer text not null,
        event_id uuid not null,
        processed_at timestamptz not null default now(),
        primary key (consumer, event_id)
      );`);
  }
}

/** Add these to a service's own migration list when it publishes / consumes events. */
export const outboxMigration: MigrationObject = { name: 'Migration20261125000200_outbox', class: CreateOutbox };
/** After `outboxMigration`, in every service that lists it. */
export const outboxTraceMigration: MigrationObject = {
  name: 'Migration20261201000100_outbox_trace',
  class: AddOutboxTraceContext,
};
export const inboxMigration: MigrationObject = { name: 'Migration20261125000300_inbox', class: CreateInbox };
