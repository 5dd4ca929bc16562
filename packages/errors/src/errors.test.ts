import { Metadata, status } from '@grpc/grpc-js';
import { AppError, ERROR_TABLE, fromGrpcError, toGrpcError, toProblem } from './index';

describe('error model', () => {
  it('when an AppError crosses gRPC and back, then code, message and details survive', () => {
    const original = new AppError('INSUFFICIENT_STOCK', 'only 2 left', { remaining: 2 });
    const wire = toGrpcError(original);
    expect(wire.code).toBe(status.FAILED_PRECONDITION);
    const back = fromGrpcError(wire);
    expect(back.code).toBe('INSUFFICIENT_STOCK');
    expect(back.message).toBe('only 2 left');
    expect(back.details).toEqual({ remaining: 2 });
  });

  it('when an unexpected error is thrown, then the wire carries INTERNAL and not its message', () => {
    const wire = toGrpcError(new Error('password=hunter2 at db.ts:12'));
    expect(wire.code).toBe(status.INTERNAL);
    expect(wire.details).not.toContain('hunter2');
    expect(fromGrpcError(wire).code).toBe('INTERNAL');
  });

  it('when a transport error has no code header, then it maps by gRPC status without leaking text', () => {
    const deadline = fromGrpcError({
      code: status.DEADLINE_EXCEEDED,
      details: 'Deadline exceeded after 2.001s',
      metadata: new Metadata(),
    });
    expect(deadline.code).toBe('UPSTREAM_TIMEOUT');
    expect(deadline.message).toBe(ERROR_TABLE.UPSTREAM_TIMEOUT.title);
    expect(fromGrpcError({ code: status.UNAVAILABLE, metadata: new Metadata() }).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('when the details header is not JSON, then details are empty rather than a crash', () => {
    const metadata = new Metadata();
    metadata.set('x-error-code', 'SOLD_OUT');
    metadata.set('x-error-details', '{nope');
    expect(fromGrpcError({ code: status.FAILED_PRECONDITION, metadata }).details).toEqual({});
  });

  it('when rendered as a problem, then it has RFC 9457 fields, the code and the trace id', () => {
    const problem = toProblem(
      new AppError('PER_USER_LIMIT_EXCEEDED', 'you may hold 1 more', { remainingAllowance: 1 }),
      {
        traceId: 'abc',
      },
    );
    expect(problem).toMatchObject({
      status: 409,
      code: 'PER_USER_LIMIT_EXCEEDED',
      title: 'Per-user ticket limit exceeded',
      detail: 'you may hold 1 more',
      remainingAllowance: 1,
      traceId: 'abc',
    });
    expect(problem.type).toMatch(/^https:\/\//);
  });

  it('when a 5xx is rendered, then the detail is the generic title', () => {
    expect(toProblem(new Error('stack at x')).detail).toBe('Internal error');
    expect(toProblem(new Error('stack at x')).status).toBe(500);
  });

  it('when details try to overwrite the standard fields, then the standard fields win', () => {
    const problem = toProblem(new AppError('NOT_FOUND', 'no such event', { status: 200, code: 'OK' }));
    expect(problem.status).toBe(404);
    expect(problem.code).toBe('NOT_FOUND');
  });

  it('every code maps to an HTTP status in the spec range', () => {
    for (const spec of Object.values(ERROR_TABLE)) {
      expect([400, 401, 403, 404, 409, 413, 415, 429, 500, 501, 503, 504]).toContain(spec.http);
    }
  });
});
