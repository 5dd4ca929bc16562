import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@ticketing/logger';
import { signWebhook } from '@ticketing/webhook-signature';
import type { DeliveryPlan } from '../domain/delivery-plan';
import type { WebhookBody } from '../domain/sandbox-payment';
import { postWebhook } from './post-webhook';
import { backoffDelay, shouldRetry } from './retry-policy';

export interface WebhookSenderSettings {
  url: string;
  secret: string;
  maxAttempts: number;
  backoffMs: number;
  timeoutMs: number;
  logger: Logger;
  /** Milliseconds since the epoch; each attempt is signed with the time it is sent. */
  now: () => number;
}

export interface WebhookSender {
  /** Starts delivering in the background; the caller's answer does not wait for the receiver. */
  deliver(plan: DeliveryPlan): void;
  /** Cancels every wait and request still in flight, then resolves once all of them have let go. */
  stop(): Promise<void>;
}

type CopyResult = 'DELIVERED' | 'REFUSED' | 'GAVE_UP' | 'CANCELLED';

export function createWebhookSender(settings: WebhookSenderSettings): WebhookSender {
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const { logger } = settings;

  async function deliverCopy(body: WebhookBody, copy: number): Promise<CopyResult> {
    // The same bytes every time; only the signature's timestamp is fresh, so a late retry is no replay.
    const raw = JSON.stringify(body);
    const context = { pgPaymentId: body.pgPaymentId, status: body.status, copy };
    for (let attempt = 1; ; attempt += 1) {
      const signature = signWebhook(settings.secret, raw, Math.floor(settings.now() / 1000));
      const answer = await postWebhook(settings.url, raw, signature, settings.timeoutMs, stopping.signal);
      if (stopping.signal.aborted) return 'CANCELLED';
      if ('status' in answer && answer.status >= 200 && answer.status < 300) {
        logger.info({ ...context, attempt }, 'webhook delivered');
        return 'DELIVERED';
      }
      const failure = 'status' in answer ? { httpStatus: answer.status } : { error: answer.error };
      if ('status' in answer && !shouldRetry(answer.status)) {
        logger.warn({ ...context, attempt, ...failure }, 'webhook refused by the receiver: not retried');
        return 'REFUSED';
      }
      if (attempt >= settings.maxAttempts) {
        logger.error({ ...context, attempt, ...failure }, 'webhook not delivered: out of attempts');
        return 'GAVE_UP';
      }
      const waitMs = backoffDelay(settings.backoffMs, attempt);
      logger.warn({ ...context, attempt, ...failure, retryInMs: waitMs }, 'webhook attempt failed');
      if (!(await pause(waitMs))) return 'CANCELLED';
    }
  }

  /** False when stop() cut the wait short. */
  async function pause(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: stopping.signal });
      return true;
    } catch {
      return false;
    }
  }

  async function run(plan: DeliveryPlan): Promise<void> {
    if (plan.delayMs > 0 && !(await pause(plan.delayMs))) return;
    for (const step of plan.steps) {
      const copies = Array.from({ length: step.copies }, (_, index) => deliverCopy(step.body, index + 1));
      const results = await Promise.all(copies);
      if (results.includes('CANCELLED')) return;
    }
  }

  return {
    deliver(plan) {
      if (stopping.signal.aborted) {
        logger.warn({ steps: plan.steps.length }, 'webhook sender stopped: delivery dropped');
        return;
      }
      const running = run(plan).catch((err: unknown) => logger.error({ err }, 'webhook delivery crashed'));
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
    },
    async stop() {
      stopping.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
