import type { HoldStatus } from './hold-transitions';
import { refuse, type Refusal } from './refusal';

const HOUR_MS = 3_600_000;

/** The last instant a purchase of a session starting at `startAt` may be cancelled (exclusive). */
export const cancellableUntil = (startAt: Date, cutoffHours: number): Date =>
  new Date(startAt.getTime() - cutoffHours * HOUR_MS);

/**
 * Only the owner cancels, only a SOLD hold, and only before the cut-off: after it the seats could
 * no longer be sold again in time, so the purchase stands.
 */
export function cancelRefusal(
  hold: { userId: string; status: HoldStatus } | null,
  callerId: string,
  startAt: Date,
  cutoffHours: number,
  now: Date,
): Refusal | null {
  if (!hold || hold.userId !== callerId) return refuse('NOT_FOUND', 'hold not found');
  if (hold.status !== 'SOLD')
    return refuse('CONFLICT', `only a purchase can be cancelled; the hold is ${hold.status}`, { status: hold.status });
  const until = cancellableUntil(startAt, cutoffHours);
  if (now.getTime() >= until.getTime()) {
    return refuse('CANCELLATION_CLOSED', `purchases can be cancelled until ${cutoffHours} hours before the start`, {
      cancellableUntil: until.toISOString(),
    });
  }
  return null;
}
