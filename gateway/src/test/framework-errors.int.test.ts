import type { FastifyInstance, InjectOptions } from 'fastify';
import { fakeUpstreams } from './fake-upstreams';
import { signingKey, startHarness, type Harness } from './harness';

/**
 * Errors raised by Fastify itself (router, body parser) answer like every other error: problem+json
 * with a stable code, the security headers, CORS and the request id.
 */
const upstreams = fakeUpstreams();
const REQUEST_ID = 'probe-1234-5678';
const ORIGIN = 'https://shop.example';

describe('framework-level errors', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let user: string;

  beforeAll(async () => {
    const key = await signingKey();
    harness = await startHarness(upstreams.methods, key);
    app = harness.app;
    user = `Bearer ${await key.sign({ sub: 'buyer-1' })}`;
  });
  afterAll(() => harness.close());
  beforeEach(() => upstreams.reset());

  async function expectProblem(request: InjectOptions, status: number, code: string) {
    const response = await app.inject({
      ...request,
      headers: { ...request.headers, 'x-request-id': REQUEST_ID, origin: ORIGIN },
    });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, code, traceId: REQUEST_ID });
    expect(response.headers['x-request-id']).toBe(REQUEST_ID);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(upstreams.callCount()).toBe(0);
    return response.json();
  }

  it.each(['/api/events/%', '/api/events/%zz/sessions', '/api/sessions/%C3%28', '/no/such/route/%'])(
    'when the path %s has a malformed percent-escape, then 400 MALFORMED_URL',
    async (url) => {
      const problem = await expectProblem({ method: 'GET', url }, 400, 'MALFORMED_URL');
      expect(problem.instance).toBeUndefined();
    },
  );

  it('when a POST has a malformed path, then it is 400 MALFORMED_URL too, whatever the body', async () => {
    await expectProblem({ method: 'POST', url: '/api/auth/login%', payload: { email: 'a' } }, 400, 'MALFORMED_URL');
  });

  it('when a path parameter is over 100 characters, then the route schema answers 400 naming it', async () => {
    const problem = await expectProblem(
      { method: 'GET', url: `/api/events/${'e'.repeat(150)}` },
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ field: '/eventId', in: 'params' })]);
    const long = await expectProblem(
      { method: 'GET', url: `/api/reservations/hold/${'h'.repeat(5000)}`, headers: { authorization: user } },
      400,
      'VALIDATION_FAILED',
    );
    expect(long.errors).toEqual([expect.objectContaining({ field: '/holdId', in: 'params' })]);
  });

  it('when a parameter is longer than an HTTP request line can be (in-process only), then the router backstop answers problem+json', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/events/${'e'.repeat(20 * 1024)}`,
      headers: { 'x-request-id': REQUEST_ID },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['x-request-id']).toBe(REQUEST_ID);
    expect(response.json()).toMatchObject({ code: 'INVALID_ARGUMENT', detail: 'a path parameter is too long' });
  });

  it('when the body is not JSON, then 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const request = { method: 'POST' as const, url: '/api/auth/login', payload: 'email=a' };
    await expectProblem(
      { ...request, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectProblem({ ...request, headers: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('when the body is over the limit, then 413 PAYLOAD_TOO_LARGE', async () => {
    const payload = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(100 * 1024) });
    const headers = { 'content-type': 'application/json' };
    await expectProblem({ method: 'POST', url: '/api/auth/signup', headers, payload }, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('when the JSON is malformed or the JSON body is empty, then 400 MALFORMED_JSON', async () => {
    const headers = { 'content-type': 'application/json' };
    const url = '/api/auth/login';
    await expectProblem({ method: 'POST', url, headers, payload: '{"email": ' }, 400, 'MALFORMED_JSON');
    await expectProblem({ method: 'POST', url, headers, payload: '' }, 400, 'MALFORMED_JSON');
  });

  it('when no route matches, then 404 NOT_FOUND with the path as the instance', async () => {
    const problem = await expectProblem({ method: 'GET', url: '/api/nothing-here?x=1' }, 404, 'NOT_FOUND');
    expect(problem.instance).toBe('/api/nothing-here');
  });
});
