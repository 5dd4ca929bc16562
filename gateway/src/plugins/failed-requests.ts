import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@ticketing/errors';
import { MAX_PATH, type RecentErrors } from '../clients/recent-errors';

/**
 * Refusals that are part of a normal sale or session, not incidents: stock and limits, the
 * waiting room, sales windows, holds that ran out, rate limits, and signing in (no token, an
 * expired one, a wrong password, a taken email, a weak password). Everything else at 4xx is a
 * client or gateway defect worth a look (malformed requests, unknown routes, FORBIDDEN, conflicts
 * of idempotency keys), and every 5xx is, except the gateway's own load shedding: metrics count
 * it, and recording each one would flush the real failures out of the list when they matter most.
 */
const NORMAL_REFUSALS: ReadonlySet<string> = new Set([
  'SOLD_OUT',
  'INSUFFICIENT_STOCK',
  'PER_USER_LIMIT_EXCEEDED',
  'SEAT_UNAVAILABLE',
  'SALES_NOT_OPEN',
  'SALES_CLOSED',
  'HOLD_EXPIRED',
  'HOLD_NOT_ACTIVE',
  'CANCELLATION_CLOSED',
  'NOT_ADMITTED',
  'QUEUE_FULL',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'INVALID_CREDENTIALS',
  'EMAIL_TAKEN',
  'WEAK_PASSWORD',
]);

export function worthRecording(status: number, code: string | null): boolean {
  if (status >= 500) return code !== 'OVERLOADED';
  return status >= 400 && !(code !== null && NORMAL_REFUSALS.has(code));
}

interface ProblemFacts {
  code: string | null;
  traceId: string | null;
}

/** The code and trace id as the client got them: read from the problem body itself, whoever wrote it. */
function problemFacts(payload: unknown): ProblemFacts {
  try {
    const body = JSON.parse(String(payload)) as { code?: unknown; traceId?: unknown };
    return {
      code: typeof body.code === 'string' ? body.code : null,
      traceId: typeof body.traceId === 'string' ? body.traceId : null,
    };
  } catch {
    return { code: null, traceId: null };
  }
}

/**
 * Records every failed request worth an operator's look in the shared list (GET /api/admin/errors),
 * after its answer has gone. A successful request costs one comparison.
 */
export default fp(async function failedRequests(app: FastifyInstance, options: { recentErrors: RecentErrors }) {
  const facts = new WeakMap<FastifyRequest, ProblemFacts>();
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    facts.set(request, type.startsWith(PROBLEM_CONTENT_TYPE) ? problemFacts(payload) : { code: null, traceId: null });
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const failure = facts.get(request);
    if (!failure || !worthRecording(reply.statusCode, failure.code)) return;
    options.recentErrors.record(
      {
        at: new Date().toISOString(),
        method: request.method,
        route: request.is404 ? null : (request.routeOptions.url ?? null),
        path: request.url.split('?')[0]!.slice(0, MAX_PATH),
        status: reply.statusCode,
        code: failure.code,
        traceId: failure.traceId,
        userId: request.principal?.subject ?? null,
      },
      (error) => request.log.warn({ err: error }, 'could not record a failed request'),
    );
  });
});
