import { isAcceptableEmail, MAX_EMAIL_LENGTH, normaliseEmail } from './email';

describe('email rules', () => {
  it('when an address has spaces around it and capitals, then it is trimmed and lower-cased', () => {
    expect(normaliseEmail('  Ann.Lee@Example.COM \n')).toBe('ann.lee@example.com');
  });

  it('when an address has a sane shape, then it is accepted', () => {
    expect(isAcceptableEmail('ann+tickets@mail.example.co')).toBe(true);
  });

  it.each([
    '',
    'ann',
    'ann@',
    '@example.com',
    'ann@example',
    'an n@example.com',
    'ann@@example.com',
    'ann@example..com',
  ])('when the address is %p, then it is refused', (address) => {
    expect(isAcceptableEmail(address)).toBe(false);
  });

  it('when the address is longer than 254 characters, then it is refused', () => {
    const domain = '@example.com';
    expect(isAcceptableEmail('a'.repeat(MAX_EMAIL_LENGTH - domain.length) + domain)).toBe(true);
    expect(isAcceptableEmail('a'.repeat(MAX_EMAIL_LENGTH - domain.length + 1) + domain)).toBe(false);
  });
});
