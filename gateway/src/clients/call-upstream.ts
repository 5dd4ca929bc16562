import type { FastifyRequest } from 'fastify';
import { bearerMetadata, unaryCall } from '@ticketing/grpc-kit';
import type { ServiceName } from '@ticketing/contracts';
import type { Upstreams } from './upstreams';

export type UpstreamCaller = <Res>(
  service: ServiceName,
  method: string,
  body: unknown,
  request: FastifyRequest,
) => Promise<Res>;

/**
 * Calls a service on behalf of the HTTP caller: the token the edge verified (none for an
 * anonymous caller of a public route) travels in metadata, where each service verifies it
 * again, with the request id for correlation, under one deadline.
 */
export function upstreamCaller(upstreams: Upstreams, deadlineMs: number): UpstreamCaller {
  return (service, method, body, request) => {
    const metadata = bearerMetadata(request.principal?.token, { 'x-request-id': request.id });
    return unaryCall(upstreams[service], method, body, { deadlineMs, metadata });
  };
}
