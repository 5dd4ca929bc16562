import { ERROR_TABLE, type ErrorCode, type ErrorSpec } from './error-table';

/**
 * A failure a caller can act on. `details` travel to the client (e.g. what stock is left), so
 * they must never hold internals; the message is the human `detail`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message ?? ERROR_TABLE[code].title);
    this.name = 'AppError';
  }

  get spec(): ErrorSpec {
    return ERROR_TABLE[this.code];
  }

  static is(error: unknown, code?: ErrorCode): error is AppError {
    return error instanceof AppError && (code === undefined || error.code === code);
  }
}
