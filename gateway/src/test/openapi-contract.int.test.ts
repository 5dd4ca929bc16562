import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { eventsOf } from './event-stream-client';
import { fakeUpstreams } from './fake-upstreams';
import { signingKey, startHarness, type Harness } from './harness';
import { probes, type Probe } from './openapi-probes';
import { TOKENS } from './queue-fixtures';

/**
 * The OpenAPI document at /docs/json against live answers: every status an operation answered is
 * declared for it, with the content type sent and a schema the body satisfies; and every
 * operation of the document is probed, so a new route without probes fails here.
 */
interface Operation {
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const upstreams = fakeUpstreams();

function mismatchesOf(operation: Operation, response: LightMyRequestResponse, ajv: Ajv): string[] {
  const declared = operation.responses[String(response.statusCode)];
  if (!declared) return [`answered ${response.statusCode}, which is not declared`];
  const mediaType = String(response.headers['content-type'] ?? '').split(';')[0]!;
  if (!declared.content) return response.body === '' ? [] : [`answered a ${mediaType} body where none is declared`];
  const content = declared.content[mediaType];
  if (!content) return [`answered ${mediaType}, declared ${Object.keys(declared.content).join(', ')}`];
  // An event stream is a sequence of events, not one JSON document: only its content type is checked
  // here; the data of its events is validated by the test of the waiting-room stream below.
  if (mediaType === 'text/event-stream') return [];
  // An image is not JSON, and a JSON schema says nothing about its pixels: only its content type is
  // checked here; the ticket route tests check that the bytes are the QR code of the ticket's payload.
  if (mediaType.startsWith('image/')) return [];
  const validate = ajv.compile(content.schema);
  return validate(response.json()) ? [] : [`body does not match: ${ajv.errorsText(validate.errors)}`];
}

describe('the OpenAPI document against live answers', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let doc: Document;
  let byOperation: Record<string, Probe[]>;
  let user: string;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

  beforeAll(async () => {
    const key = await signingKey();
    harness = await startHarness(upstreams.methods, key);
    app = harness.app;
    doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    user = await key.sign({ sub: 'buyer-1' });
    byOperation = probes({ user, admin: await key.sign({ roles: ['ADMIN'] }) });
  });
  afterAll(() => harness.close());

  it('when the document is read, then every operation in it has probes, and every probe names an operation', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.filter((operation) => !byOperation[operation]?.length)).toEqual([]);
    expect(Object.keys(byOperation).filter((operation) => !operations.includes(operation))).toEqual([]);
  });

  it('when every operation is called, then each answer is declared: status, content type and body schema', async () => {
    const mismatches: string[] = [];
    for (const [operation, list] of Object.entries(byOperation)) {
      const [method, path] = operation.split(' ') as [string, string];
      const declared = doc.paths[path]?.[method.toLowerCase()];
      if (!declared) continue;
      for (const probe of list) {
        upstreams.reset();
        upstreams.catalog.failWith = probe.failWith ?? null;
        const response = await app.inject(probe.request);
        const where = `${probe.request.method} ${probe.request.url}`;
        if (response.statusCode !== probe.status)
          mismatches.push(`${where}: expected ${probe.status}, got ${response.statusCode} ${response.body}`);
        mismatches.push(...mismatchesOf(declared, response, ajv).map((m) => `${where} (${operation}): ${m}`));
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("when the waiting-room stream answers, then each event's data is valid by the status schema", async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/queue/stream?token=${TOKENS.waiting}`,
      headers: { authorization: `Bearer ${user}` },
    });
    const validate = ajv.compile(
      doc.paths['/api/queue/status']!.get!.responses['200']!.content!['application/json']!.schema,
    );
    const { events } = eventsOf(response.body);
    expect(events.length).toBeGreaterThan(1);
    expect(events.filter((event) => !validate(event.data))).toEqual([]);
  });

  it('when the QR operation is read, then it declares both image types it may answer', () => {
    const ok = doc.paths['/api/me/tickets/{ticketId}/qr']!.get!.responses['200']!;
    expect(Object.keys(ok.content ?? {}).sort()).toEqual(['image/png', 'image/svg+xml']);
  });

  it('when the webhook operation is read, then it declares the X-Signature header and the JSON body', () => {
    const operation = doc.paths['/api/payments/callback']!.post as unknown as {
      parameters: Array<{ in: string; name: string; required: boolean }>;
      requestBody: { content: Record<string, { schema: { properties: object } }> };
    };
    expect(operation.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'x-signature' }));
    expect(Object.keys(operation.requestBody.content['application/json']!.schema.properties)).toEqual(
      expect.arrayContaining(['pgPaymentId', 'status', 'amount', 'currency']),
    );
  });

  it('when the hold operation is read, then Idempotency-Key is a required header with its format, quantity 1 to 4', () => {
    const operation = doc.paths['/api/reservations/hold']!.post as unknown as {
      parameters: Array<{ in: string; name: string; required: boolean; schema: { pattern: string } }>;
      requestBody: { content: { 'application/json': { schema: { anyOf: Array<{ properties: any }> } } } };
    };
    const header = operation.parameters.find((p) => p.in === 'header' && p.name === 'idempotency-key');
    expect(header).toMatchObject({ required: true, schema: { pattern: '^[A-Za-z0-9_\\-:.]{1,100}$' } });
    const [byQuantity, bySeats] = operation.requestBody.content['application/json'].schema.anyOf;
    expect(byQuantity!.properties.quantity).toMatchObject({
      minimum: 1,
      maximum: 4,
      'x-invalid-code': 'INVALID_QUANTITY',
    });
    expect(bySeats!.properties.seatIds).toMatchObject({ minItems: 1, maxItems: 4 });
  });
});
