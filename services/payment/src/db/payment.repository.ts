import { date, num, pgArray, rows, type Sql, type Statement } from '@ticketing/db';
import type { PaymentMethod } from '../domain/checkout-rules';
import type { PaymentStatus } from '../domain/payment-transitions';

export interface PaymentRow {
  id: string;
  holdId: string;
  userId: string;
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
  provider: string;
  /** Null until the provider has created its side of the payment. */
  providerPaymentId: string | null;
  paymentSessionUrl: string | null;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /** The checkout's trace (W3C traceparent), continued by the payment's events; null outside a trace. */
  traceparent: string | null;
}

export interface StatusChange {
  id: string;
  from: PaymentStatus;
  to: PaymentStatus;
}

export type NewPayment = Omit<PaymentRow, 'providerPaymentId' | 'paymentSessionUrl'>;

interface RawPayment {
  id: string;
  hold_id: string;
  user_id: string;
  status: PaymentStatus;
  amount_minor: string;
  currency: string;
  method: PaymentMethod;
  provider: string;
  provider_payment_id: string | null;
  payment_session_url: string | null;
  expires_at: string;
  created_at: string;
  updated_at: string;
  traceparent: string | null;
}

const toPayment = (r: RawPayment): PaymentRow => ({
  id: r.id,
  holdId: r.hold_id,
  userId: r.user_id,
  status: r.status,
  amountMinor: num(r.amount_minor),
  currency: r.currency,
  method: r.method,
  provider: r.provider,
  providerPaymentId: r.provider_payment_id,
  paymentSessionUrl: r.payment_session_url,
  expiresAt: date(r.expires_at),
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
  traceparent: r.traceparent,
});

const first = (found: RawPayment[]) => (found[0] ? toPayment(found[0]) : null);

/** Every lock here is on one payment row only, so no two of them can deadlock. */
export class PaymentRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Inserts the payment unless its hold has one. A concurrent insert for the same hold waits on
   * the unique index until the other transaction ends, then inserts nothing. Returns whether
   * this call created it.
   */
  async insertUnlessHoldPaid(p: NewPayment): Promise<boolean> {
    const inserted = await this.sql.run(
      `insert into payment (id, hold_id, user_id, status, amount_minor, currency, method, provider, expires_at,
         created_at, updated_at, traceparent)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (hold_id) do nothing`,
      [
        p.id,
        p.holdId,
        p.userId,
        p.status,
        p.amountMinor,
        p.currency,
        p.method,
        p.provider,
        p.expiresAt,
        p.createdAt,
        p.updatedAt,
        p.traceparent,
      ],
    );
    return inserted === 1;
  }

  async findById(id: string): Promise<PaymentRow | null> {
    return first(await this.sql.all<RawPayment>('select * from payment where id = ?', [id]));
  }

  async findByHold(holdId: string): Promise<PaymentRow | null> {
    return first(await this.sql.all<RawPayment>('select * from payment where hold_id = ?', [holdId]));
  }

  async lockById(id: string): Promise<PaymentRow | null> {
    return first(await this.sql.all<RawPayment>('select * from payment where id = ? for update', [id]));
  }

  async lockByHold(holdId: string): Promise<PaymentRow | null> {
    return first(await this.sql.all<RawPayment>('select * from payment where hold_id = ? for update', [holdId]));
  }

  /**
   * Locks the payment a webhook names, then says whether this status was applied to it before.
   * Copies of one webhook queue on the lock. The second read is a statement of its own: after
   * waiting for the lock, only a new statement sees what the copy before it committed (a
   * subquery in the locking statement would still read the old snapshot).
   */
  /**
   * Locks the provider's payments named by a batch of webhooks (in id order, so two batches never
   * wait on each other in a cycle), each with the provider statuses already applied to it.
   */
  async lockForCallbacks(
    provider: string,
    providerPaymentIds: string[],
  ): Promise<Array<{ payment: PaymentRow; appliedStatuses: string[] }>> {
    const found = await this.sql.all<RawPayment & { applied_statuses: string[] }>(
      `select p.*, array(select w.status from received_webhook w
                          where w.provider = p.provider and w.provider_payment_id = p.provider_payment_id
                            and w.outcome = 'APPLIED') as applied_statuses
         from payment p
        where p.provider = ? and p.provider_payment_id = any(?::text[])
        order by p.id
          for update of p`,
      [provider, pgArray([...new Set(providerPaymentIds)])],
    );
    return found.map((r) => ({ payment: toPayment(r), appliedStatuses: r.applied_statuses }));
  }

  /** Records the provider's side once; a second caller with the same session changes nothing. */
  async attachProviderSession(id: string, providerPaymentId: string, sessionUrl: string, now: Date): Promise<void> {
    await this.sql.run(
      `update payment set provider_payment_id = ?, payment_session_url = ?, updated_at = ?
       where id = ? and provider_payment_id is null`,
      [providerPaymentId, sessionUrl, now, id],
    );
  }

  /** For payments this transaction has locked and read in status `from`: one statement for all. */
  static changeStatuses(changes: readonly StatusChange[], now: Date): Statement {
    return {
      sql: `update payment p set status = c.to_status, updated_at = ?
              from (values ${rows(changes.length, '(?::uuid, ?, ?)')}) as c(id, from_status, to_status)
             where p.id = c.id and p.status = c.from_status`,
      params: [now, ...changes.flatMap((c) => [c.id, c.from, c.to])],
    };
  }

  /** For a payment this transaction has locked and read in status `from`. */
  static changeStatus(id: string, from: PaymentStatus, to: PaymentStatus, now: Date): Statement {
    return {
      sql: 'update payment set status = ?, updated_at = ? where id = ? and status = ?',
      params: [to, now, id, from],
    };
  }
}
