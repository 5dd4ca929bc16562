import type { IsolatedSystem } from '@ticketing/system-runner';
import { startIsolatedSystem } from './support';

describe('walking skeleton: every process, spoken to over HTTP', () => {
  let system: IsolatedSystem;

  beforeAll(async () => {
    system = await startIsolatedSystem('e2e_skeleton');
  });
  afterAll(async () => {
    if (system) await system.teardown();
  });

  it('when every service is up, then /readyz says ready and names each of them', async () => {
    const response = await fetch(`${system.gatewayUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      services: { auth: 'SERVING', catalog: 'SERVING', queue: 'SERVING', reservation: 'SERVING', payment: 'SERVING' },
    });
  });

  it('when events are listed, then the answer comes from catalog and its database', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/events`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [], nextCursor: null });
  });

  it('when /docs is opened, then Swagger UI is served and the OpenAPI document lists the routes', async () => {
    const ui = await fetch(`${system.gatewayUrl}/docs/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const doc = (await (await fetch(`${system.gatewayUrl}/docs/json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/events', '/readyz', '/healthz']));
  });

  it('when a route does not exist or a query is invalid, then the error is problem+json with a code', async () => {
    const missing = await fetch(`${system.gatewayUrl}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await missing.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const invalid = await fetch(`${system.gatewayUrl}/api/events?limit=1000`);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'VALIDATION_FAILED', traceId: expect.any(String) });
  });

  it('when a NUL reaches a public route or a path cannot be decoded, then 400 problem+json, never a 500', async () => {
    // The exact request a fuzzer sent: a NUL in the email used to reach PostgreSQL and answer 500.
    const login = await fetch(`${system.gatewayUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":"a\\u0000b@example.com","password":"Whatever1x"}',
    });
    expect(login.status).toBe(400);
    expect(await login.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '/email' }] });
    const badPath = await fetch(`${system.gatewayUrl}/api/events/%`);
    expect(badPath.status).toBe(400);
    expect(badPath.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(badPath.headers.get('x-request-id')).toBeTruthy();
    expect(badPath.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await badPath.json()).toMatchObject({ code: 'MALFORMED_URL' });
  });

  it('when a service stops, then the gateway is not ready and its routes answer 503, not a hang', async () => {
    const catalog = system.children.get('catalog')!;
    const exited = new Promise<number | null>((resolve) => catalog.once('exit', resolve));
    const started = Date.now();
    catalog.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);

    const ready = await fetch(`${system.gatewayUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      services: { catalog: 'NOT_SERVING', auth: 'SERVING' },
    });
    const events = await fetch(`${system.gatewayUrl}/api/events`);
    expect(events.status).toBe(503);
    expect(await events.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('when SIGTERM reaches every process, then each exits 0 within a few seconds', async () => {
    const started = Date.now();
    const codes = await system.stop(8000);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(codes).toEqual({
      gateway: 0,
      auth: 0,
      catalog: 0,
      queue: 0,
      reservation: 0,
      payment: 0,
      'sandbox-provider': 0,
    });
  });
});
