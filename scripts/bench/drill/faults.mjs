// The drill's faults: SIGKILL one process at a random moment of the sale, leave it down a moment
// (as an orchestrator would before restarting it), restart it, and record what the buyers saw.
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../lib.mjs';
import { seededRandom } from '../sale/buyer.mjs';
import { sleep } from '../sale/client.mjs';

const require = createRequire(import.meta.url);
const { jetstreamManager } = require('@nats-io/jetstream');
const { connect } = require('@nats-io/transport-node');
const { streamFor } = require(path.join(ROOT, 'packages', 'nats-kit'));

/** What the issue asks for: reservation twice, payment, queue, the gateway and NATS once each. */
export const FAULTS = ['reservation', 'payment', 'queue', 'reservation', 'gateway', 'nats'];

/** Runs every fault, one after another, in an order and at moments drawn from `seed`. */
export async function runFaults({ sale, system, nats, seed, natsUrl }) {
  const random = seededRandom(seed * 7919);
  const order = [...FAULTS].sort(() => random() - 0.5);
  const recorder = sale.recorder;
  const reports = [];
  for (const target of order) {
    await sleep(2000 + random() * 4000);
    const redeliveredBefore = await redelivered(natsUrl, system);
    const killedAt = recorder.now();
    const report = { target, atSecond: killedAt / 1000, recovered: false };
    try {
      if (target === 'nats') await nats.kill();
      else await system.kill(target);
      const downMs = Math.round(1000 + random() * 2000);
      await sleep(downMs);
      report.downMs = downMs;
      if (target === 'nats') await nats.restart();
      else await system.restart(target, { readyTimeoutMs: 60_000 });
      report.recoverMs = Math.round(recorder.now() - killedAt);
      report.gatewayReadyMs = await untilGatewayReady(system.gatewayUrl, killedAt, recorder);
      report.recovered = report.gatewayReadyMs !== null;
    } catch (error) {
      report.error = error.message;
    }
    // Requests answered 5xx or not at all from the kill until a second after the system was ready.
    report.failedRequests = recorder.failuresBetween(killedAt, recorder.now() + 1000);
    await sleep(2000);
    report.redelivered = (await redelivered(natsUrl, system)) - redeliveredBefore;
    reports.push(report);
  }
  return reports;
}

async function untilGatewayReady(gatewayUrl, killedAt, recorder) {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const ready = await fetch(`${gatewayUrl}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return Math.round(recorder.now() - killedAt);
    await sleep(100);
  }
  return null;
}

/** Deliveries JetStream has made more than once, over every durable consumer of the run's stream. */
async function redelivered(natsUrl, system) {
  const prefix = system.prefix;
  try {
    const nc = await connect({ servers: natsUrl, reconnect: false, timeout: 2000 });
    try {
      const jsm = await jetstreamManager(nc);
      let total = 0;
      for await (const info of jsm.consumers.list(streamFor(prefix).name)) total += info.num_redelivered;
      return total;
    } finally {
      await nc.close();
    }
  } catch {
    return 0; // NATS is the process being killed
  }
}

/** Duplicates the consumers skipped (their inbox already had the event), from the run's log lines. */
export function countDeduplicated(logDir, since) {
  const counts = {};
  for (const service of ['catalog', 'reservation', 'payment']) {
    const file = path.join(logDir, `${service}.log`);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.includes('duplicate events skipped')) continue;
      const entry = JSON.parse(line);
      if (new Date(entry.time) >= since) counts[service] = (counts[service] ?? 0) + (entry.skipped ?? 1);
    }
  }
  return counts;
}
