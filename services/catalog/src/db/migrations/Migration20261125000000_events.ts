import { Migration } from '@ticketing/db';

export class Migration20261125000000Events extends Migration {
  async up(): Promise<void> {
    // Millisecond precision on purpose: page cursors carry JS dates, which have no microseconds.
    this.addSql(`
      create table event (
        id uuid primary key,
        title text not null check (length(title) between 1 and 200),
        description text not null default '',
        venue text not null check (length(venue) between 1 and 200),
        status text not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED', 'CANCELLED')),
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now()
      );`);
    this.addSql(
      "create index event_published_page_idx on event (created_at desc, id desc) where status = 'PUBLISHED';",
    );
  }
}
