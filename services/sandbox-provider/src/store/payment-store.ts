import type { SandboxPayment } from '../domain/sandbox-payment';

export interface PaymentStore {
  byPgId(pgPaymentId: string): SandboxPayment | undefined;
  byPaymentId(paymentId: string): SandboxPayment | undefined;
  /** Adds or replaces. Callers read, decide and put in one synchronous turn, so no change is lost. */
  put(payment: SandboxPayment): void;
  size(): number;
}

/** A sandbox left running (a benchmark, a long demo) must not grow without bound. */
export const DEFAULT_MAX_PAYMENTS = 100_000;

/** State in memory: a test mode's payments need not outlive the process (see docs/decisions.md). */
export function createPaymentStore(maxPayments = DEFAULT_MAX_PAYMENTS): PaymentStore {
  // A Map keeps insertion order, so its first key is the oldest payment.
  const byPg = new Map<string, SandboxPayment>();
  const pgByPaymentId = new Map<string, string>();
  return {
    byPgId: (pgPaymentId) => byPg.get(pgPaymentId),
    byPaymentId: (paymentId) => {
      const pgPaymentId = pgByPaymentId.get(paymentId);
      return pgPaymentId === undefined ? undefined : byPg.get(pgPaymentId);
    },
    put: (payment) => {
      if (!byPg.has(payment.pgPaymentId) && byPg.size >= maxPayments) {
        const [oldest] = byPg.values();
        if (oldest) {
          byPg.delete(oldest.pgPaymentId);
          pgByPaymentId.delete(oldest.paymentId);
        }
      }
      byPg.set(payment.pgPaymentId, payment);
      pgByPaymentId.set(payment.paymentId, payment.pgPaymentId);
    },
    size: () => byPg.size,
  };
}
