import { context, trace } from '@opentelemetry/api';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from '@ticketing/logger';

declare module 'fastify' {
  interface FastifyRequest {
    /** The OpenTelemetry trace id of this request: in problem bodies, logs and the x-trace-id header. */
    traceId: string;
    /** The problem code this request was answered with, for its log line; empty on success. */
    problemCode: string;
  }
}

/** The trace id of the active span (the HTTP server span while a request is handled), or undefined. */
function activeTraceId(): string | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/**
 * The trace id a request is known by. Requests refused by the router never reach the hooks that
 * set it, so the active span is asked again; the request id is the last resort (no tracer at all).
 */
export function traceIdOf(request: FastifyRequest): string {
  return request.traceId || activeTraceId() || request.id;
}

/**
 * Ties each request to its trace: names the HTTP server span after the route pattern (not the
 * raw URL, which would make one span name per hold id), returns the trace id in `x-trace-id`, and
 * writes one log line per request with who, what, outcome and latency. Fastify's own two lines
 * per request are turned off in the app (`disableRequestLogging`).
 */
export default fp(async function requestTelemetry(app: FastifyInstance) {
  app.decorateRequest('traceId', '');
  app.decorateRequest('problemCode', '');
  app.addHook('onRequest', async (request) => {
    const span = trace.getSpan(context.active());
    const route = request.routeOptions.url;
    if (span && route) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    request.traceId = traceIdOf(request);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-trace-id', traceIdOf(request));
  });
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : 'info';
    // Fastify types its logger as the base interface; it is the pino logger the app was given.
    const log = request.log as unknown as Logger;
    if (!log.isLevelEnabled(level)) return;
    log[level](
      {
        action: `${request.method} ${request.routeOptions.url ?? 'unrouted'}`,
        outcome: request.problemCode || (status < 400 ? 'ok' : `http ${status}`),
        status,
        latencyMs: Math.round(reply.elapsedTime * 100) / 100,
        userId: request.principal?.subject,
      },
      'request',
    );
  });
});
