import { date, NOTHING, rows, type Sql, type Statement } from '@ticketing/db';
import type { PaymentStatus } from '../domain/payment-transitions';

export interface HistoryEntry {
  status: PaymentStatus;
  at: Date;
  /** Empty when the status needs no explanation. */
  reason: string;
}

export class PaymentHistoryRepository {
  constructor(private readonly sql: Sql) {}

  static append(paymentId: string, entry: HistoryEntry): Statement {
    return {
      sql: 'insert into payment_history (payment_id, status, reason, at) values (?, ?, ?, ?)',
      params: [paymentId, entry.status, entry.reason, entry.at],
    };
  }

  static appendAll(entries: ReadonlyArray<{ paymentId: string; entry: HistoryEntry }>): Statement {
    if (entries.length === 0) return NOTHING;
    return {
      sql: `insert into payment_history (payment_id, status, reason, at) values ${rows(entries.length, '(?, ?, ?, ?)')}`,
      params: entries.flatMap(({ paymentId, entry }) => [paymentId, entry.status, entry.reason, entry.at]),
    };
  }

  /** Oldest first. */
  async listOf(paymentId: string): Promise<HistoryEntry[]> {
    const found = await this.sql.all<{ status: PaymentStatus; reason: string; at: string }>(
      'select status, reason, at from payment_history where payment_id = ? order by id',
      [paymentId],
    );
    return found.map((r) => ({ status: r.status, reason: r.reason, at: date(r.at) }));
  }
}
