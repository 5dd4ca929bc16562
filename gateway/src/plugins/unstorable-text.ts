import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@ticketing/errors';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MESSAGE = 'must not contain NUL (U+0000) or an unpaired surrogate: they cannot be stored';

const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);
const pointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The JSON pointer of the first string (value or key) PostgreSQL cannot store, or null. It walks
 * with its own stack, as a small body can still nest deeper than the call stack goes.
 */
export function findUnstorable(value: unknown): string | null {
  const pending: Array<[unknown, string]> = [[value, '']];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (unstorable(current)) return path;
    } else if (typeof current === 'object' && current !== null) {
      const children = Object.entries(current);
      for (let i = children.length - 1; i >= 0; i--) {
        const [key, child] = children[i]!;
        const childPath = `${path}/${pointerToken(key)}`;
        if (unstorable(key)) return childPath;
        pending.push([child, childPath]);
      }
    }
  }
  return null;
}

const PARTS = {
  // Bytes are not text: a body kept as bytes (the provider's webhook, signed over them) goes on as it
  // came, and the service that verifies it refuses what it cannot store.
  body: (request: FastifyRequest) => (Buffer.isBuffer(request.body) ? null : request.body),
  querystring: (request: FastifyRequest) => request.query,
  params: (request: FastifyRequest) => request.params,
  headers: (request: FastifyRequest) => request.headers,
} as const;

/**
 * PostgreSQL stores neither NUL in text or jsonb nor a lone UTF-16 surrogate (it has no UTF-8
 * form): such a string used to travel to a service and fail there as 500. One hook refuses it in
 * every string of every request, before the schemas run, so no route can forget it.
 */
export default fp(async function unstorableText(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const [where, read] of Object.entries(PARTS)) {
      const field = findUnstorable(read(request));
      if (field === null) continue;
      throw new AppError('VALIDATION_FAILED', `${where}${field} ${MESSAGE}`, {
        errors: [{ field, in: where, message: MESSAGE }],
      });
    }
  });
});
