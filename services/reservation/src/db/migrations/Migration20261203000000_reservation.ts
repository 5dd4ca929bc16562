import { Migration } from '@ticketing/db';

export class Migration20261203000000Reservation extends Migration {
  async up(): Promise<void> {
    // One row per session: the hot row every hold locks. The invariant is repeated as CHECKs so
    // that no code path, however wrong, can store an oversold or unbalanced session.
    this.addSql(`
      create table stock (
        session_id uuid primary key,
        event_id uuid not null,
        event_title text not null,
        venue text not null,
        event_status text not null check (event_status in ('DRAFT', 'PUBLISHED', 'CANCELLED')),
        start_at timestamptz(3) not null,
        sales_open_at timestamptz(3) not null,
        sales_close_at timestamptz(3) not null,
        seating_kind text not null check (seating_kind in ('QUANTITY', 'SEAT_MAP')),
        price_minor bigint not null check (price_minor >= 0),
        currency text not null,
        queue_enabled boolean not null default false,
        catalog_version integer not null,
        deleted_at timestamptz(3),
        total integer not null check (total >= 0),
        available integer not null check (available >= 0),
        held integer not null check (held >= 0),
        sold integer not null check (sold >= 0),
        version bigint not null default 1,
        updated_at timestamptz(3) not null default now(),
        check (available + held + sold = total)
      );`);
    this.addSql(`
      create table seat (
        id uuid primary key,
        session_id uuid not null references stock (session_id),
        label text not null,
        section text not null default '',
        price_minor bigint not null check (price_minor >= 0),
        status text not null default 'AVAILABLE' check (status in ('AVAILABLE', 'HELD', 'SOLD')),
        hold_id uuid,
        unique (session_id, label),
        check ((status = 'AVAILABLE') = (hold_id is null))
      );`);
    this.addSql('create index seat_hold_idx on seat (hold_id) where hold_id is not null;');
    // seq orders listings (newest first, buyers in order) with a cheap keyset cursor.
    this.addSql(`
      create table hold (
        seq bigserial not null,
        id uuid primary key,
        session_id uuid not null references stock (session_id),
        user_id text not null,
        quantity integer not null check (quantity between 1 and 4),
        seat_ids uuid[] not null default '{}',
        seat_labels text[] not null default '{}',
        status text not null check (status in ('ACTIVE', 'SOLD', 'EXPIRED', 'RELEASED', 'CANCELLED')),
        expires_at timestamptz(3) not null,
        price_minor bigint not null check (price_minor >= 0),
        currency text not null,
        created_at timestamptz(3) not null,
        updated_at timestamptz(3) not null,
        check (cardinality(seat_ids) = 0 or cardinality(seat_ids) = quantity)
      );`);
    this.addSql(
      `create index hold_usage_idx on hold (session_id, user_id) include (quantity) where status in ('ACTIVE', 'SOLD');`,
    );
    this.addSql(`create index hold_expiry_idx on hold (expires_at, session_id) where status = 'ACTIVE';`);
    this.addSql('create index hold_user_page_idx on hold (user_id, seq desc);');
    this.addSql('create index hold_session_page_idx on hold (session_id, seq);');
    // The stored answer of each key; response is null only inside the transaction that claimed it.
    this.addSql(`
      create table idempotency_key (
        user_id text not null,
        key text not null,
        fingerprint text not null,
        status_code integer,
        response jsonb,
        created_at timestamptz(3) not null,
        primary key (user_id, key)
      );`);
    this.addSql('create index idempotency_key_age_idx on idempotency_key (created_at);');
  }
}
