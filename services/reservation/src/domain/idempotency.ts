import { createHash } from 'node:crypto';
import { refuse, type Refusal } from './refusal';

const KEY = /^[A-Za-z0-9_\-:.]{1,100}$/;

export type Selection = { kind: 'QUANTITY'; quantity: number } | { kind: 'SEATS'; seatIds: readonly string[] };

export function idempotencyKeyRefusal(key: string): Refusal | null {
  if (key === '')
    return refuse(
      'IDEMPOTENCY_KEY_REQUIRED',
      'send an Idempotency-Key header: one per purchase attempt, reused on retries',
    );
  if (!KEY.test(key)) {
    return refuse('INVALID_ARGUMENT', 'Idempotency-Key must be 1 to 100 letters, digits, "_", "-", ":" or "."', {
      field: 'idempotencyKey',
    });
  }
  return null;
}

/** SHA-256 of the request in canonical form: seat order is not part of what was asked. */
export function requestFingerprint(sessionId: string, selection: Selection): string {
  const canonical =
    selection.kind === 'QUANTITY'
      ? { sessionId, quantity: selection.quantity }
      : { sessionId, seatIds: [...selection.seatIds].sort() };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** A cancel's request, in the same key space as holds: one key is one request, whichever it was. */
export function cancelFingerprint(holdId: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ cancel: holdId }))
    .digest('hex');
}

export interface Keyed {
  userId: string;
  key: string;
}

/**
 * Requests of one batch grouped by (user, key), as indices in arrival order; groups are in the
 * order of their first request. The first of each group is the one decided; the rest repeat it.
 */
export function groupByKey(requests: readonly Keyed[]): number[][] {
  const groups = new Map<string, number[]>();
  requests.forEach((request, index) => {
    const id = JSON.stringify([request.userId, request.key]);
    const group = groups.get(id);
    if (group) group.push(index);
    else groups.set(id, [index]);
  });
  return [...groups.values()];
}

/** The same key with the same request gets the first answer again; with another request it is refused. */
export function answerFor(fingerprint: string, firstFingerprint: string): 'replay' | 'reused' {
  return fingerprint === firstFingerprint ? 'replay' : 'reused';
}

export const keyReused = (): Refusal =>
  refuse(
    'IDEMPOTENCY_KEY_REUSED',
    'this Idempotency-Key was used for another request; use a new key for a new request',
  );

/**
 * Whether a decided answer is kept under its key and replayed to retries. NOT_ADMITTED is not:
 * the waiting room lets the same purchase attempt through later, and its key must be free then.
 */
export const keptUnderKey = (answer: { ok: true } | { ok: false; refusal: Refusal }): boolean =>
  answer.ok || answer.refusal.code !== 'NOT_ADMITTED';
