import { newestPerSession } from './record-stock-change';

const A = '0b0d8a3e-5d2f-4c1e-9a57-3b1b8f0e9c11';
const B = '7c1f2e3d-4b5a-4697-8a1b-2c3d4e5f6a7b';
const change = (sessionId: string, version: number, available = 5) => ({
  sessionId,
  version,
  total: 10,
  available,
  held: 0,
  sold: 10 - available,
});

describe('newest stock snapshot per session', () => {
  it('when versions of two sessions come shuffled and repeated, then each keeps only its highest', () => {
    const newest = newestPerSession(
      [change(A, 2, 8), change(B, 1, 9), change(A, 5, 3), change(A, 3, 6), change(B, 1, 9), change(A, 5, 3)],
      () => undefined,
    );
    expect(newest).toEqual(
      new Map([
        [A, { version: 5, total: 10, available: 3, held: 0, sold: 7 }],
        [B, { version: 1, total: 10, available: 9, held: 0, sold: 1 }],
      ]),
    );
  });

  it('when a payload is unusable, then it is reported and the others still count', () => {
    const unusable: unknown[] = [];
    const bad = [{ sessionId: 'not-a-uuid', version: 1 }, { ...change(B, 2), available: -1 }, null];
    const newest = newestPerSession([...bad, change(A, 1)], (p) => unusable.push(p));
    expect(unusable).toEqual(bad);
    expect([...newest.keys()]).toEqual([A]);
  });
});
