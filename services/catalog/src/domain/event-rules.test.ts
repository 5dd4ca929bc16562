import { cleanEventFields, initialStatusViolation, statusChangeConflict } from './event-rules';

describe('event rules', () => {
  it('when fields are padded with spaces, then they are trimmed and accepted', () => {
    expect(cleanEventFields({ title: '  Spring Concert ', venue: ' Seoul Arena', description: ' ' })).toEqual({
      value: { title: 'Spring Concert', venue: 'Seoul Arena', description: '' },
      violations: [],
    });
  });

  it('when the title is only spaces or the venue is empty, then each is a violation of its field', () => {
    expect(cleanEventFields({ title: '   ', venue: '' }).violations.map((v) => v.field)).toEqual(['title', 'venue']);
  });

  it('when the title is 200 characters, then it is fine; at 201, then it is a violation', () => {
    expect(cleanEventFields({ title: 'x'.repeat(200) }).violations).toEqual([]);
    expect(cleanEventFields({ title: 'x'.repeat(201) }).violations).toEqual([
      { field: 'title', message: 'must be at most 200 characters' },
    ]);
  });

  it('when the description is over 5000 characters, then it is a violation', () => {
    expect(cleanEventFields({ description: 'd'.repeat(5000) }).violations).toEqual([]);
    expect(cleanEventFields({ description: 'd'.repeat(5001) }).violations).toEqual([
      { field: 'description', message: 'must be at most 5000 characters' },
    ]);
  });

  it('when an update sends no fields, then nothing is checked', () => {
    expect(cleanEventFields({})).toEqual({ value: {}, violations: [] });
  });

  it('when a new event is CANCELLED, then it is a violation; DRAFT and PUBLISHED are fine', () => {
    expect(initialStatusViolation('CANCELLED')).toMatchObject({ field: 'status' });
    expect(initialStatusViolation('DRAFT')).toBeNull();
    expect(initialStatusViolation('PUBLISHED')).toBeNull();
  });

  it('when a cancelled event would be reopened, then it is a conflict; other changes are allowed', () => {
    expect(statusChangeConflict('CANCELLED', 'PUBLISHED')).toMatch(/cannot be reopened/);
    expect(statusChangeConflict('CANCELLED', 'DRAFT')).toMatch(/cannot be reopened/);
    expect(statusChangeConflict('CANCELLED', 'CANCELLED')).toBeNull();
    expect(statusChangeConflict('DRAFT', 'PUBLISHED')).toBeNull();
    expect(statusChangeConflict('PUBLISHED', 'DRAFT')).toBeNull();
    expect(statusChangeConflict('PUBLISHED', 'CANCELLED')).toBeNull();
  });
});
