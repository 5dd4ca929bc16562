import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { AppError, PROBLEM_CONTENT_TYPE, toProblem } from '@ticketing/errors';

export interface MetricsServer {
  port: number;
  stop(): Promise<void>;
}

/** The same problem+json as every other answer of the system. */
function sendProblem(response: ServerResponse, error: AppError): void {
  const problem = toProblem(error);
  response.writeHead(problem.status, { 'content-type': PROBLEM_CONTENT_TYPE }).end(JSON.stringify(problem));
}

/**
 * `GET /metrics` in Prometheus' text format on a port of its own, for processes whose API is
 * gRPC. Nothing else is served. Port 0 picks a free one (tests); `port` says which.
 */
export async function startMetricsServer(options: {
  registry: Registry;
  port: number;
  host: string;
}): Promise<MetricsServer> {
  const { registry } = options;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    // The query is never read, so nothing in it can do harm; anything but GET /metrics is 404, as at the gateway.
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      sendProblem(response, new AppError('NOT_FOUND', 'only GET /metrics is served here'));
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => sendProblem(response, new AppError('INTERNAL', 'metrics could not be collected')),
    );
  });
  // Scrapes come every few seconds; a keep-alive socket must not hold shutdown up.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`METRICS_PORT: cannot listen on ${options.host}:${options.port} (${error.message})`)),
    );
    server.listen(options.port, options.host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
