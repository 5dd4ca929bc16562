import { credentials } from '@grpc/grpc-js';
import type { JSONWebKeySet } from 'jose';
import { createClient } from '@ticketing/contracts';
import { unaryCall } from '@ticketing/grpc-kit';

/** A JWKS loader that asks the auth service over gRPC; pair it with createTokenVerifier. */
export function jwksFromAuthService(
  address: string,
  deadlineMs = 2000,
): { load: () => Promise<JSONWebKeySet>; close: () => void } {
  const client = createClient('auth', address, credentials.createInsecure());
  return {
    load: async () => {
      const response = await unaryCall<{ jwksJson: string }>(client, 'getJwks', {}, { deadlineMs });
      return JSON.parse(response.jwksJson) as JSONWebKeySet;
    },
    close: () => client.close(),
  };
}
