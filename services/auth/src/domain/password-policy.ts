export const MIN_PASSWORD_LENGTH = 8;
/** Long enough for passphrases; short enough that nobody makes us hash megabytes per attempt. */
export const MAX_PASSWORD_LENGTH = 128;

/** Stable strings: clients branch on them, so they are part of the contract. */
export type PasswordWeakness = 'TOO_SHORT' | 'TOO_LONG' | 'NO_UPPERCASE' | 'NO_LOWERCASE' | 'NO_DIGIT';

const EXPLANATIONS: Record<PasswordWeakness, string> = {
  TOO_SHORT: `at least ${MIN_PASSWORD_LENGTH} characters`,
  TOO_LONG: `at most ${MAX_PASSWORD_LENGTH} characters`,
  NO_UPPERCASE: 'an upper-case letter',
  NO_LOWERCASE: 'a lower-case letter',
  NO_DIGIT: 'a digit',
};

/** Every reason at once, so a user fixes the password in one go rather than one rejection at a time. */
export function passwordWeaknesses(password: string): PasswordWeakness[] {
  // Code points, not UTF-16 units, so an emoji counts as one character.
  const length = [...password].length;
  const reasons: PasswordWeakness[] = [];
  if (length < MIN_PASSWORD_LENGTH) reasons.push('TOO_SHORT');
  if (length > MAX_PASSWORD_LENGTH) reasons.push('TOO_LONG');
  if (!/\p{Lu}/u.test(password)) reasons.push('NO_UPPERCASE');
  if (!/\p{Ll}/u.test(password)) reasons.push('NO_LOWERCASE');
  if (!/\p{Nd}/u.test(password)) reasons.push('NO_DIGIT');
  return reasons;
}

export function describeWeaknesses(reasons: PasswordWeakness[]): string {
  return `password needs ${reasons.map((reason) => EXPLANATIONS[reason]).join(', ')}`;
}
