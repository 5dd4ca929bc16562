import type { Sql } from '@ticketing/db';

export interface KeyedCheckout {
  fingerprint: string;
  paymentId: string;
}

/** Checkout keys, per user: each names the payment it answered. */
export class IdempotencyRepository {
  constructor(private readonly sql: Sql) {}

  async find(userId: string, key: string): Promise<KeyedCheckout | null> {
    const found = await this.sql.all<{ fingerprint: string; payment_id: string }>(
      'select fingerprint, payment_id from idempotency_key where user_id = ? and key = ?',
      [userId, key],
    );
    return found[0] ? { fingerprint: found[0].fingerprint, paymentId: found[0].payment_id } : null;
  }

  /**
   * Keeps the key for this checkout, or returns what it was kept for. A transaction keeping the
   * same key at the same time makes the insert wait until it ends. The read that follows is a
   * statement of its own: in READ COMMITTED only a new statement sees what that transaction committed.
   */
  async keep(userId: string, key: string, checkout: KeyedCheckout, now: Date): Promise<KeyedCheckout> {
    const inserted = await this.sql.run(
      `insert into idempotency_key (user_id, key, fingerprint, payment_id, created_at) values (?, ?, ?, ?, ?)
       on conflict do nothing`,
      [userId, key, checkout.fingerprint, checkout.paymentId, now],
    );
    return inserted === 1 ? checkout : (await this.find(userId, key))!;
  }
}
