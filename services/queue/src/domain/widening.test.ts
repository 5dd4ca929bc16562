import { nextWidening, type WindowState } from './widening';

const T0 = 1_000_000;
const state = (over: Partial<WindowState> = {}): WindowState => ({
  seq: 1000,
  upTo: 0,
  lastStepAt: T0,
  ratePerSec: 50,
  paused: false,
  ...over,
});

/** Runs the mover every `tickMs` for `ms`, as the ticker would, and answers the window at each tick. */
function simulate(start: WindowState, tickMs: number, ms: number): number[] {
  let current = start;
  const windows: number[] = [];
  for (let now = T0 + tickMs; now <= T0 + ms; now += tickMs) {
    const step = nextWidening(current, now);
    if (step) current = { ...current, upTo: step.upTo, lastStepAt: step.lastStepAt };
    windows.push(current.upTo);
  }
  return windows;
}

describe('widening of the admitted window', () => {
  it('when a tick of 200 ms passes at 50 per second, then 10 more places are admitted as one step', () => {
    expect(nextWidening(state({ upTo: 20 }), T0 + 200)).toEqual({ from: 21, upTo: 30, lastStepAt: T0 + 200 });
  });

  it('when the rate is below one per tick, then the fractions add up over ticks instead of being lost', () => {
    const windows = simulate(state({ ratePerSec: 3 }), 200, 2000);
    expect(windows[windows.length - 1]).toBe(6);
    expect(windows.slice(0, 2)).toEqual([0, 1]);
  });

  it('when ticks run for a while, then the window never moves faster than the rate', () => {
    for (const ratePerSec of [1, 7, 50, 333]) {
      const windows = simulate(state({ ratePerSec, seq: 1_000_000 }), 200, 10_000);
      windows.forEach((upTo, i) => {
        const allowed = Math.floor((ratePerSec * (i + 1) * 200) / 1000);
        expect(upTo).toBeLessThanOrEqual(allowed);
        expect(upTo).toBeGreaterThanOrEqual(allowed - 1);
      });
    }
  });

  it('when fewer people wait than the rate allows, then all of them are admitted and no credit is kept', () => {
    expect(nextWidening(state({ seq: 25, upTo: 20 }), T0 + 1000)).toEqual({
      from: 21,
      upTo: 25,
      lastStepAt: T0 + 1000,
    });
  });

  it('when the mover was away for long, then at most one second of admissions is made up at once', () => {
    expect(nextWidening(state({ ratePerSec: 50 }), T0 + 60_000)).toMatchObject({ from: 1, upTo: 50 });
    expect(nextWidening(state({ lastStepAt: 0 }), T0)).toMatchObject({ upTo: 50 });
  });

  it('when admission is paused, nobody waits, or the credit is under one place, then there is no step', () => {
    expect(nextWidening(state({ paused: true }), T0 + 1000)).toBeNull();
    expect(nextWidening(state({ seq: 10, upTo: 10 }), T0 + 1000)).toBeNull();
    expect(nextWidening(state({ ratePerSec: 2 }), T0 + 400)).toBeNull();
  });

  it('when the clock went back, then nothing is admitted rather than a negative step', () => {
    expect(nextWidening(state(), T0 - 5000)).toBeNull();
  });
});
