import { retryAfterSeconds, statusOfPlace, type SessionView } from './queue-status';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const CLOSE = Date.parse('2026-12-02T10:00:00Z');
const view = (over: Partial<SessionView> = {}): SessionView => ({
  upTo: 100,
  soldOut: false,
  salesCloseAt: CLOSE,
  ratePerSec: 50,
  step: null,
  ...over,
});
const step = (from: number, upTo: number, expiresAt: number) => ({ from, upTo, expiresAt });

describe('status of a place in line', () => {
  it('when the place is past the window, then it waits with the people ahead, an estimate, and the sales end', () => {
    expect(statusOfPlace(226, view(), NOW)).toEqual({
      state: 'WAITING',
      allowed: false,
      ahead: 125,
      expiresAt: CLOSE,
      estimatedWaitSeconds: 3,
    });
    expect(statusOfPlace(101, view(), NOW)).toMatchObject({ ahead: 0, estimatedWaitSeconds: 0 });
  });

  it('when the session is sold out, then a waiting place is SOLD_OUT with no estimate', () => {
    expect(statusOfPlace(226, view({ soldOut: true }), NOW)).toMatchObject({
      state: 'SOLD_OUT',
      allowed: false,
      ahead: 125,
      estimatedWaitSeconds: 0,
    });
  });

  it("when the place is inside its step's time, then it is ADMITTED until the step expires, sold out or not", () => {
    for (const soldOut of [false, true]) {
      expect(statusOfPlace(95, view({ soldOut, step: step(91, 100, NOW + 5000) }), NOW)).toEqual({
        state: 'ADMITTED',
        allowed: true,
        ahead: 0,
        expiresAt: NOW + 5000,
        estimatedWaitSeconds: 0,
      });
    }
  });

  it("when the step's time has passed, then it is EXPIRED with that time", () => {
    expect(statusOfPlace(95, view({ step: step(91, 100, NOW) }), NOW)).toMatchObject({
      state: 'EXPIRED',
      allowed: false,
      expiresAt: NOW,
    });
  });

  it('when the step of an admitted place was forgotten, then it is EXPIRED without a time', () => {
    expect(statusOfPlace(5, view({ step: step(91, 100, NOW + 5000) }), NOW)).toMatchObject({
      state: 'EXPIRED',
      expiresAt: null,
    });
    expect(statusOfPlace(5, view({ step: null }), NOW)).toMatchObject({ state: 'EXPIRED', expiresAt: null });
  });
});

describe('retry-after estimate of a full queue', () => {
  it('when the line is full, then it is the time for enough admissions to free one place, at least 1 s', () => {
    expect(retryAfterSeconds(100, 100, 50)).toBe(1);
    expect(retryAfterSeconds(250, 100, 50)).toBe(4);
    expect(retryAfterSeconds(10, 10, 1)).toBe(1);
    expect(retryAfterSeconds(12, 10, 1)).toBe(3);
  });
});
