import { AdmissionWindows, parseWindowAdvanced } from './admission-windows';

const SESSION = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const T0 = Date.parse('2026-12-01T10:00:00Z');
const step = (from: number, upTo: number, expiresAt: number, sessionId = SESSION) => ({
  sessionId,
  from,
  upTo,
  expiresAt,
});

describe('admission windows (the steps one replica knows)', () => {
  it('when steps arrive in order, then each session keeps its own', () => {
    const windows = new AdmissionWindows();
    expect(windows.apply(step(1, 50, T0 + 120_000), T0)).toBe(true);
    expect(windows.apply(step(51, 100, T0 + 121_000), T0 + 1000)).toBe(true);
    expect(windows.apply(step(1, 5, T0 + 121_000, OTHER), T0 + 1000)).toBe(true);
    expect(windows.stepsOf(SESSION)).toEqual([
      { from: 1, upTo: 50, expiresAt: T0 + 120_000 },
      { from: 51, upTo: 100, expiresAt: T0 + 121_000 },
    ]);
    expect(windows.stepsOf(OTHER)).toEqual([{ from: 1, upTo: 5, expiresAt: T0 + 121_000 }]);
    expect(windows.stepsOf('never-heard-of')).toEqual([]);
  });

  it('when a step comes again or an older one arrives late, then nothing changes', () => {
    const windows = new AdmissionWindows();
    windows.apply(step(1, 50, T0 + 120_000), T0);
    windows.apply(step(51, 100, T0 + 121_000), T0);
    expect(windows.apply(step(51, 100, T0 + 121_000), T0)).toBe(false);
    expect(windows.apply(step(1, 50, T0 + 120_000), T0)).toBe(false);
    expect(windows.stepsOf(SESSION)).toHaveLength(2);
  });

  it('when a step overlaps the last one known, then it starts right after it, so steps never overlap', () => {
    const windows = new AdmissionWindows();
    windows.apply(step(1, 50, T0 + 120_000), T0);
    windows.apply(step(40, 60, T0 + 121_000), T0);
    expect(windows.stepsOf(SESSION)[1]).toEqual({ from: 51, upTo: 60, expiresAt: T0 + 121_000 });
  });

  it('when steps have expired, then they are forgotten, except the last, which tells EXPIRED from WAITING', () => {
    const windows = new AdmissionWindows();
    windows.apply(step(1, 50, T0 + 120_000), T0);
    windows.apply(step(51, 100, T0 + 121_000), T0 + 1000);
    windows.apply(step(101, 150, T0 + 122_000), T0 + 2000);
    windows.apply(step(151, 200, T0 + 250_000), T0 + 121_500);
    expect(windows.stepsOf(SESSION).map((s) => s.from)).toEqual([101, 151]);
    windows.apply(step(201, 210, T0 + 100_000), T0 + 400_000);
    expect(windows.stepsOf(SESSION)).toEqual([{ from: 201, upTo: 210, expiresAt: T0 + 100_000 }]);
  });
});

describe('queue.window.advanced payloads', () => {
  const payload = {
    sessionId: SESSION,
    from: 51,
    upTo: 100,
    admittedAt: '2026-12-01T10:00:01.000Z',
    expiresAt: '2026-12-01T10:02:01.000Z',
  };

  it('when the payload is a step, then it is read with its expiry in milliseconds', () => {
    expect(parseWindowAdvanced(payload)).toEqual({
      sessionId: SESSION,
      from: 51,
      upTo: 100,
      expiresAt: Date.parse('2026-12-01T10:02:01.000Z'),
    });
  });

  it.each([
    ['no session', { ...payload, sessionId: undefined }],
    ['a session that is not a uuid', { ...payload, sessionId: 'abc' }],
    ['a place 0', { ...payload, from: 0 }],
    ['upTo before from', { ...payload, upTo: 50 }],
    ['a fractional place', { ...payload, upTo: 100.5 }],
    ['no expiry', { ...payload, expiresAt: 'soon' }],
    ['not an object', 'step'],
  ])('when the payload has %s, then it is refused', (_, broken) => {
    expect(parseWindowAdvanced(broken)).toBeNull();
  });
});
