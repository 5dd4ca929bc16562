import { status } from '@grpc/grpc-js';

export interface ErrorSpec {
  grpc: status;
  http: number;
  title: string;
  /** How loudly the process that raised it should log it: client mistakes are not incidents. */
  level: 'info' | 'warn' | 'error';
}

/**
 * The one table of error kinds. Codes are stable strings because `instanceof` does not cross a
 * process boundary; gRPC status and HTTP status are derived from the code, never passed around.
 */
export const ERROR_TABLE = {
  INVALID_ARGUMENT: { grpc: status.INVALID_ARGUMENT, http: 400, title: 'Invalid argument', level: 'info' },
  VALIDATION_FAILED: { grpc: status.INVALID_ARGUMENT, http: 400, title: 'Request validation failed', level: 'info' },
  MALFORMED_JSON: { grpc: status.INVALID_ARGUMENT, http: 400, title: 'Malformed JSON body', level: 'info' },
  MALFORMED_URL: { grpc: status.INVALID_ARGUMENT, http: 400, title: 'Malformed URL path', level: 'info' },
  INVALID_QUANTITY: { grpc: status.INVALID_ARGUMENT, http: 400, title: 'Invalid ticket quantity', level: 'info' },
  WEAK_PASSWORD: { grpc: status.INVALID_ARGUMENT, http: 400, title: 'Password too weak', level: 'info' },
  IDEMPOTENCY_KEY_REQUIRED: {
    grpc: status.INVALID_ARGUMENT,
    http: 400,
    title: 'Idempotency-Key header required',
    level: 'info',
  },
  UNAUTHENTICATED: { grpc: status.UNAUTHENTICATED, http: 401, title: 'Authentication required', level: 'info' },
  INVALID_CREDENTIALS: { grpc: status.UNAUTHENTICATED, http: 401, title: 'Invalid email or password', level: 'info' },
  TOKEN_INVALID: { grpc: status.UNAUTHENTICATED, http: 401, title: 'Invalid or expired token', level: 'info' },
  FORBIDDEN: { grpc: status.PERMISSION_DENIED, http: 403, title: 'Forbidden', level: 'info' },
  NOT_ADMITTED: {
    grpc: status.PERMISSION_DENIED,
    http: 403,
    title: 'Not admitted from the waiting room',
    level: 'info',
  },
  NOT_FOUND: { grpc: status.NOT_FOUND, http: 404, title: 'Not found', level: 'info' },
  CONFLICT: { grpc: status.FAILED_PRECONDITION, http: 409, title: 'Conflict', level: 'info' },
  EMAIL_TAKEN: { grpc: status.ALREADY_EXISTS, http: 409, title: 'Email already registered', level: 'info' },
  SOLD_OUT: { grpc: status.FAILED_PRECONDITION, http: 409, title: 'Sold out', level: 'info' },
  INSUFFICIENT_STOCK: { grpc: status.FAILED_PRECONDITION, http: 409, title: 'Not enough tickets left', level: 'info' },
  PER_USER_LIMIT_EXCEEDED: {
    grpc: status.FAILED_PRECONDITION,
    http: 409,
    title: 'Per-user ticket limit exceeded',
    level: 'info',
  },
  SEAT_UNAVAILABLE: { grpc: status.FAILED_PRECONDITION, http: 409, title: 'Seat unavailable', level: 'info' },
  SALES_NOT_OPEN: { grpc: status.FAILED_PRECONDITION, http: 409, title: 'Sales not open yet', level: 'info' },
  SALES_CLOSED: { grpc: status.FAILED_PRECONDITION, http: 409, title: 'Sales closed', level: 'info' },
  HOLD_EXPIRED: { grpc: status.FAILED_PRECONDITION, http: 409, title: 'Hold expired', level: 'info' },
  HOLD_NOT_ACTIVE: { grpc: status.FAILED_PRECONDITION, http: 409, title: 'Hold is not active', level: 'info' },
  CANCELLATION_CLOSED: {
    grpc: status.FAILED_PRECONDITION,
    http: 409,
    title: 'Cancellation is closed for this session',
    level: 'info',
  },
  AMOUNT_MISMATCH: {
    grpc: status.FAILED_PRECONDITION,
    http: 409,
    title: 'Amount or currency does not match the payment',
    level: 'warn',
  },
  SIGNATURE_INVALID: { grpc: status.UNAUTHENTICATED, http: 401, title: 'Signature missing or invalid', level: 'warn' },
  SIGNATURE_EXPIRED: {
    grpc: status.INVALID_ARGUMENT,
    http: 400,
    title: 'Signature timestamp outside the tolerance window',
    level: 'warn',
  },
  IDEMPOTENCY_KEY_REUSED: {
    grpc: status.FAILED_PRECONDITION,
    http: 409,
    title: 'Idempotency key reused with another request',
    level: 'info',
  },
  PAYLOAD_TOO_LARGE: { grpc: status.INVALID_ARGUMENT, http: 413, title: 'Payload too large', level: 'info' },
  UNSUPPORTED_MEDIA_TYPE: { grpc: status.INVALID_ARGUMENT, http: 415, title: 'Unsupported media type', level: 'info' },
  RATE_LIMITED: { grpc: status.RESOURCE_EXHAUSTED, http: 429, title: 'Too many requests', level: 'warn' },
  QUEUE_FULL: { grpc: status.RESOURCE_EXHAUSTED, http: 429, title: 'Waiting room full', level: 'warn' },
  QUEUE_NOT_ENABLED: {
    grpc: status.FAILED_PRECONDITION,
    http: 409,
    title: 'This session has no waiting room',
    level: 'info',
  },
  NOT_IMPLEMENTED: { grpc: status.UNIMPLEMENTED, http: 501, title: 'Not implemented yet', level: 'warn' },
  INTERNAL: { grpc: status.INTERNAL, http: 500, title: 'Internal error', level: 'error' },
  SERVICE_UNAVAILABLE: { grpc: status.UNAVAILABLE, http: 503, title: 'Service unavailable', level: 'warn' },
  OVERLOADED: { grpc: status.UNAVAILABLE, http: 503, title: 'Server overloaded, retry later', level: 'warn' },
  UPSTREAM_TIMEOUT: { grpc: status.DEADLINE_EXCEEDED, http: 504, title: 'Upstream timed out', level: 'warn' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_TABLE, value);
}
