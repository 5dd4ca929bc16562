import type { Authenticator, Principal } from '@ticketing/grpc-kit';

export interface TokenCacheOptions {
  maxEntries: number;
  /**
   * An entry is dropped after this long even if its token lives longer
   * (a retired signing key stops counting by then).
   */
  maxAgeMs: number;
  now?: () => number;
}

/**
 * Remembers tokens that verified, until their own expiry (at most `maxAgeMs`). In a flash sale
 * every buyer sends the same token again and again, and an Ed25519 check per call is one of the
 * largest costs of a hold. Only successes are kept, keyed by the exact token string, with the
 * expiry the verifier read; a principal without one is not kept.
 */
export function cachedAuthenticator(authenticate: Authenticator, options: TokenCacheOptions): Authenticator {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const cached = entries.get(token);
    if (cached && cached.until > now()) return cached.principal;
    if (cached) entries.delete(token);
    const principal = await authenticate(token);
    const until = Math.min(principal.expiresAt ?? 0, now() + options.maxAgeMs);
    if (until > now()) {
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(token, { principal, until });
    }
    return principal;
  };
}
