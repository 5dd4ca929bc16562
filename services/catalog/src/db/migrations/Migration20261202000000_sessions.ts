import { Migration } from '@ticketing/db';

export class Migration20261202000000Sessions extends Migration {
  async up(): Promise<void> {
    // The rules the domain checks are repeated here, so no code path can store a broken session.
    this.addSql(`
      create table session (
        id uuid primary key,
        event_id uuid not null references event (id) on delete cascade,
        start_at timestamptz(3) not null,
        sales_open_at timestamptz(3) not null,
        sales_close_at timestamptz(3) not null,
        price_minor bigint not null check (price_minor >= 0),
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        seating_kind text not null check (seating_kind in ('QUANTITY', 'SEAT_MAP')),
        total_stock integer not null check (total_stock between 1 and 1000000),
        queue_enabled boolean not null default false,
        admission_rate_per_sec integer not null default 0 check (admission_rate_per_sec >= 0),
        max_queue_length integer not null default 0 check (max_queue_length >= 0),
        version integer not null default 1 check (version >= 1),
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now(),
        check (sales_open_at < sales_close_at and sales_close_at <= start_at)
      );`);
    this.addSql('create index session_event_idx on session (event_id, start_at, id);');
    this.addSql(`
      create table seat (
        id uuid primary key,
        session_id uuid not null references session (id) on delete cascade,
        position integer not null,
        label text not null check (length(label) between 1 and 20),
        section text not null default '' check (length(section) <= 20),
        price_minor bigint check (price_minor >= 0),
        unique (session_id, position)
      );`);
    // Same rule as the domain: one label per session, whatever its case.
    this.addSql('create unique index seat_label_uq on seat (session_id, lower(label));');
    this.addSql('create index event_all_page_idx on event (created_at desc, id desc);');
  }
}
