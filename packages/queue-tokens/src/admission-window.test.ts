import { admissionOf, type WindowStep } from './admission-window';

const at = (iso: string) => Date.parse(iso);
// Places 1-50 admitted at 10:00:00 (usable until 10:02:00), 51-100 at 10:00:01 (until 10:02:01).
const steps: WindowStep[] = [
  { from: 1, upTo: 50, expiresAt: at('2026-12-01T10:02:00Z') },
  { from: 51, upTo: 100, expiresAt: at('2026-12-01T10:02:01Z') },
];

describe('admission window', () => {
  it('when the place is inside the window and its time runs, then it is admitted until its step expires', () => {
    expect(admissionOf(steps, 30, at('2026-12-01T10:01:00Z'))).toEqual({
      state: 'ADMITTED',
      expiresAt: at('2026-12-01T10:02:00Z'),
    });
    expect(admissionOf(steps, 51, at('2026-12-01T10:02:00.500Z'))).toEqual({
      state: 'ADMITTED',
      expiresAt: at('2026-12-01T10:02:01Z'),
    });
  });

  it('when the place is past the window, then it is waiting', () => {
    expect(admissionOf(steps, 101, at('2026-12-01T10:01:00Z'))).toEqual({ state: 'WAITING' });
    expect(admissionOf([], 1, at('2026-12-01T10:01:00Z'))).toEqual({ state: 'WAITING' });
  });

  it('when the time to hold has passed, then it is expired', () => {
    expect(admissionOf(steps, 30, at('2026-12-01T10:02:00Z'))).toEqual({
      state: 'EXPIRED',
      expiresAt: at('2026-12-01T10:02:00Z'),
    });
  });

  it('when older steps were forgotten, then a place below the first known step counts as expired', () => {
    expect(admissionOf(steps.slice(1), 30, at('2026-12-01T10:01:00Z'))).toEqual({ state: 'EXPIRED' });
  });
});
