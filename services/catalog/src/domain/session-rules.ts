import { checkInteger, parseInstant, type Violation } from './violations';

export type SeatingKind = 'QUANTITY' | 'SEAT_MAP';

export const SESSION_LIMITS = {
  maxTotalStock: 1_000_000,
  // Four tickets of the dearest price must still add up to a safe JS integer, with room to spare.
  maxPriceMinor: 1_000_000_000_000,
  maxAdmissionRatePerSec: 100_000,
  maxQueueLength: 10_000_000,
} as const;

const CURRENCY = /^[A-Z]{3}$/;

/** What a session sells and when: everything but its seating. */
export interface SessionTerms {
  startAt: Date;
  salesOpenAt: Date;
  salesCloseAt: Date;
  priceMinor: number;
  currency: string;
  queueEnabled: boolean;
  admissionRatePerSec: number;
  maxQueueLength: number;
}

/** Sales open, then close no later than the show starts: selling after the start is selling nothing. */
export function salesWindowViolations(
  terms: Pick<SessionTerms, 'startAt' | 'salesOpenAt' | 'salesCloseAt'>,
): Violation[] {
  if (terms.salesCloseAt.getTime() <= terms.salesOpenAt.getTime()) {
    return [{ field: 'salesCloseAt', message: 'must be after salesOpenAt' }];
  }
  if (terms.salesCloseAt.getTime() > terms.startAt.getTime()) {
    return [{ field: 'salesCloseAt', message: 'must not be after startAt' }];
  }
  return [];
}

export function priceViolations(field: string, priceMinor: number, violations: Violation[]): void {
  checkInteger(field, priceMinor, 0, SESSION_LIMITS.maxPriceMinor, violations);
}

export function currencyViolations(currency: string, violations: Violation[]): void {
  if (!CURRENCY.test(currency))
    violations.push({ field: 'currency', message: 'must be an ISO-4217 code of 3 upper-case letters, e.g. KRW' });
}

export function totalStockViolations(totalStock: number, violations: Violation[]): void {
  checkInteger('totalStock', totalStock, 1, SESSION_LIMITS.maxTotalStock, violations);
}

export function queueViolations(
  terms: Pick<SessionTerms, 'admissionRatePerSec' | 'maxQueueLength'>,
  violations: Violation[],
): void {
  checkInteger('admissionRatePerSec', terms.admissionRatePerSec, 0, SESSION_LIMITS.maxAdmissionRatePerSec, violations);
  checkInteger('maxQueueLength', terms.maxQueueLength, 0, SESSION_LIMITS.maxQueueLength, violations);
}

/** The times of a new session as sent (empty = default), resolved against `now`. */
export interface NewSessionTimes {
  startAt: string;
  salesOpenAt: string;
  salesCloseAt: string;
}

/**
 * Defaults: sales open on creation and close when the show starts. A new session must start in
 * the future; otherwise the default window would be empty and the error would name the wrong field.
 */
export function resolveNewSessionTimes(times: NewSessionTimes, now: Date, violations: Violation[]) {
  const startAt = parseInstant('startAt', times.startAt, violations);
  const salesOpenAt = times.salesOpenAt ? parseInstant('salesOpenAt', times.salesOpenAt, violations) : now;
  const salesCloseAt = times.salesCloseAt ? parseInstant('salesCloseAt', times.salesCloseAt, violations) : startAt;
  if (!startAt || !salesOpenAt || !salesCloseAt) return undefined;
  if (startAt.getTime() <= now.getTime()) {
    violations.push({ field: 'startAt', message: 'must be in the future' });
    return undefined;
  }
  const window = { startAt, salesOpenAt, salesCloseAt };
  violations.push(...salesWindowViolations(window));
  return window;
}
