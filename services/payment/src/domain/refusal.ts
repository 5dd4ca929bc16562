import type { ErrorCode } from '@ticketing/errors';

/** A rule's "no": a stable code, words for a person, and facts the client may act on. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

export const refuse = (code: ErrorCode, message: string, details: Record<string, unknown> = {}): Refusal => ({
  code,
  message,
  details,
});
