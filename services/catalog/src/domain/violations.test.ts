import { assertValid, charLength, parseInstant, type Violation } from './violations';

describe('violations', () => {
  it('when there are none, then nothing is thrown', () => {
    expect(() => assertValid([])).not.toThrow();
  });

  it('when there are many, then VALIDATION_FAILED names the first and reports at most 20', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ field: `seats[${i}].label`, message: 'must not be empty' }));
    try {
      assertValid(many);
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'seats[0].label: must not be empty (and 49 more)',
      });
      expect((error as { details: { errors: unknown[] } }).details.errors).toHaveLength(20);
    }
  });

  it('when a string has an emoji, then it counts as one character, as PostgreSQL counts it', () => {
    expect(charLength('공연🎵')).toBe(3);
  });

  it.each(['2027-03-01T19:00:00Z', '2027-03-01T19:00:00.123+09:00', '2027-03-01T19:00+09:00'])(
    'when a time is %s, then it parses',
    (raw) => {
      const violations: Violation[] = [];
      expect(parseInstant('startAt', raw, violations)).toBeInstanceOf(Date);
      expect(violations).toEqual([]);
    },
  );

  it.each(['', '2027-03-01', '2027-03-01T19:00:00', 'tomorrow', '2027-13-45T99:00:00Z'])(
    'when a time is "%s", then it is a violation of that field',
    (raw) => {
      const violations: Violation[] = [];
      expect(parseInstant('startAt', raw, violations)).toBeUndefined();
      expect(violations).toEqual([{ field: 'startAt', message: expect.stringContaining('ISO-8601') }]);
    },
  );
});
