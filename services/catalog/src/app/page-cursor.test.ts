import { decodeCursor, encodeCursor } from './page-cursor';

describe('page cursor', () => {
  it('when a cursor is encoded and decoded, then the position is the same', () => {
    const position = { at: new Date('2026-11-25T10:00:00.123Z'), id: '0b0d8a3e-5d2f-4c1e-9a57-3b1b8f0e9c11' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('when the cursor is empty, then it means the first page', () => {
    expect(decodeCursor('')).toBeNull();
  });

  it.each([
    'garbage',
    Buffer.from('{"c":"x","i":"y"}').toString('base64url'),
    Buffer.from('[1]').toString('base64url'),
  ])('when the cursor is %s, then it is INVALID_ARGUMENT', (raw) => {
    expect(() => decodeCursor(raw)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
