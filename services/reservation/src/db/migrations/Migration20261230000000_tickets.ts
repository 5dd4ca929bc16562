import { Migration } from '@ticketing/db';

/** Tickets issued when a hold is sold, and the payment that bought each hold (issue 12). */
export class Migration20261230000000Tickets extends Migration {
  async up(): Promise<void> {
    // Which payment bought a hold: a success from another payment for the same hold is refunded.
    this.addSql('alter table hold add column payment_id text;');
    // The QR payload is not stored: it is signed from these columns whenever it is shown, so a key
    // rotation re-signs every ticket and a copy of the table holds no signatures.
    this.addSql(`
      create table ticket (
        seq bigserial not null,
        id uuid primary key,
        code text not null unique,
        hold_id uuid not null references hold (id),
        session_id uuid not null references stock (session_id),
        user_id text not null,
        seat_id uuid references seat (id),
        seat_label text,
        status text not null check (status in ('VALID', 'CANCELLED')),
        issued_at timestamptz(3) not null,
        cancelled_at timestamptz(3),
        check ((status = 'CANCELLED') = (cancelled_at is not null)),
        check ((seat_id is null) = (seat_label is null))
      );`);
    this.addSql('create index ticket_user_page_idx on ticket (user_id, seq desc);');
    this.addSql('create index ticket_hold_idx on ticket (hold_id);');
    this.addSql(`create index ticket_session_valid_idx on ticket (session_id) where status = 'VALID';`);
    // However wrong the code, one seat never admits two people.
    this.addSql(`create unique index ticket_seat_valid_idx on ticket (seat_id) where status = 'VALID';`);
  }
}
