import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';

const MALFORMED_URL_ROUTE = '/.malformed-url';
export const MALFORMED_URL_DETAIL =
  'the path has a malformed percent-escape: a "%" without two hex digits, or bytes that are not UTF-8';

/**
 * Fastify's router answers a path it cannot percent-decode by itself (FST_ERR_BAD_URL), before
 * any hook runs and past the error handler: plain JSON, without the security headers, CORS or
 * request id. Given to Fastify as `rewriteUrl`, this sends such a URL, before routing, to a
 * route that refuses it, so the answer takes the same path as every other one.
 */
export function rewriteMalformedUrl(url: string): string {
  const pathEnd = url.search(/[?#]/);
  try {
    decodeURIComponent(pathEnd === -1 ? url : url.slice(0, pathEnd));
    return url;
  } catch {
    return MALFORMED_URL_ROUTE;
  }
}

export default fp(async function malformedUrl(app: FastifyInstance) {
  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: MALFORMED_URL_ROUTE,
    config: { access: 'public' },
    schema: { hide: true },
    handler: async () => {
      throw new AppError('MALFORMED_URL', MALFORMED_URL_DETAIL);
    },
  });
});
