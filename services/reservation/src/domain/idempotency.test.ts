import {
  answerFor,
  cancelFingerprint,
  groupByKey,
  idempotencyKeyRefusal,
  keptUnderKey,
  requestFingerprint,
} from './idempotency';
import { refuse } from './refusal';

const SESSION = '8d3f0c2a-5b7e-4f1a-9c2d-3e4f5a6b7c8d';
const SEAT_A = '00000000-0000-4000-8000-00000000000a';
const SEAT_B = '00000000-0000-4000-8000-00000000000b';

describe('idempotency', () => {
  it('idempotencyKeyIsRequired: an empty key is IDEMPOTENCY_KEY_REQUIRED; over 100 chars or odd characters INVALID_ARGUMENT', () => {
    expect(idempotencyKeyRefusal('')).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
    expect(idempotencyKeyRefusal('a'.repeat(100))).toBeNull();
    expect(idempotencyKeyRefusal('order-7:try.1_A')).toBeNull();
    expect(idempotencyKeyRefusal('a'.repeat(101))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(idempotencyKeyRefusal('has space')).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('fingerprintIsTheCanonicalRequest: the same request gives the same hash, seat order does not matter, any change does', () => {
    const two = requestFingerprint(SESSION, { kind: 'QUANTITY', quantity: 2 });
    expect(two).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint(SESSION, { kind: 'QUANTITY', quantity: 2 })).toBe(two);
    expect(requestFingerprint(SESSION, { kind: 'QUANTITY', quantity: 3 })).not.toBe(two);
    expect(requestFingerprint(SESSION.replace('8d3f', '9d3f'), { kind: 'QUANTITY', quantity: 2 })).not.toBe(two);
    const ab = requestFingerprint(SESSION, { kind: 'SEATS', seatIds: [SEAT_A, SEAT_B] });
    expect(requestFingerprint(SESSION, { kind: 'SEATS', seatIds: [SEAT_B, SEAT_A] })).toBe(ab);
    expect(requestFingerprint(SESSION, { kind: 'SEATS', seatIds: [SEAT_A] })).not.toBe(ab);
  });

  it('sameKeyInOneBatchIsOneRequest: requests are grouped per user and key, groups in order of first arrival', () => {
    const requests = [
      { userId: 'u1', key: 'k1', fingerprint: 'f1' },
      { userId: 'u2', key: 'k1', fingerprint: 'f1' },
      { userId: 'u1', key: 'k1', fingerprint: 'f1' },
      { userId: 'u1', key: 'k2', fingerprint: 'f2' },
      { userId: 'u1', key: 'k1', fingerprint: 'f9' },
    ];
    expect(groupByKey(requests)).toEqual([[0, 2, 4], [1], [3]]);
  });

  it('sameKeyOtherBodyIsReused: a request matching the first request of its key replays its answer, any other is refused', () => {
    expect(answerFor('f1', 'f1')).toBe('replay');
    expect(answerFor('f9', 'f1')).toBe('reused');
  });

  it('notAdmittedIsNotKept: a success and business refusals are kept under the key, NOT_ADMITTED is not', () => {
    expect(keptUnderKey({ ok: true })).toBe(true);
    expect(keptUnderKey({ ok: false, refusal: refuse('SOLD_OUT', 'sold out') })).toBe(true);
    expect(keptUnderKey({ ok: false, refusal: refuse('NOT_ADMITTED', 'wait', { reason: 'WAITING' }) })).toBe(false);
  });

  it('cancelFingerprintIsPerHold: the same cancel matches itself, never another hold or a hold request', () => {
    expect(cancelFingerprint(SEAT_A)).toBe(cancelFingerprint(SEAT_A));
    expect(cancelFingerprint(SEAT_A)).not.toBe(cancelFingerprint(SEAT_B));
    expect(cancelFingerprint(SESSION)).not.toBe(requestFingerprint(SESSION, { kind: 'QUANTITY', quantity: 1 }));
  });
});
