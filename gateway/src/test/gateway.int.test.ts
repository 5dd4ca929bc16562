import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import type { GrpcServerHandle, MethodSpec } from '@ticketing/grpc-kit';
import type { ServiceName } from '@ticketing/contracts';
import { signingKey, startHarness, type Harness, type SigningKey } from './harness';

/** The gateway's mapping of REST to gRPC and back, against real gRPC servers with a canned catalog. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const event = {
  id: '4f9a1c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
  title: 'Spring Concert',
  description: '',
  venue: 'Seoul Arena',
  status: 'PUBLISHED',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};
const seen: { authorization?: string; requestId?: string; pageSize?: number; cursor?: string } = {};

const catalogMethods: Record<string, MethodSpec> = {
  listEvents: {
    access: 'public',
    handle: async (request: { pageSize: number; cursor: string }, context) => {
      Object.assign(seen, {
        authorization: context.metadata.get('authorization')[0],
        requestId: context.metadata.get('x-request-id')[0],
        pageSize: request.pageSize,
        cursor: request.cursor,
      });
      if (request.cursor === 'slow') await sleep(1000);
      if (request.cursor === 'bad') throw new AppError('INVALID_ARGUMENT', 'cursor is not valid');
      return { items: [event], nextCursor: request.cursor === 'more' ? 'next-page' : '' };
    },
  },
};

describe('gateway over real gRPC upstreams', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let servers: Map<ServiceName, GrpcServerHandle>;
  let key: SigningKey;

  beforeAll(async () => {
    key = await signingKey();
    harness = await startHarness({ catalog: catalogMethods }, key, { GRPC_DEADLINE_MS: '200' });
    ({ app, servers } = harness);
  });
  afterAll(() => harness.close());

  it('when /healthz is asked, then the gateway says ok without asking anyone', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('when events are listed, then the catalog page is mapped with nextCursor null on the last page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/events?limit=5' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [event], nextCursor: null });
    expect(seen.pageSize).toBe(5);
  });

  it('when there is a next page, then its cursor is passed back and forwarded', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/events?cursor=more' });
    expect(response.json().nextCursor).toBe('next-page');
    expect(seen.cursor).toBe('more');
  });

  it('when a signed-in caller sends a request id, then the verified token and the id reach the service', async () => {
    const token = await key.sign();
    const response = await app.inject({
      method: 'GET',
      url: '/api/events',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-12345678' },
    });
    expect(response.headers['x-request-id']).toBe('req-12345678');
    expect(seen.authorization).toBe(`Bearer ${token}`);
    expect(seen.requestId).toBe('req-12345678');
  });

  it('when a public route gets a token that does not verify, then no token travels upstream', async () => {
    for (const authorization of ['Bearer abc.def.ghi', 'bearer  abc.def.ghi ', 'Basic dXNlcjpwYXNz']) {
      const response = await app.inject({ method: 'GET', url: '/api/events', headers: { authorization } });
      expect(response.statusCode).toBe(200);
      expect(seen.authorization).toBeUndefined();
    }
  });

  it('when the service rejects the request, then the client gets problem+json with the same code', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/events?cursor=bad' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'INVALID_ARGUMENT',
      detail: 'cursor is not valid',
      status: 400,
      traceId: expect.any(String),
    });
  });

  it('when the service is slower than the deadline, then the answer is 504 in time, not a hang', async () => {
    const started = Date.now();
    const response = await app.inject({ method: 'GET', url: '/api/events?cursor=slow' });
    expect(response.statusCode).toBe(504);
    expect(response.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('when query parameters are unknown or out of range, then it is 400 VALIDATION_FAILED', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/events?limit=0' })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await app.inject({ method: 'GET', url: '/api/events?limit=abc' })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await app.inject({ method: 'GET', url: '/api/events?admin=true' })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('when the OpenAPI document is fetched, then it is OpenAPI 3 with the events route and its schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.paths['/api/events'].get.responses['200']).toBeDefined();
  });

  it('when every upstream serves, then /readyz is ready; when one stops, then it is 503 naming it', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await servers.get('payment')!.stop(100);
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      services: { payment: 'NOT_SERVING', catalog: 'SERVING' },
    });
  });

  it('when the catalog is gone, then listing events is 503 SERVICE_UNAVAILABLE', async () => {
    await servers.get('catalog')!.stop(100);
    const response = await app.inject({ method: 'GET', url: '/api/events' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: 'Service unavailable' });
  });
});
