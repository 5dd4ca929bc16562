import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { createLogger } from './index';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  it('when a line is written, then it is JSON with service, level label and ISO time', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'catalog' }, stream).info({ action: 'boot' }, 'started');
    expect(lines[0]).toMatchObject({ service: 'catalog', level: 'info', action: 'boot', msg: 'started' });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it('when a payload carries a password or tokens, then they are redacted', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'auth' }, stream).info({ body: { password: 'Secret123', accessToken: 'abc' } });
    expect(lines[0]!.body).toEqual({ password: '[redacted]', accessToken: '[redacted]' });
  });

  it('when the level is warn, then info lines are dropped', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'x', level: 'warn' }, stream);
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
  });

  it('when a line is written inside a span, then it carries that trace id and span id', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'reservation' }, stream);
    const span = new BasicTracerProvider().getTracer('test').startSpan('hold');
    context.with(trace.setSpan(context.active(), span), () => logger.info('inside'));
    logger.info('outside');
    const { traceId, spanId } = span.spanContext();
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines[0]).toMatchObject({ traceId, spanId, msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('traceId');
  });

  it('when a payload carries a secret, a signature or card data, then they are redacted', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'payment' }, stream).info({
      secret: 's3cret',
      webhook: { signature: 'sig' },
      card: { number: '4242424242424242' },
      token: 't',
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/s3cret|sig"|4242|"t"/);
  });
});
