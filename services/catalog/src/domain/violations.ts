import { AppError } from '@ticketing/errors';

/** One thing wrong with a request, named by its REST field so a client can point at it. */
export interface Violation {
  field: string;
  message: string;
}

// Details travel in gRPC metadata, which is size-limited: a 10,000-seat map full of mistakes
// must still produce a readable error, so only the first few are reported.
const MAX_REPORTED = 20;

export function assertValid(violations: Violation[]): void {
  if (violations.length === 0) return;
  const first = violations[0]!;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  throw new AppError('VALIDATION_FAILED', `${first.field}: ${first.message}${more}`, {
    errors: violations.slice(0, MAX_REPORTED),
  });
}

/** Length in characters as PostgreSQL and JSON schema count them (an emoji is one, not two). */
export function charLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

export function checkText(field: string, value: string, min: number, max: number, violations: Violation[]): void {
  const length = charLength(value);
  if (length < min)
    violations.push({ field, message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` });
  else if (length > max) violations.push({ field, message: `must be at most ${max} characters` });
}

export function checkInteger(field: string, value: number, min: number, max: number, violations: Violation[]): void {
  if (!Number.isSafeInteger(value)) violations.push({ field, message: 'must be an integer' });
  else if (value < min || value > max) violations.push({ field, message: `must be between ${min} and ${max}` });
}

// ISO-8601 with a date, a time and an explicit offset: a time without a zone means a different
// instant on every server.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(field: string, raw: string, violations: Violation[]): Date | undefined {
  const parsed = INSTANT.test(raw) ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) {
    violations.push({
      field,
      message: 'must be an ISO-8601 date-time with a time zone, e.g. 2027-03-01T19:00:00+09:00',
    });
    return undefined;
  }
  return parsed;
}
