import { grpcServerMetrics } from './grpc-server';
import { httpMetrics } from './http';
import { createRegistry } from './registry';

describe('grpcServerMetrics', () => {
  it('when calls end, then they are counted and timed per service, method and status code', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    const { onCallEnd } = grpcServerMetrics(registry);
    onCallEnd('/ticketing.reservation.v1.ReservationService/Hold', 'OK', 0.004);
    onCallEnd('/ticketing.reservation.v1.ReservationService/Hold', 'OK', 0.2);
    onCallEnd('/ticketing.reservation.v1.ReservationService/Hold', 'FAILED_PRECONDITION', 0.003);
    const text = await registry.metrics();
    const labels = 'service="ticketing.reservation.v1.ReservationService",method="Hold"';
    expect(text).toContain(`ticketing_grpc_server_requests_total{${labels},code="OK"} 2`);
    expect(text).toContain(`ticketing_grpc_server_requests_total{${labels},code="FAILED_PRECONDITION"} 1`);
    expect(text).toContain(`ticketing_grpc_server_duration_seconds_bucket{le="0.005",${labels},code="OK"} 1`);
    expect(text).toContain(`ticketing_grpc_server_duration_seconds_count{${labels},code="OK"} 2`);
  });
});

describe('httpMetrics', () => {
  it('when requests are answered, then they are counted per method, route pattern and status', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    const http = httpMetrics(registry);
    http.record('POST', '/api/sessions/:sessionId/holds', 201, 0.01);
    http.record('POST', '/api/sessions/:sessionId/holds', 201, 0.02);
    http.record('POST', '/api/sessions/:sessionId/holds', 409, 0.01);
    const text = await registry.metrics();
    expect(text).toContain(
      'ticketing_http_requests_total{method="POST",route="/api/sessions/:sessionId/holds",status="201"} 2',
    );
    expect(text).toContain(
      'ticketing_http_requests_total{method="POST",route="/api/sessions/:sessionId/holds",status="409"} 1',
    );
    expect(text).toMatch(
      /ticketing_http_request_duration_seconds_sum\{method="POST",route="[^"]+",status="201"\} 0\.03/,
    );
  });

  it('when no route matched, then the request is labelled "unmatched", never with its raw URL', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    httpMetrics(registry).record('GET', undefined, 404, 0.001);
    expect(await registry.metrics()).toContain(
      'ticketing_http_requests_total{method="GET",route="unmatched",status="404"} 1',
    );
  });
});
