// Every request a sale's buyers send, by type: answers by outcome, latencies, and per-second
// buckets for the chart. Only our system's requests count toward the targets; the provider's
// checkout page (the buyer paying) is recorded as its own type.
import { percentile } from '../http.mjs';

export function recorder() {
  const started = performance.now();
  /** type → { latencies: number[], outcomes: { [outcome]: count } } */
  const byType = new Map();
  /** second since start → { outcomes: {class: count}, latencies: number[] } */
  const seconds = [];
  let fiveHundreds = 0;
  let answered = 0;
  /** When each 5xx or unanswered request came back (ms since start): the drill's per-fault counts. */
  const failures = [];
  /** Requests answered only after a retry: by type, whether the final answer was a success. */
  const retries = {};
  return {
    now: () => performance.now() - started,
    failuresBetween: (from, to) => failures.filter((t) => t >= from && t <= to).length,
    retried(type, succeeded) {
      const entry = (retries[type] ??= { succeeded: 0, refused: 0 });
      entry[succeeded ? 'succeeded' : 'refused']++;
    },
    /** `outcome`: 'ok', a problem code, 'http 5xx' or 'network' (no answer). */
    record(type, latencyMs, status, outcome) {
      let entry = byType.get(type);
      const now = performance.now() - started;
      if (!entry) byType.set(type, (entry = { latencies: [], outcomes: {}, first: now, last: now }));
      entry.latencies.push(latencyMs);
      entry.last = now;
      entry.outcomes[outcome] = (entry.outcomes[outcome] ?? 0) + 1;
      if (type === 'provider') return;
      answered++;
      if (status >= 500 || status === 0) {
        fiveHundreds++;
        failures.push(now);
      }
      const second = Math.floor(now / 1000);
      while (seconds.length <= second) seconds.push({ ok: 0, refused: 0, failed: 0, latencies: [] });
      const bucket = seconds[second];
      bucket[status >= 500 || status === 0 ? 'failed' : status >= 400 ? 'refused' : 'ok']++;
      bucket.latencies.push(latencyMs);
    },
    summary() {
      const types = {};
      for (const [type, { latencies, outcomes, first, last }] of byType) {
        const sorted = [...latencies].sort((a, b) => a - b);
        types[type] = {
          requests: sorted.length,
          // Answers per second over the span from this type's first answer to its last.
          perSecond: Math.round(sorted.length / Math.max((last - first) / 1000, 1e-3)),
          p50: round(percentile(sorted, 50)),
          p95: round(percentile(sorted, 95)),
          p99: round(percentile(sorted, 99)),
          outcomes,
        };
      }
      const timeline = seconds.map((b, second) => ({
        second,
        ok: b.ok,
        refused: b.refused,
        failed: b.failed,
        p95: round(
          percentile(
            [...b.latencies].sort((x, y) => x - y),
            95,
          ),
        ),
      }));
      return { types, answered, fiveHundreds, share5xx: answered ? fiveHundreds / answered : 0, retries, timeline };
    },
  };
}

const round = (ms) => Math.round(ms * 10) / 10;
