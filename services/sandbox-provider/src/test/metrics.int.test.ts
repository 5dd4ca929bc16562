import { startHarness, type Harness } from './harness';

describe('GET /metrics of the sandbox provider', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('when payments were created, then /metrics counts them by method, route pattern and status', async () => {
    await h.createPayment();
    await h.createPayment();
    const response = await fetch(`${h.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^ticketing_http_requests_total\{method="POST",route="\/v1\/payments",status="201"\} 2$/m);
    expect(text).toMatch(/^ticketing_http_request_duration_seconds_count\{method="POST",route="\/v1\/payments"/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
  });
});
