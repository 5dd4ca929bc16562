import type { SandboxPayment, WebhookBody } from './sandbox-payment';

/** One webhook sent as `copies` concurrent deliveries, each retried on its own. */
export interface DeliveryStep {
  body: WebhookBody;
  copies: 1 | 2;
}

/** Steps run one after another: a step starts when every copy of the one before has settled. */
export interface DeliveryPlan {
  delayMs: number;
  steps: DeliveryStep[];
}

/**
 * What to send after the payment's newest change. `duplicates`: two copies of every step, at the
 * same moment, so the receiver also meets the race. `outOfOrder`: once the newest webhook has been
 * delivered, the one before it (e.g. SUCCESS after REFUNDED) is sent again, so the receiver sees a
 * stale event after a newer one. `delayMs`: the wait before the first step.
 */
export function planDelivery(payment: SandboxPayment): DeliveryPlan {
  const copies = payment.modes.duplicates ? 2 : 1;
  const newest = payment.webhooks.at(-1);
  const previous = payment.webhooks.at(-2);
  const steps: DeliveryStep[] = [];
  if (newest) steps.push({ body: newest, copies });
  if (newest && previous && payment.modes.outOfOrder) steps.push({ body: previous, copies });
  return { delayMs: payment.modes.delayMs, steps };
}
