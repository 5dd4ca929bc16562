import { signingKey, startHarness, type Harness } from './harness';

/** The gateway's /metrics on its own port, against real gRPC servers that answer nothing in particular. */
describe('gateway metrics at /metrics', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({}, await signingKey(), { RATE_LIMIT_ANONYMOUS_PER_MIN: '3' });
  });
  afterAll(() => harness.close());

  const scrape = () => harness.app.inject({ method: 'GET', url: '/metrics' });

  it('when requests were answered, then each is counted by method, route pattern and status, unmatched ones under "unmatched"', async () => {
    await harness.app.inject({ method: 'GET', url: '/healthz' });
    await harness.app.inject({ method: 'GET', url: '/no/such/route/4f9a1c2e' });
    const response = await scrape();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toMatch(/^ticketing_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1$/m);
    expect(response.body).toMatch(/^ticketing_http_requests_total\{method="GET",route="unmatched",status="404"\} 1$/m);
    expect(response.body).not.toContain('4f9a1c2e');
    expect(response.body).toMatch(
      /^ticketing_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/healthz"/m,
    );
    expect(response.body).toMatch(/^process_resident_memory_bytes /m);
  });

  it('when a parameterised route is called, then it is labelled by its pattern, not the id in the path', async () => {
    await harness.app.inject({ method: 'GET', url: '/api/events/4f9a1c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b' });
    expect((await scrape()).body).toMatch(
      /^ticketing_http_requests_total\{method="GET",route="\/api\/events\/:eventId",status="\d+"\} 1$/m,
    );
  });

  it('when Prometheus scrapes more often than the anonymous rate limit allows, then it is never refused', async () => {
    const codes = [];
    for (let i = 0; i < 6; i += 1) codes.push((await scrape()).statusCode);
    expect(codes).toEqual(Array(6).fill(200));
  });

  it('when the OpenAPI document is read, then /metrics is not one of its operations', async () => {
    const doc = (await harness.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: object }>();
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });

  it('when /metrics is asked with a NUL byte in its query, then it is 400 problem+json, never a 500', async () => {
    for (const url of ['/metrics?x=%00', '/metrics?name=%00', '/metrics?a=1&b=%00']) {
      const response = await harness.app.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
