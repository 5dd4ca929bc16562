import { date, num, rows } from './sql';

describe('SQL value helpers', () => {
  it('when a multi-row VALUES list is built, then it repeats the row template once per row', () => {
    expect(rows(3, '(?, ?::uuid[])')).toBe('(?, ?::uuid[]), (?, ?::uuid[]), (?, ?::uuid[])');
  });

  it('when bigint and timestamptz columns arrive as text, then num and date read them', () => {
    expect(num('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(date('2026-12-01 10:00:00.123+00').toISOString()).toBe('2026-12-01T10:00:00.123Z');
    const at = new Date('2026-12-01T10:00:00Z');
    expect(date(at)).toBe(at);
  });
});
