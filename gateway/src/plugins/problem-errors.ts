import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, PROBLEM_CONTENT_TYPE, toProblem, type ErrorCode } from '@ticketing/errors';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_ARGUMENT',
};

/** Whatever goes wrong on any route, the client sees one shape: RFC 9457 problem+json with a stable code. */
function toAppError(error: FastifyError): AppError {
  if (AppError.is(error)) return error;
  if (error.validation) {
    const problems = error.validation.map((v) => ({
      field: v.instancePath || String(v.params?.missingProperty ?? ''),
      message: v.message,
    }));
    return new AppError('VALIDATION_FAILED', error.message, { errors: problems });
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return new AppError(mapped, error.message);
  if (error instanceof SyntaxError) return new AppError('MALFORMED_JSON');
  if (error.statusCode === 429) return new AppError('RATE_LIMITED', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new AppError('INVALID_ARGUMENT', error.message);
  return new AppError('INTERNAL');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const problem = toProblem(error, { traceId: request.id, instance: request.url.split('?')[0] });
  // 429 and 503 tell the client when to come back, whichever layer decided it (gateway, auth, queue).
  const retryAfter = error.details.retryAfterSeconds;
  if (typeof retryAfter === 'number' && retryAfter > 0) reply.header('retry-after', String(Math.ceil(retryAfter)));
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
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
