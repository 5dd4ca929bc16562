import { describeWeaknesses, passwordWeaknesses } from './password-policy';

describe('password policy', () => {
  it('when a password has 8+ characters with upper, lower and a digit, then it has no weakness', () => {
    expect(passwordWeaknesses('Secret12')).toEqual([]);
  });

  it('when a password is shorter than 8 characters, then it is TOO_SHORT', () => {
    expect(passwordWeaknesses('Secr3t')).toEqual(['TOO_SHORT']);
  });

  it('when a password is longer than 128 characters, then it is TOO_LONG', () => {
    expect(passwordWeaknesses(`Aa1${'x'.repeat(125)}`)).toEqual([]);
    expect(passwordWeaknesses(`Aa1${'x'.repeat(126)}`)).toEqual(['TOO_LONG']);
  });

  it('when a password has no upper-case letter, then it is NO_UPPERCASE', () => {
    expect(passwordWeaknesses('secret123')).toEqual(['NO_UPPERCASE']);
  });

  it('when a password has no lower-case letter, then it is NO_LOWERCASE', () => {
    expect(passwordWeaknesses('SECRET123')).toEqual(['NO_LOWERCASE']);
  });

  it('when a password has no digit, then it is NO_DIGIT', () => {
    expect(passwordWeaknesses('SecretWord')).toEqual(['NO_DIGIT']);
  });

  it('when a password misses several things, then every reason is listed and the message names each', () => {
    const reasons = passwordWeaknesses('abc');
    expect(reasons).toEqual(['TOO_SHORT', 'NO_UPPERCASE', 'NO_DIGIT']);
    expect(describeWeaknesses(reasons)).toBe('password needs at least 8 characters, an upper-case letter, a digit');
  });

  it('when characters are outside ASCII, then they count once each and their case counts', () => {
    expect(passwordWeaknesses('Äöü1😀😀😀😀')).toEqual([]);
  });
});
