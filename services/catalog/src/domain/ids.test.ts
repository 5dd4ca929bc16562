import { isUuid } from './ids';

describe('ids', () => {
  it('when the value is a lowercase uuid, then it is an id', () => {
    expect(isUuid('0b0d8a3e-5d2f-4c1e-9a57-3b1b8f0e9c11')).toBe(true);
  });

  it.each([
    '',
    'x',
    '0b0d8a3e-5d2f-4c1e-9a57-3b1b8f0e9c1',
    '0b0d8a3e5d2f4c1e9a573b1b8f0e9c11',
    ' 0b0d8a3e-5d2f-4c1e-9a57-3b1b8f0e9c11',
  ])('when the value is %j, then it is not an id', (value) => {
    expect(isUuid(value)).toBe(false);
  });
});
