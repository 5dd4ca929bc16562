import { Migration } from '@ticketing/db';

export class Migration20261201000000Auth extends Migration {
  async up(): Promise<void> {
    // The email is stored normalised, and the CHECK keeps it so: the unique index then means
    // "one account per address in any case", enforced by the database rather than a prior read.
    this.addSql(`
      create table app_user (
        id uuid primary key,
        email text not null check (email = lower(btrim(email)) and length(email) between 3 and 254),
        password_hash text not null check (password_hash like '$argon2id$%'),
        roles text[] not null default '{USER}' check (cardinality(roles) > 0 and roles <@ array['USER', 'ADMIN']),
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now()
      );`);
    this.addSql('create unique index app_user_email_uq on app_user (email);');

    // One family per log-in; revoking it (log-out, reuse) kills every token it ever issued.
    this.addSql(`
      create table refresh_family (
        id uuid primary key,
        user_id uuid not null references app_user (id) on delete cascade,
        created_at timestamptz(3) not null default now(),
        revoked_at timestamptz(3),
        revoke_reason text check (revoke_reason in ('LOGOUT', 'REUSE'))
      );`);
    this.addSql('create index refresh_family_user_idx on refresh_family (user_id);');
    this.addSql(`
      create table refresh_token (
        id uuid primary key,
        family_id uuid not null references refresh_family (id) on delete cascade,
        token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz(3) not null default now(),
        expires_at timestamptz(3) not null,
        used_at timestamptz(3),
        revoked_at timestamptz(3)
      );`);
    this.addSql('create unique index refresh_token_hash_uq on refresh_token (token_hash);');
    this.addSql('create index refresh_token_family_idx on refresh_token (family_id);');

    // Active = the key that signs now; not retired = still published so older tokens verify.
    this.addSql(`
      create table signing_key (
        kid text primary key,
        public_jwk jsonb not null,
        private_jwk jsonb not null,
        active boolean not null default false,
        created_at timestamptz(3) not null default now(),
        deactivated_at timestamptz(3),
        retired_at timestamptz(3),
        check (not (active and retired_at is not null)),
        check (public_jwk -> 'd' is null)
      );`);
    this.addSql('create unique index signing_key_one_active_uq on signing_key (active) where active;');
  }
}
