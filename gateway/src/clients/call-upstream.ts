import type { FastifyRequest } from 'fastify';
import { bearerMetadata, serverStream, unaryCall, type ServerStream } from '@ticketing/grpc-kit';
import type { ServiceName } from '@ticketing/contracts';
import type { Upstreams } from './upstreams';

export type UpstreamCaller = <Res>(
  service: ServiceName,
  method: string,
  body: unknown,
  request: FastifyRequest,
  /** A call that waits on something slow outside the system (a checkout: the provider) may wait longer. */
  options?: { deadlineMs?: number },
) => Promise<Res>;

/**
 * Calls a service on behalf of the HTTP caller: the token the edge verified (none for an
 * anonymous caller of a public route) travels in metadata, where each service verifies it
 * again, with the request id for correlation, under one deadline.
 */
export function upstreamCaller(upstreams: Upstreams, deadlineMs: number): UpstreamCaller {
  return (service, method, body, request, options) =>
    unaryCall(upstreams[service], method, body, {
      deadlineMs: options?.deadlineMs ?? deadlineMs,
      metadata: callerMetadata(request),
    });
}

export type UpstreamStreamer = <Res>(
  service: ServiceName,
  method: string,
  body: unknown,
  request: FastifyRequest,
) => ServerStream<Res>;

/**
 * A server-streaming call on behalf of the HTTP caller, with the same metadata. No deadline on
 * the whole stream (it follows a state for as long as the client listens): the route bounds the
 * wait for the first message, and cancels the call when the client leaves.
 */
export function upstreamStreamer(upstreams: Upstreams): UpstreamStreamer {
  return (service, method, body, request) =>
    serverStream(upstreams[service], method, body, { metadata: callerMetadata(request) });
}

function callerMetadata(request: FastifyRequest) {
  return bearerMetadata(request.principal?.token, { 'x-request-id': request.id });
}
