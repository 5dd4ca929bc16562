import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { paymentV1 } from '@ticketing/contracts';
import { AppError } from '@ticketing/errors';
import { errorAnswers } from '../schemas';
import { WebhookAnswer, WebhookBody, WebhookHeaders } from './schemas';

export interface ProviderCallbackOptions {
  /** Per sending address: one provider sends every webhook from few addresses. */
  perMinute: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body stays the bytes that came (the signature is over them), once they are known to be UTF-8 JSON. */
function keepJsonBytes(_request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: Buffer) => void) {
  try {
    JSON.parse(utf8.decode(body));
  } catch {
    done(new AppError('MALFORMED_JSON', 'the body is not UTF-8 JSON'));
    return;
  }
  done(null, body);
}

/**
 * The provider's webhook. A plugin of its own because its body parser is: the routes outside it keep
 * the JSON parser that gives objects. The bytes are not text to the unstorable-text hook, and the
 * schemas only document: the payment service checks the signature, then judges the content.
 */
export default async function providerCallbackRoute(app: FastifyInstance, options: ProviderCallbackOptions) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, keepJsonBytes);

  app.post<{ Body: Buffer | undefined }>(
    '/api/payments/callback',
    {
      config: { access: 'public', rateLimit: { max: options.perMinute } },
      // Judging the shape before the signature would answer strangers first, and refuse before it is
      // recorded what a well-signed provider sent.
      validatorCompiler: () => () => true,
      schema: {
        tags: ['payments'],
        summary: "The payment provider's webhook, authenticated by its signature over the raw body",
        headers: WebhookHeaders,
        body: WebhookBody,
        response: { 200: WebhookAnswer, ...errorAnswers({ access: 'public', body: true }, 401, 404, 409) },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('MALFORMED_JSON', 'the webhook has no body');
      const answer = await app.upstream<paymentV1.HandleProviderCallbackResponse__Output>(
        'payment',
        'handleProviderCallback',
        { rawBody: request.body, signature: request.headers['x-signature'] ?? '', provider: '' },
        request,
      );
      return { received: true, duplicate: answer.duplicate };
    },
  );
}
