import { createHash } from 'node:crypto';
import { refuse, type Refusal } from './refusal';

const KEY = /^[A-Za-z0-9_\-:.]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PAYMENT_METHODS = ['CARD'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface CheckoutCommand {
  holdId: string;
  /** As sent; only the methods above are accepted. */
  method: string;
  idempotencyKey: string;
}

export const isUuid = (value: string): boolean => UUID.test(value);

/** What can be refused from the request alone, before the hold is read. */
export function checkoutRequestRefusal(command: CheckoutCommand): Refusal | null {
  if (command.idempotencyKey === '')
    return refuse('IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header: one per checkout, reused on retries');
  if (!KEY.test(command.idempotencyKey))
    return refuse('INVALID_ARGUMENT', 'Idempotency-Key must be 1 to 100 letters, digits, "_", "-", ":" or "."', {
      field: 'idempotencyKey',
    });
  if (!isUuid(command.holdId)) return refuse('NOT_FOUND', 'hold not found');
  if (!(PAYMENT_METHODS as readonly string[]).includes(command.method))
    return refuse('INVALID_ARGUMENT', `method must be one of ${PAYMENT_METHODS.join(', ')}`, { field: 'method' });
  return null;
}

/** SHA-256 of what was asked, in canonical form: the same key must always ask the same. */
export function checkoutFingerprint(holdId: string, method: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ holdId: holdId.toLowerCase(), method }))
    .digest('hex');
}

/**
 * Only an ACTIVE hold whose time has not passed is paid for. An ACTIVE hold past its time is
 * expired already, even if reservation's sweeper has not reached it.
 */
export function holdRefusal(hold: { status: string; expiresAt: string }, now: Date): Refusal | null {
  const timeUp = new Date(hold.expiresAt).getTime() <= now.getTime();
  if (hold.status === 'EXPIRED' || (hold.status === 'ACTIVE' && timeUp))
    return refuse('HOLD_EXPIRED', 'the hold expired: hold the tickets again', { status: 'EXPIRED' });
  if (hold.status !== 'ACTIVE')
    return refuse('HOLD_NOT_ACTIVE', `the hold is ${hold.status}, not ACTIVE`, { status: hold.status });
  return null;
}
