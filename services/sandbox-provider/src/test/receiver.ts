import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { freePort } from '@ticketing/testing';

export interface ReceivedWebhook {
  rawBody: string;
  body: any;
  signature: string | undefined;
  contentType: string | undefined;
  /** Milliseconds since the epoch when it arrived. */
  at: number;
}

/** The status to answer the n-th webhook (1-based) with; 200 unless told otherwise. */
export type Answer = (n: number, hook: ReceivedWebhook) => number | Promise<number>;

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  answerWith(answer: Answer): void;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A real HTTP server on a free port, standing in for the gateway's callback route. */
export async function startReceiver(initial: Answer = () => 200, port?: number): Promise<Receiver> {
  let answer = initial;
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const rawBody = await readBody(request);
      const hook: ReceivedWebhook = {
        rawBody,
        body: JSON.parse(rawBody),
        signature: request.headers['x-signature'] as string | undefined,
        contentType: request.headers['content-type'],
        at: Date.now(),
      };
      received.push(hook);
      const status = await answer(received.length, hook);
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    })();
  });
  const listenOn = port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(listenOn, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${listenOn}/api/payments/callback`,
    received,
    answerWith: (next) => (answer = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The signature checked here with node:crypto alone, not with the package the provider uses,
 * so a mistake shared by signer and verifier cannot pass. Answers the signed timestamp.
 */
export function verifiedTimestamp(hook: ReceivedWebhook, secret: string): number {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(hook.signature ?? '');
  if (!match) throw new Error(`malformed X-Signature: ${hook.signature}`);
  const [, t, v1] = match as unknown as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${t}.${hook.rawBody}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) throw new Error('X-Signature does not match the body');
  return Number(t);
}
