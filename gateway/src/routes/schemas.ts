import { Type, type TSchema } from '@sinclair/typebox';
import { PROBLEM_CONTENT_TYPE } from '@ticketing/errors';
import type { RouteAccess } from '../plugins/authentication';
import { codeIfMissing } from '../plugins/schema-error-codes';

/** Required where a retry must not act twice: a hold, a checkout, a cancellation. */
export const IdempotencyKeyHeaders = Type.Object({
  'idempotency-key': Type.String({
    pattern: '^[A-Za-z0-9_\\-:.]{1,100}$',
    description: 'One per attempt (1 to 100 of A-Z a-z 0-9 _ - : .), sent again on retries',
    ...codeIfMissing('IDEMPOTENCY_KEY_REQUIRED'),
  }),
});

/** Every list in the API has this shape; `nextCursor` is null on the last page. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'stable machine code, e.g. VALIDATION_FAILED, SOLD_OUT' }),
    traceId: Type.Optional(
      Type.String({
        description:
          'the OpenTelemetry trace id of the request, also in the x-trace-id header: logs and traces carry it',
      }),
    ),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object(
          {
            field: Type.String({ description: 'JSON pointer into the part of the request named by `in`' }),
            in: Type.Optional(Type.String({ description: 'body, querystring, params or headers' })),
            message: Type.String(),
          },
          { additionalProperties: true },
        ),
      ),
    ),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details; codes may add fields' },
);

const PROBLEMS = {
  400: 'Invalid request: VALIDATION_FAILED (with the fields), MALFORMED_JSON, MALFORMED_URL, or a rule of the service',
  401: 'Not signed in, or the token is invalid or expired',
  403: 'Signed in without the right to do this',
  404: 'Not found',
  409: 'In conflict with the current state',
  413: 'The body is over the size limit',
  415: 'The body is not JSON',
  429: 'Too many requests; Retry-After says when to come back',
  500: 'Internal error',
  503: 'Overloaded or a service is unavailable; Retry-After says when to come back',
  504: 'A service did not answer in time',
} as const;
export type ProblemStatus = keyof typeof PROBLEMS;

/** Error answers, declared as what they are: problem+json. */
export function problems(statuses: readonly ProblemStatus[]) {
  return Object.fromEntries(
    [...new Set(statuses)]
      .sort((a, b) => a - b)
      .map((status) => [
        status,
        { description: PROBLEMS[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } },
      ]),
  );
}

/**
 * What an API route can answer besides success: bad input (schemas, unstorable text, malformed
 * URL), rate limits, overload, a service down or too slow; bodies too large or not JSON where a
 * body is read; 401 without a valid token; 403 without the ADMIN role. `also`: the service's own.
 */
export function errorAnswers(route: { access: RouteAccess; body?: boolean }, ...also: ProblemStatus[]) {
  const statuses: ProblemStatus[] = [400, 429, 500, 503, 504, ...also];
  if (route.body) statuses.push(413, 415);
  if (route.access !== 'public') statuses.push(401);
  if (route.access === 'admin') statuses.push(403);
  return problems(statuses);
}

/** A success without a body. */
export const NoContent = (description: string) => Type.Null({ description });
