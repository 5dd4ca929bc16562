import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@ticketing/errors';
import type { Authenticator, Principal } from '@ticketing/grpc-kit';

/** Who may call a route. Declared on every route; anything under /api/admin is ADMIN whatever it says. */
export type RouteAccess = 'public' | 'user' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AuthenticationOptions {
  authenticate: Authenticator;
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header);
  if (!match) throw new AppError('TOKEN_INVALID', 'Authorization header must be "Bearer <token>"');
  return match[1]!;
}

// Swagger UI's own routes come from a plugin that cannot declare access.
const PUBLIC_PREFIXES = ['/docs'];

function routeAccess(request: FastifyRequest): RouteAccess {
  if (request.url.startsWith('/api/admin')) return 'admin';
  const declared = request.routeOptions.config?.access;
  if (declared) return declared;
  if (request.is404 || PUBLIC_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return 'public';
  return 'user';
}

/**
 * Verifies the access token locally (JWKS from auth, cached) before any handler runs.
 * Routes without a declared access level require a signed-in user: forgetting to declare
 * one fails closed.
 */
export default fp(async function authentication(app: FastifyInstance, options: AuthenticationOptions) {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const access = routeAccess(request);
    if (access === 'public') {
      // A signed-in caller of a public route is still known (per-user rate limits), if the token is good.
      const token = (() => {
        try {
          return bearerToken(request);
        } catch {
          return null;
        }
      })();
      if (token) request.principal = await options.authenticate(token).catch(() => null);
      return;
    }
    const token = bearerToken(request);
    if (!token) throw new AppError('UNAUTHENTICATED', 'sign in and send "Authorization: Bearer <accessToken>"');
    request.principal = await options.authenticate(token);
    if (access === 'admin' && !request.principal.roles.includes('ADMIN')) {
      throw new AppError('FORBIDDEN', 'this route needs the ADMIN role');
    }
  });
});
