import { Migration } from '@ticketing/db';

export class Migration20261230000000Payment extends Migration {
  async up(): Promise<void> {
    // One payment per hold, whoever asks and however often: the unique hold_id is the rule.
    // The provider's id and session arrive after the row exists (the provider is called outside
    // the transaction), so both are null together until then.
    this.addSql(`
      create table payment (
        id uuid primary key,
        hold_id uuid not null unique,
        user_id text not null,
        status text not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUND_PENDING', 'REFUNDED')),
        amount_minor bigint not null check (amount_minor >= 0),
        currency text not null,
        method text not null check (method in ('CARD')),
        provider text not null,
        provider_payment_id text,
        payment_session_url text,
        expires_at timestamptz(3) not null,
        created_at timestamptz(3) not null,
        updated_at timestamptz(3) not null,
        unique (provider, provider_payment_id),
        check ((provider_payment_id is null) = (payment_session_url is null))
      );`);
    this.addSql(`
      create table payment_history (
        id bigserial primary key,
        payment_id uuid not null references payment (id),
        status text not null,
        reason text not null default '',
        at timestamptz(3) not null
      );`);
    this.addSql('create index payment_history_payment_idx on payment_history (payment_id, id);');
    // Every webhook that named a known payment, with what became of it. The partial unique index
    // is the last word on "the same (provider payment, status) applies once", behind the row lock.
    this.addSql(`
      create table received_webhook (
        id bigserial primary key,
        payment_id uuid not null references payment (id),
        provider text not null,
        provider_payment_id text not null,
        status text not null,
        amount_minor bigint not null,
        currency text not null,
        outcome text not null check (outcome in ('APPLIED', 'DUPLICATE', 'AMOUNT_MISMATCH', 'IGNORED')),
        body text not null,
        received_at timestamptz(3) not null
      );`);
    this.addSql(
      `create unique index received_webhook_applied_once on received_webhook (provider, provider_payment_id, status) where outcome = 'APPLIED';`,
    );
    this.addSql('create index received_webhook_payment_idx on received_webhook (payment_id);');
    // A checkout's key names the payment it answered: a retry answers that payment again.
    this.addSql(`
      create table idempotency_key (
        user_id text not null,
        key text not null,
        fingerprint text not null,
        payment_id uuid not null references payment (id),
        created_at timestamptz(3) not null,
        primary key (user_id, key)
      );`);
  }
}
