import type { WebhookModes } from '../domain/sandbox-payment';
import type { PaymentStore } from '../store/payment-store';
import type { WebhookSender } from '../webhooks/webhook-sender';

/** What the use cases need, passed in so tests and main.ts wire the same code. */
export interface ProviderDeps {
  store: PaymentStore;
  sender: WebhookSender;
  /** Modes for a payment that does not choose its own. */
  defaultModes: WebhookModes;
  /** A fresh unguessable id with the given prefix, e.g. pg_... or rf_... */
  newId: (prefix: 'pg' | 'rf') => string;
  /** How checkout URLs start; known once the server is listening. */
  publicUrl: () => string;
}
