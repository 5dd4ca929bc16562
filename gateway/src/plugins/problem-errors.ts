import fp from 'fastify-plugin';
import { traceIdOf } from './request-telemetry';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import { AppError, PROBLEM_CONTENT_TYPE, toProblem, type ErrorCode } from '@ticketing/errors';
import { MALFORMED_URL_DETAIL } from './malformed-url';
import { codedIssue } from './schema-error-codes';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_ARGUMENT',
};

/** Each failure named by a JSON pointer into the part of the request it is in; a missing property by its own. */
function describeIssue(issue: FastifySchemaValidationError, where: string) {
  const missing = issue.keyword === 'required';
  return {
    field: missing ? `${issue.instancePath}/${String(issue.params.missingProperty)}` : issue.instancePath,
    in: where,
    message: missing ? 'is required' : (issue.message ?? 'is invalid'),
  };
}

/** A schema failure is VALIDATION_FAILED, unless the failing schema names the code a service would use. */
function validationError(error: FastifyError, issues: FastifySchemaValidationError[]): AppError {
  const where = error.validationContext ?? 'body';
  const coded = codedIssue(issues);
  if (coded) {
    const problem = describeIssue(coded.issue, where);
    return new AppError(coded.code, `${where}${problem.field} ${problem.message}`, { errors: [problem] });
  }
  const errors = issues.map((issue) => describeIssue(issue, where));
  return new AppError('VALIDATION_FAILED', error.message, { errors });
}

/** Whatever goes wrong on any route, the client sees one shape: RFC 9457 problem+json with a stable code. */
function toAppError(error: FastifyError): AppError {
  if (AppError.is(error)) return error;
  if (error.validation) return validationError(error, error.validation);
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return new AppError(mapped, error.message);
  if (error instanceof SyntaxError) return new AppError('MALFORMED_JSON');
  if (error.statusCode === 429) return new AppError('RATE_LIMITED', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new AppError('INVALID_ARGUMENT', error.message);
  return new AppError('INTERNAL');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  // A URL rewritten before routing (one the router could not read) names no instance.
  const instance = request.originalUrl === request.url ? request.url.split('?')[0] : undefined;
  const problem = toProblem(error, { traceId: traceIdOf(request), instance });
  request.problemCode = problem.code;
  // 429 and 503 tell the client when to come back, whichever layer decided it (gateway, auth, queue).
  const retryAfter = error.details.retryAfterSeconds;
  if (typeof retryAfter === 'number' && retryAfter > 0) reply.header('retry-after', String(Math.ceil(retryAfter)));
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

// Fixed messages: the router's own would echo the whole path.
const ROUTER_REFUSALS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_BAD_URL: { code: 'MALFORMED_URL', message: MALFORMED_URL_DETAIL },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'INVALID_ARGUMENT', message: 'a path parameter is too long' },
};

/**
 * Fastify's `frameworkErrors`: what its router refuses before any hook runs, so without the
 * security headers and CORS. The gateway keeps requests off this path (malformed URLs are
 * rewritten, path parameters are bounded by their schemas); this backstop still answers
 * problem+json with the request id.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const refusal = ROUTER_REFUSALS[error.code];
  request.log.info({ code: error.code }, 'refused by the router');
  reply.header('x-request-id', request.id);
  void sendProblem(request, reply, refusal ? new AppError(refusal.code, refusal.message) : new AppError('INTERNAL'));
}

export default fp(async function problemErrors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    const level = appError.spec.level;
    request.log[level]({ code: appError.code, ...(level === 'error' ? { err: error } : {}) }, 'request failed');
    return sendProblem(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new AppError('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
});
