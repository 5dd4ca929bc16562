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
 * Calls a service on behalf of the HTTP caller: the caller's own token travels in metadata
 * (each service verifies it again) with the request id for correlation, under one deadline.
 */
export function upstreamCaller(upstreams: Upstreams, deadlineMs: number): UpstreamCaller {
  return (service, method, body, request) => {
    const header = request.headers.authorization;
    const token = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
    const metadata = bearerMetadata(token, { 'x-request-id': request.id });
    return unaryCall(upstreams[service], method, body, { deadlineMs, metadata });
  };
}
