import { decodeCursor, encodeCursor, pageLimit } from './page-cursor';

describe('page cursors', () => {
  it('when a cursor made here comes back, then it reads as the same position', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    expect(decodeCursor('')).toBeNull();
  });

  it('when a cursor is forged, then it is INVALID_ARGUMENT', () => {
    for (const forged of [
      'nope',
      Buffer.from('{"s":-1}').toString('base64url'),
      Buffer.from('{"s":"1"}').toString('base64url'),
    ]) {
      expect(() => decodeCursor(forged)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('when the page size is unset or out of range, then it is clamped', () => {
    expect(pageLimit(0)).toBe(20);
    expect(pageLimit(500)).toBe(100);
    expect(pageLimit(-3)).toBe(1);
  });
});
