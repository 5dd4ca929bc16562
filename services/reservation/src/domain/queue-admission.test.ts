import { createQueueTokens, type WindowStep } from '@ticketing/queue-tokens';
import { queuePass, queueRefusal } from './queue-admission';

const SECRET = 'a-queue-token-secret-of-at-least-32-characters';
const SESSION = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
const T0 = Date.parse('2026-12-01T10:00:00Z');
const tokens = createQueueTokens(SECRET);
const tokenOf = (userId: string, place: number, sessionId = SESSION) =>
  tokens.sign({ sessionId, userId, place, issuedAt: T0, nonce: 'bm9uY2Utbm9uY2U' });
const steps: WindowStep[] = [{ from: 1, upTo: 50, expiresAt: T0 + 120_000 }];
const at = (ms: number) => new Date(T0 + ms);

describe('the queue pass read from a hold request', () => {
  it('when the token is for the caller and this session, then it gives the place', () => {
    expect(queuePass(tokenOf('u1', 7), tokens.read, 'u1', SESSION)).toEqual({ kind: 'PLACE', place: 7 });
  });

  it('when no token is sent, then it is missing', () => {
    expect(queuePass('', tokens.read, 'u1', SESSION)).toEqual({ kind: 'MISSING' });
  });

  it('when the token is forged, or for another user or another session, then it is invalid', () => {
    const forged = createQueueTokens('another-secret-that-is-also-32-characters-long').sign({
      sessionId: SESSION,
      userId: 'u1',
      place: 1,
      issuedAt: T0,
      nonce: 'x',
    });
    expect(queuePass(forged, tokens.read, 'u1', SESSION)).toEqual({ kind: 'INVALID' });
    expect(queuePass('garbage', tokens.read, 'u1', SESSION)).toEqual({ kind: 'INVALID' });
    expect(queuePass(tokenOf('u2', 7), tokens.read, 'u1', SESSION)).toEqual({ kind: 'INVALID' });
    expect(queuePass(tokenOf('u1', 7, '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'), tokens.read, 'u1', SESSION)).toEqual({
      kind: 'INVALID',
    });
  });
});

describe('the waiting room refusing a hold', () => {
  it('when the place is admitted and its time runs, then the hold may go on', () => {
    expect(queueRefusal({ kind: 'PLACE', place: 50 }, steps, at(1000))).toBeNull();
  });

  it.each([
    ['MISSING', { kind: 'MISSING' } as const, at(1000)],
    ['INVALID', { kind: 'INVALID' } as const, at(1000)],
    ['WAITING', { kind: 'PLACE', place: 51 } as const, at(1000)],
    ['EXPIRED', { kind: 'PLACE', place: 50 } as const, at(120_000)],
  ])('when the pass is %s, then the hold is NOT_ADMITTED with that reason', (reason, pass, now) => {
    expect(queueRefusal(pass, steps, now)).toMatchObject({ code: 'NOT_ADMITTED', details: { reason } });
  });

  it('when nothing was admitted yet, then a place is waiting', () => {
    expect(queueRefusal({ kind: 'PLACE', place: 1 }, [], at(0))).toMatchObject({ details: { reason: 'WAITING' } });
  });
});
