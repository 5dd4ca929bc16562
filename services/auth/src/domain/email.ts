/** RFC 5321 caps a forward path at 256 octets including the angle brackets, so 254 for the address. */
export const MAX_EMAIL_LENGTH = 254;

// Deliberately loose: one @, a dot in the domain, no spaces. Deliverability is proved by mail, not regexes.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Accounts are keyed by this form, so "Ann@X.com " and "ann@x.com" are the same person. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isAcceptableEmail(normalised: string): boolean {
  return normalised.length <= MAX_EMAIL_LENGTH && EMAIL_SHAPE.test(normalised);
}
