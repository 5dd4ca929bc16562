import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { AppError } from './app-error';
import { ERROR_TABLE, isErrorCode, type ErrorCode } from './error-table';

export const ERROR_CODE_HEADER = 'x-error-code';
export const ERROR_DETAILS_HEADER = 'x-error-details';

/** Anything thrown in a handler becomes a gRPC error; unknown errors say nothing internal. */
export function toGrpcError(error: unknown): Partial<ServiceError> {
  const appError = AppError.is(error) ? error : new AppError('INTERNAL');
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_HEADER, appError.code);
  const details = encodeDetails(appError.details);
  if (details !== '') metadata.set(ERROR_DETAILS_HEADER, details);
  return { code: appError.spec.grpc, details: appError.message, metadata };
}

const FALLBACK_BY_STATUS: Partial<Record<status, ErrorCode>> = {
  [status.INVALID_ARGUMENT]: 'INVALID_ARGUMENT',
  [status.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [status.PERMISSION_DENIED]: 'FORBIDDEN',
  [status.NOT_FOUND]: 'NOT_FOUND',
  [status.ALREADY_EXISTS]: 'CONFLICT',
  [status.FAILED_PRECONDITION]: 'CONFLICT',
  [status.ABORTED]: 'CONFLICT',
  [status.RESOURCE_EXHAUSTED]: 'RATE_LIMITED',
  [status.UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
  [status.DEADLINE_EXCEEDED]: 'UPSTREAM_TIMEOUT',
  [status.CANCELLED]: 'SERVICE_UNAVAILABLE',
  [status.UNIMPLEMENTED]: 'NOT_IMPLEMENTED',
};

/** The client side: a gRPC error back into an AppError with the code the server meant. */
export function fromGrpcError(error: unknown): AppError {
  if (AppError.is(error)) return error;
  const grpcError = error as Partial<ServiceError>;
  const headerCode = grpcError.metadata?.get(ERROR_CODE_HEADER)[0];
  if (isErrorCode(headerCode)) {
    return new AppError(
      headerCode,
      grpcError.details || ERROR_TABLE[headerCode].title,
      decodeDetails(grpcError.metadata?.get(ERROR_DETAILS_HEADER)[0]),
    );
  }
  const fallback = (grpcError.code !== undefined && FALLBACK_BY_STATUS[grpcError.code]) || 'INTERNAL';
  // A status without our header came from the transport (deadline, connection refused): its text is not for clients.
  return new AppError(fallback);
}

/** An error's details as they travel between services: JSON, or '' when there are none. */
export function encodeDetails(details: Record<string, unknown>): string {
  return Object.keys(details).length > 0 ? JSON.stringify(details) : '';
}

/** Details back from the wire; anything unreadable is dropped (they are a courtesy, the code stands). */
export function decodeDetails(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
