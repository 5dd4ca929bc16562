import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '@ticketing/logger';
import { eventually, uniqueName } from '@ticketing/testing';
import {
  enqueueEvents,
  inboxMigration,
  outboxMigration,
  outboxTraceMigration,
  startBatchConsumer,
  startOutboxRelay,
  streamFor,
  type EventEnvelope,
  type NatsConnection,
  type OutboxRelay,
  type RunningConsumer,
} from './index';
import { openTestbed, type Testbed } from './test/testbed';

const logger = createLogger({ service: 'trace-test', level: 'silent' });

// The trace of the change that wrote an event must reach whoever applies it: through the outbox
// row, the relay's publication (W3C headers) and the consumer's span.
describe('trace context through outbox, NATS and consumer on real PostgreSQL and NATS', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('test');
  let bed: Testbed;
  let orm: MikroORM;
  let nc: NatsConnection;
  let prefix: string;
  let relay: OutboxRelay;
  let consumer: RunningConsumer;
  const applied: EventEnvelope[] = [];

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    bed = await openTestbed('trace_propagation', [outboxMigration, outboxTraceMigration, inboxMigration]);
    ({ orm, nc } = bed);
    prefix = await bed.newStream('trace');
    relay = startOutboxRelay({ orm, nats: nc, subjectPrefix: prefix, logger, pollIntervalMs: 50 });
    consumer = await startBatchConsumer({
      nats: nc,
      orm,
      stream: streamFor(prefix).name,
      durable: uniqueName('durable'),
      subjects: [`${prefix}.>`],
      logger,
      handleBatch: async (events) => {
        // The handler runs in the consumer's span: anything it writes or logs continues the trace.
        for (const event of events)
          applied.push({ ...event, payload: { activeTrace: trace.getActiveSpan()?.spanContext().traceId } });
      },
    });
  });
  afterAll(async () => {
    await consumer.stop();
    await relay.stop();
    await bed.close();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('when an event is written inside a span, then the consumer applies it in the same trace', async () => {
    const span = tracer.startSpan('hold');
    await context.with(trace.setSpan(context.active(), span), () =>
      orm.em.fork().transactional((em) => enqueueEvents(em, [{ type: 'reservation.hold.created', payload: {} }])),
    );
    span.end();
    const { traceId } = span.spanContext();
    await eventually(async () => applied.length === 1);
    expect(applied[0]!.traceparent).toContain(traceId);
    expect(applied[0]!.payload).toEqual({ activeTrace: traceId });
    // The consumer's span ends after its transaction commits, a moment after the handler ran.
    const namesInTrace = () =>
      exporter
        .getFinishedSpans()
        .filter((s) => s.spanContext().traceId === traceId)
        .map((s) => s.name);
    const expected = ['hold', `${prefix}.reservation.hold.created publish`, 'reservation.hold.created process'];
    await eventually(async () => expected.every((name) => namesInTrace().includes(name)));
  });

  it('when an event names the trace of an earlier request, then that trace continues instead of the active one', async () => {
    const checkout = tracer.startSpan('checkout');
    const stored = `00-${checkout.spanContext().traceId}-${checkout.spanContext().spanId}-01`;
    checkout.end();
    const webhook = tracer.startSpan('webhook');
    await context.with(trace.setSpan(context.active(), webhook), () =>
      orm.em
        .fork()
        .transactional((em) =>
          enqueueEvents(em, [{ type: 'payment.payment.succeeded', payload: {}, traceparent: stored }]),
        ),
    );
    webhook.end();
    await eventually(async () => applied.length === 2);
    expect(applied[1]!.payload).toEqual({ activeTrace: checkout.spanContext().traceId });
  });
});
