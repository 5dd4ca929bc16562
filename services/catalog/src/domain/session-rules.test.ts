import {
  resolveNewSessionTimes,
  salesWindowViolations,
  currencyViolations,
  priceViolations,
  queueViolations,
  totalStockViolations,
} from './session-rules';
import type { Violation } from './violations';

const now = new Date('2027-01-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

function collect(check: (violations: Violation[]) => void): Violation[] {
  const violations: Violation[] = [];
  check(violations);
  return violations;
}

describe('session rules', () => {
  it('when sales times are omitted, then sales open now and close at the start', () => {
    const violations: Violation[] = [];
    const window = resolveNewSessionTimes(
      { startAt: '2027-03-01T19:00:00+09:00', salesOpenAt: '', salesCloseAt: '' },
      now,
      violations,
    );
    expect(violations).toEqual([]);
    expect(window).toEqual({
      startAt: at('2027-03-01T10:00:00Z'),
      salesOpenAt: now,
      salesCloseAt: at('2027-03-01T10:00:00Z'),
    });
  });

  it('when salesCloseAt is before salesOpenAt, then it is a violation of salesCloseAt', () => {
    const violations: Violation[] = [];
    resolveNewSessionTimes(
      { startAt: '2027-03-01T00:00:00Z', salesOpenAt: '2027-02-01T00:00:00Z', salesCloseAt: '2027-01-15T00:00:00Z' },
      now,
      violations,
    );
    expect(violations).toEqual([{ field: 'salesCloseAt', message: 'must be after salesOpenAt' }]);
  });

  it('when salesCloseAt equals salesOpenAt, then the window is empty and refused', () => {
    expect(
      salesWindowViolations({
        startAt: at('2027-03-01T00:00:00Z'),
        salesOpenAt: at('2027-02-01T00:00:00Z'),
        salesCloseAt: at('2027-02-01T00:00:00Z'),
      }),
    ).toHaveLength(1);
  });

  it('when salesCloseAt is after startAt, then it is a violation; exactly at the start is fine', () => {
    const start = at('2027-03-01T00:00:00Z');
    expect(
      salesWindowViolations({ startAt: start, salesOpenAt: now, salesCloseAt: at('2027-03-01T00:00:01Z') }),
    ).toEqual([{ field: 'salesCloseAt', message: 'must not be after startAt' }]);
    expect(salesWindowViolations({ startAt: start, salesOpenAt: now, salesCloseAt: start })).toEqual([]);
  });

  it('when the session starts in the past or now, then startAt is a violation', () => {
    const violations: Violation[] = [];
    expect(
      resolveNewSessionTimes({ startAt: now.toISOString(), salesOpenAt: '', salesCloseAt: '' }, now, violations),
    ).toBeUndefined();
    expect(violations).toEqual([{ field: 'startAt', message: 'must be in the future' }]);
  });

  it('when a time is not ISO-8601, then the field that holds it is named', () => {
    const violations: Violation[] = [];
    resolveNewSessionTimes({ startAt: '2027-03-01T00:00:00Z', salesOpenAt: 'soon', salesCloseAt: '' }, now, violations);
    expect(violations.map((v) => v.field)).toEqual(['salesOpenAt']);
  });

  it('when the stock is negative, zero or over a million, then totalStock is a violation', () => {
    expect(collect((v) => totalStockViolations(-1, v))).toEqual([
      { field: 'totalStock', message: 'must be between 1 and 1000000' },
    ]);
    expect(collect((v) => totalStockViolations(0, v))).toHaveLength(1);
    expect(collect((v) => totalStockViolations(1_000_001, v))).toHaveLength(1);
    expect(collect((v) => totalStockViolations(1, v))).toEqual([]);
    expect(collect((v) => totalStockViolations(1_000_000, v))).toEqual([]);
  });

  it('when the price is negative or fractional, then it is a violation; zero (free) is fine', () => {
    expect(collect((v) => priceViolations('price', -1, v))).toHaveLength(1);
    expect(collect((v) => priceViolations('price', 1.5, v))).toEqual([
      { field: 'price', message: 'must be an integer' },
    ]);
    expect(collect((v) => priceViolations('price', 0, v))).toEqual([]);
  });

  it.each(['krw', 'KR', 'KRWW', '', '1AB'])('when the currency is "%s", then it is a violation', (currency) => {
    expect(collect((v) => currencyViolations(currency, v))).toEqual([
      { field: 'currency', message: expect.stringContaining('ISO-4217') },
    ]);
  });

  it('when queue settings are negative, then each is named; zero means the queue default', () => {
    expect(
      collect((v) => queueViolations({ admissionRatePerSec: -1, maxQueueLength: -5 }, v)).map((x) => x.field),
    ).toEqual(['admissionRatePerSec', 'maxQueueLength']);
    expect(collect((v) => queueViolations({ admissionRatePerSec: 0, maxQueueLength: 0 }, v))).toEqual([]);
  });
});
