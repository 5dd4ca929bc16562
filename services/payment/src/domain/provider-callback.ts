import { PROVIDER_STATUSES, type ProviderStatus } from './payment-transitions';
import { refuse, type Refusal } from './refusal';

/** A provider's webhook as this service reads it. */
export interface ProviderCallback {
  providerPaymentId: string;
  status: ProviderStatus;
  amountMinor: number;
  currency: string;
}

type Parsed = { ok: true; callback: ProviderCallback } | { ok: false; refusal: Refusal };

const invalid = (message: string): Parsed => ({ ok: false, refusal: refuse('INVALID_ARGUMENT', message) });

/** Read only after the signature is checked: these bytes are the provider's. */
export function parseCallbackBody(rawBody: Uint8Array): Parsed {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(rawBody).toString('utf8'));
  } catch {
    return invalid('the callback body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return invalid('the callback body is not an object');
  const { pgPaymentId, status, amount, currency } = body as Record<string, unknown>;
  if (typeof pgPaymentId !== 'string' || pgPaymentId.length < 1 || pgPaymentId.length > 200)
    return invalid('pgPaymentId must be a string of 1 to 200 characters');
  if (typeof status !== 'string' || !(PROVIDER_STATUSES as readonly string[]).includes(status))
    return invalid(`status must be one of ${PROVIDER_STATUSES.join(', ')}`);
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0)
    return invalid('amount must be a whole number of minor units, at least 0');
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    return invalid('currency must be an ISO 4217 code in upper case');
  return {
    ok: true,
    callback: { providerPaymentId: pgPaymentId, status: status as ProviderStatus, amountMinor: amount, currency },
  };
}

/** The provider must report exactly what was asked of it; anything else is refused and recorded. */
export function amountRefusal(
  payment: { amountMinor: number; currency: string },
  reported: { amountMinor: number; currency: string },
): Refusal | null {
  if (payment.amountMinor === reported.amountMinor && payment.currency === reported.currency) return null;
  return refuse('AMOUNT_MISMATCH', 'the amount or currency reported does not match the payment', {
    expected: { amount: payment.amountMinor, currency: payment.currency },
    received: { amount: reported.amountMinor, currency: reported.currency },
  });
}
