import { AppError } from './app-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, plus our stable `code` and the trace id for support requests. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  traceId?: string;
  instance?: string;
  [extension: string]: unknown;
}

export function toProblem(error: unknown, context: { traceId?: string; instance?: string } = {}): Problem {
  const appError = AppError.is(error) ? error : new AppError('INTERNAL');
  const { http, title } = appError.spec;
  return {
    ...appError.details,
    type: `https://errors.ticketing.dev/${appError.code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status: http,
    // 5xx bodies never echo internal messages.
    detail: http >= 500 ? title : appError.message,
    code: appError.code,
    ...(context.traceId ? { traceId: context.traceId } : {}),
    ...(context.instance ? { instance: context.instance } : {}),
  };
}
