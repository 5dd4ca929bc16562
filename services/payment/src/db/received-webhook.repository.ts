import { NOTHING, rows, type Statement } from '@ticketing/db';
import type { CallbackOutcome } from '../domain/payment-transitions';
import type { ProviderCallback } from '../domain/provider-callback';

export interface ReceivedWebhook {
  paymentId: string;
  provider: string;
  callback: ProviderCallback;
  outcome: CallbackOutcome;
  /** The body as received (already verified and parsed, so it is valid JSON text). */
  body: string;
  receivedAt: Date;
}

/**
 * Written in the transaction that decided the outcomes. An APPLIED row that would be the second
 * for its (provider payment, status) breaks a unique index and rolls the batch back.
 */
export class ReceivedWebhookRepository {
  static recordAll(webhooks: readonly ReceivedWebhook[]): Statement {
    if (webhooks.length === 0) return NOTHING;
    return {
      sql: `insert into received_webhook (payment_id, provider, provider_payment_id, status, amount_minor, currency,
              outcome, body, received_at) values ${rows(webhooks.length, '(?, ?, ?, ?, ?, ?, ?, ?, ?)')}`,
      params: webhooks.flatMap((w) => [
        w.paymentId,
        w.provider,
        w.callback.providerPaymentId,
        w.callback.status,
        w.callback.amountMinor,
        w.callback.currency,
        w.outcome,
        w.body,
        w.receivedAt,
      ]),
    };
  }
}
