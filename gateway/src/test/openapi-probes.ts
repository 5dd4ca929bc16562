import type { InjectOptions } from 'fastify';
import { AppError } from '@ticketing/errors';
import { EVENT_ID, quantityBody, SESSION_ID } from './catalog-fixtures';
import { EXPIRED_HOLD, FORGED, PAYMENT, PG_PAYMENT, SIGNED, STALE } from './payment-fixtures';
import { FULL_SESSION, NO_QUEUE_SESSION, QUEUE_SESSION, TOKENS } from './queue-fixtures';
import { HOLD, NOT_ADMITTED_TOKEN, SESSION } from './reservation-fixtures';
import { CANCELLED_TICKET, CLOSED_HOLD, TICKET } from './ticket-fixtures';

/** One request and the status it is expected to get; `failWith` makes the canned catalog refuse it. */
export interface Probe {
  request: InjectOptions;
  status: number;
  failWith?: AppError;
}

/**
 * Requests covering every operation of the API, keyed "METHOD /path/{template}" as the OpenAPI
 * document names them: a success and the typical errors, each answered by the canned upstreams.
 */
export function probes(tokens: { user: string; admin: string }): Record<string, Probe[]> {
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const user = as(tokens.user);
  const admin = as(tokens.admin);
  const get = (url: string, headers = {}, status = 200, failWith?: AppError): Probe => ({
    request: { method: 'GET', url, headers },
    status,
    failWith,
  });
  const send = (
    method: 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload: unknown,
    headers: Record<string, string>,
    status: number,
    failWith?: AppError,
  ): Probe => ({ request: { method, url, headers, payload: payload as InjectOptions['payload'] }, status, failWith });
  const text = { 'content-type': 'text/plain' };
  const credentials = { email: 'fan@example.com', password: 'Secret123' };
  const huge = { ...credentials, password: 'x'.repeat(100 * 1024) };
  const refresh = { refreshToken: 'r'.repeat(43) };
  const notFound = new AppError('NOT_FOUND', 'no such thing');
  const conflict = new AppError('CONFLICT', 'tickets are sold');
  const key = (k: string) => ({ ...user, 'idempotency-key': k });
  const hold = '/api/reservations/hold';
  const entry = '/api/queue/token';
  const unknownSession = '00000000-0000-4000-8000-000000000000';
  const checkout = '/api/payments/checkout';
  const callback = '/api/payments/callback';
  const webhook = (fields: object = {}) =>
    JSON.stringify({ pgPaymentId: PG_PAYMENT, status: 'SUCCESS', amount: 110000, currency: 'KRW', ...fields });
  const signed = (signature: string) => ({ 'content-type': 'application/json', 'x-signature': signature });
  const qr = (ticket: string, status: number, accept?: string) =>
    get(`/api/me/tickets/${ticket}/qr`, { ...user, ...(accept ? { accept } : {}) }, status);

  return {
    'GET /healthz': [get('/healthz'), get('/healthz?x=%00', {}, 400)],
    'GET /readyz': [get('/readyz')],
    'POST /api/auth/signup': [
      send('POST', '/api/auth/signup', credentials, {}, 201),
      send('POST', '/api/auth/signup', { ...credentials, email: 'taken@example.com' }, {}, 409),
      send('POST', '/api/auth/signup', { email: 'a' }, {}, 400),
      send('POST', '/api/auth/signup', 'hello', text, 415),
      send('POST', '/api/auth/signup', huge, {}, 413),
    ],
    'POST /api/auth/login': [
      send('POST', '/api/auth/login', credentials, {}, 200),
      send('POST', '/api/auth/login', { ...credentials, password: 'wrong' }, {}, 401),
    ],
    'POST /api/auth/refresh': [send('POST', '/api/auth/refresh', refresh, {}, 200)],
    'POST /api/auth/logout': [
      send('POST', '/api/auth/logout', refresh, {}, 204),
      send('POST', '/api/auth/logout', { refreshToken: 'short' }, {}, 400),
    ],
    'GET /api/me': [get('/api/me', user), get('/api/me', {}, 401)],
    'GET /.well-known/jwks.json': [get('/.well-known/jwks.json')],
    'GET /api/events': [get('/api/events?limit=2'), get('/api/events?limit=0', {}, 400)],
    'GET /api/events/{eventId}': [
      get(`/api/events/${EVENT_ID}`),
      get(`/api/events/${EVENT_ID}`, {}, 404, notFound),
      get('/api/events/%', {}, 400),
    ],
    'GET /api/events/{eventId}/sessions': [
      get(`/api/events/${EVENT_ID}/sessions`),
      get(`/api/events/${EVENT_ID}/sessions?limit=3`, {}, 404, notFound),
    ],
    'GET /api/sessions/{sessionId}': [get(`/api/sessions/${SESSION_ID}`), get('/api/sessions/42', {}, 400)],
    'GET /api/admin/events': [get('/api/admin/events', admin), get('/api/admin/events', user, 403)],
    'POST /api/admin/events': [
      send('POST', '/api/admin/events', { title: 't', venue: 'v' }, admin, 201),
      send('POST', '/api/admin/events', { title: 't', venue: 'v' }, {}, 401),
    ],
    'GET /api/admin/events/{eventId}': [get(`/api/admin/events/${EVENT_ID}`, admin)],
    'PATCH /api/admin/events/{eventId}': [
      send('PATCH', `/api/admin/events/${EVENT_ID}`, { title: 't' }, admin, 200),
      send('PATCH', `/api/admin/events/${EVENT_ID}`, { status: 'DRAFT' }, admin, 409, conflict),
    ],
    'DELETE /api/admin/events/{eventId}': [
      send('DELETE', `/api/admin/events/${EVENT_ID}`, undefined, admin, 204),
      send('DELETE', `/api/admin/events/${EVENT_ID}`, undefined, admin, 409, conflict),
    ],
    'GET /api/admin/events/{eventId}/sessions': [get(`/api/admin/events/${EVENT_ID}/sessions`, admin)],
    'POST /api/admin/events/{eventId}/sessions': [
      send('POST', `/api/admin/events/${EVENT_ID}/sessions`, quantityBody, admin, 201),
      send('POST', `/api/admin/events/${EVENT_ID}/sessions`, quantityBody, admin, 404, notFound),
    ],
    'GET /api/admin/sessions/{sessionId}': [get(`/api/admin/sessions/${SESSION_ID}`, admin)],
    'PATCH /api/admin/sessions/{sessionId}': [
      send('PATCH', `/api/admin/sessions/${SESSION_ID}`, { totalStock: 5 }, admin, 200),
      send('PATCH', `/api/admin/sessions/${SESSION_ID}`, {}, admin, 400),
    ],
    'GET /api/admin/audit': [
      get('/api/admin/audit?limit=3', admin),
      get('/api/admin/audit?from=yesterday', admin, 400),
      get('/api/admin/audit', user, 403),
      get('/api/admin/audit', {}, 401),
    ],
    'GET /api/admin/errors': [
      get('/api/admin/errors?limit=3', admin),
      get('/api/admin/errors?cursor=nope', admin, 400),
      get('/api/admin/errors', user, 403),
      get('/api/admin/errors', {}, 401),
    ],
    'GET /api/admin/sessions/{sessionId}/sales': [
      get(`/api/admin/sessions/${SESSION}/sales`, admin),
      get(`/api/admin/sessions/${SESSION}/sales`, user, 403),
    ],
    'POST /api/reservations/hold': [
      send('POST', hold, { sessionId: SESSION, quantity: 2 }, key('try-1'), 201),
      send('POST', hold, { sessionId: SESSION, quantity: 3 }, key('try-2'), 409),
      send('POST', hold, { sessionId: SESSION, quantity: 1, queueToken: NOT_ADMITTED_TOKEN }, key('try-4'), 403),
      send('POST', hold, { sessionId: SESSION, quantity: 5 }, key('try-3'), 400),
      send('POST', hold, { sessionId: SESSION, quantity: 1 }, user, 400),
    ],
    'GET /api/reservations/hold/{holdId}': [get(`${hold}/${HOLD}`, user), get(`${hold}/other`, user, 404)],
    'DELETE /api/reservations/hold/{holdId}': [
      send('DELETE', `${hold}/${HOLD}`, undefined, user, 204),
      send('DELETE', `${hold}/other`, undefined, user, 404),
    ],
    'GET /api/me/reservations': [get('/api/me/reservations?status=SOLD', user), get('/api/me/reservations', {}, 401)],
    'POST /api/queue/token': [
      send('POST', entry, { sessionId: QUEUE_SESSION }, user, 201),
      send('POST', entry, { sessionId: FULL_SESSION }, user, 429),
      send('POST', entry, { sessionId: NO_QUEUE_SESSION }, user, 409),
      send('POST', entry, { sessionId: unknownSession }, user, 404),
      send('POST', entry, { sessionId: 'nope' }, user, 400),
      send('POST', entry, { sessionId: QUEUE_SESSION }, {}, 401),
    ],
    'GET /api/queue/status': [
      get(`/api/queue/status?token=${TOKENS.waiting}`, user),
      get(`/api/queue/status?token=${TOKENS.foreign}`, user, 403),
      get('/api/queue/status?token=qt1.gone.sig', user, 404),
      get('/api/queue/status', user, 400),
    ],
    'POST /api/payments/checkout': [
      send('POST', checkout, { holdId: HOLD, method: 'CARD' }, key('pay-1'), 201),
      send('POST', checkout, { holdId: HOLD, method: 'CARD' }, user, 400),
      send('POST', checkout, { holdId: unknownSession, method: 'CARD' }, key('pay-2'), 404),
      send('POST', checkout, { holdId: EXPIRED_HOLD, method: 'CARD' }, key('pay-3'), 409),
      send('POST', checkout, 'hello', { ...key('pay-4'), ...text }, 415),
      send('POST', checkout, { holdId: HOLD, method: 'CARD' }, { 'idempotency-key': 'pay-5' }, 401),
    ],
    'POST /api/payments/callback': [
      send('POST', callback, webhook(), signed(SIGNED), 200),
      send('POST', callback, webhook(), signed(FORGED), 401),
      send('POST', callback, webhook(), signed(STALE), 400),
      send('POST', callback, webhook({ pgPaymentId: 'pg_unknown' }), signed(SIGNED), 404),
      send('POST', callback, webhook({ amount: 1 }), signed(SIGNED), 409),
      send('POST', callback, '{"status":', signed(SIGNED), 400),
      send('POST', callback, webhook(), { ...text, 'x-signature': SIGNED }, 415),
      send('POST', callback, webhook({ pad: 'x'.repeat(100 * 1024) }), signed(SIGNED), 413),
    ],
    'GET /api/payments/{paymentId}': [
      get(`/api/payments/${PAYMENT}`, user),
      get('/api/payments/other', user, 404),
      get(`/api/payments/${PAYMENT}`, {}, 401),
    ],
    'GET /api/me/tickets': [
      get('/api/me/tickets?limit=2', user),
      get('/api/me/tickets?limit=0', user, 400),
      get('/api/me/tickets', {}, 401),
    ],
    'GET /api/me/tickets/{ticketId}/qr': [
      qr(TICKET, 200),
      qr(TICKET, 200, 'image/png'),
      qr(unknownSession, 404, 'image/png'),
      qr(CANCELLED_TICKET, 409),
      get(`/api/me/tickets/${TICKET}/qr`, {}, 401),
    ],
    'POST /api/reservations/{holdId}/cancel': [
      send('POST', `/api/reservations/${HOLD}/cancel`, undefined, key('cancel-1'), 200),
      send('POST', `/api/reservations/${CLOSED_HOLD}/cancel`, undefined, key('cancel-2'), 409),
      send('POST', '/api/reservations/other/cancel', undefined, key('cancel-3'), 404),
      send('POST', `/api/reservations/${HOLD}/cancel`, undefined, user, 400),
      send('POST', `/api/reservations/${HOLD}/cancel`, undefined, { 'idempotency-key': 'cancel-4' }, 401),
    ],
    'GET /api/queue/stream': [
      get(`/api/queue/stream?token=${TOKENS.waiting}`, user),
      get(`/api/queue/stream?token=${TOKENS.foreign}`, user, 403),
      get('/api/queue/stream?token=qt1.gone.sig', user, 404),
      get(`/api/queue/stream?token=${TOKENS.admitted}`, {}, 200),
    ],
  };
}
