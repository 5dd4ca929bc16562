import type { Client } from '@grpc/grpc-js';
import { trace, type Link, type SpanContext } from '@opentelemetry/api';
import { GroupCommit } from '@ticketing/batching';
import type { reservationV1 } from '@ticketing/contracts';
import { AppError, decodeDetails, isErrorCode } from '@ticketing/errors';
import { bearerMetadata, unaryCall } from '@ticketing/grpc-kit';
import type { ServiceTokenSource } from './service-token';

/** One buyer's hold on its way to the reservation service, with who the gateway verified them to be. */
export interface BatchedHold {
  userId: string;
  roles: string[];
  request: reservationV1.HoldRequest;
  requestId: string;
  /** The buyer's request span: the batch's span links to each, so every hold's trace shows its call. */
  requestSpan?: SpanContext;
}

const tracer = trace.getTracer('@ticketing/gateway');

type ItemAnswer = { ok: true; hold: reservationV1.Hold__Output } | { ok: false; error: AppError };

/** An item's error as the reservation service sent it, back into the AppError a unary call would give. */
function toAppError(error: reservationV1.ItemError__Output | null | undefined): AppError {
  if (!error || !isErrorCode(error.code)) return new AppError('INTERNAL');
  return new AppError(error.code, error.message || undefined, decodeDetails(error.detailsJson));
}

/**
 * Holds go to the reservation service in batches, one lane per session: when no call for the
 * session is in flight a hold leaves at once, alone; holds arriving meanwhile leave together in
 * the next call, in their order of arrival, which is the order the service applies them. The
 * buyers' tokens were verified here; the call carries the gateway's own token, which the service
 * verifies once per call. A call that fails fails each of its holds with its error (503, 504).
 */
export class HoldBatches {
  private readonly commit: GroupCommit<BatchedHold, ItemAnswer>;

  constructor(
    reservation: Client,
    serviceToken: ServiceTokenSource,
    settings: { deadlineMs: number; maxBatch: number },
  ) {
    this.commit = new GroupCommit(
      async (_sessionId, items) => {
        const token = await serviceToken().catch(() => {
          throw new AppError('SERVICE_UNAVAILABLE', 'the gateway could not obtain its service token');
        });
        // The batch runs in the first buyer's context (its trace is the call's parent); the others are linked.
        const links: Link[] = items
          .slice(1)
          .flatMap((item) => (item.requestSpan ? [{ context: item.requestSpan }] : []));
        const response = await tracer.startActiveSpan(
          'hold batch',
          { links, attributes: { 'ticketing.batch.size': items.length } },
          (span) =>
            unaryCall<reservationV1.HoldBatchResponse__Output>(
              reservation,
              'holdBatch',
              { items } satisfies reservationV1.HoldBatchRequest,
              {
                deadlineMs: settings.deadlineMs,
                metadata: bearerMetadata(token, { 'x-request-id': items[0]!.requestId }),
              },
            ).finally(() => span.end()),
        );
        return response.results.map((result): ItemAnswer =>
          result.hold ? { ok: true, hold: result.hold } : { ok: false, error: toAppError(result.error) },
        );
      },
      {
        maxBatch: settings.maxBatch,
        failureFor: (error) => (AppError.is(error) ? error : new AppError('INTERNAL')),
      },
    );
  }

  async hold(item: BatchedHold): Promise<reservationV1.Hold__Output> {
    const requestSpan = trace.getActiveSpan()?.spanContext();
    const answer = await this.commit.submit(item.request.sessionId ?? '', { ...item, requestSpan });
    if (answer.ok) return answer.hold;
    throw answer.error;
  }

  /** Resolves once every hold taken so far is answered. */
  idle(): Promise<void> {
    return this.commit.idle();
  }
}
