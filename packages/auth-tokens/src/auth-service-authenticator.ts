import type { Authenticator } from '@ticketing/grpc-kit';
import { cachedAuthenticator, type TokenCacheOptions } from './cached-authenticator';
import { jwksFromAuthService } from './jwks-from-auth';
import { createTokenVerifier } from './verifier';

/**
 * Buyers repeat the same token on every call at the peak: a verified token is trusted until its
 * own expiry or 30 s, instead of an Ed25519 check per request.
 */
export const VERIFIED_TOKEN_CACHE: TokenCacheOptions = { maxEntries: 50_000, maxAgeMs: 30_000 };

/**
 * What every process uses to verify its callers' access tokens: keys from the auth service's
 * JWKS over gRPC, optionally behind the verified-token cache. `close` ends the gRPC client.
 */
export function authServiceAuthenticator(
  authAddress: string,
  cache: TokenCacheOptions | null = VERIFIED_TOKEN_CACHE,
): { authenticate: Authenticator; close: () => void } {
  const jwks = jwksFromAuthService(authAddress);
  const verify = createTokenVerifier({ loadJwks: jwks.load });
  return { authenticate: cache ? cachedAuthenticator(verify, cache) : verify, close: jwks.close };
}

/**
 * How a service verifies its own callers (internal callers are users too): the auth service's
 * keys behind the verified-token cache, or, when a test passes its own verifier, that verifier
 * behind the same cache, so both see the same caching.
 */
export function callerAuthenticator(
  authAddress: string,
  override?: Authenticator,
): { authenticate: Authenticator; close: () => void } {
  if (override) return { authenticate: cachedAuthenticator(override, VERIFIED_TOKEN_CACHE), close: () => undefined };
  return authServiceAuthenticator(authAddress);
}
