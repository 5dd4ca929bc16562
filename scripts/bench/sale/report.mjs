// What a sale printed and wrote: the figures on the terminal, a JSON result and an SVG chart in
// bench/results/, and the one-line summary that ends the output.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../lib.mjs';
import { saleChart } from './chart.mjs';

/** Buyers who reached a hold and meant to pay: the share that ended with tickets. */
export function issueToPayment(buyers) {
  const meantToPay = buyers.filter((b) => b.intent === 'pay');
  const paid = meantToPay.filter((b) => b.end === 'tickets');
  return meantToPay.length === 0 ? 1 : paid.length / meantToPay.length;
}

export function writeSaleResults(kind, flags, result) {
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = path.join(dir, `${kind}-${stamp}.json`);
  const svg = path.join(dir, `${kind}-${stamp}.svg`);
  // The live objects (the sale's client, the recorder) stay out of the file; the buyers are summed up.
  const { buyers } = result;
  const rest = { ...result };
  for (const live of ['buyers', 'sale', 'recorder']) delete rest[live];
  const ends = {};
  for (const buyer of buyers) ends[buyer.end] = (ends[buyer.end] ?? 0) + 1;
  writeFileSync(
    json,
    `${JSON.stringify({ kind, flags, machine: machine(), ...rest, buyerEnds: ends, issueToPayment: issueToPayment(buyers) }, null, 2)}\n`,
  );
  writeFileSync(
    svg,
    saleChart(result.requests.timeline, `${kind}: ${flags.users} buyers, ${flags.tickets} tickets (${stamp})`),
  );
  return [path.relative(process.cwd(), json), path.relative(process.cwd(), svg)];
}

/** Prints the figures; returns the last line. */
export function printSale(flags, result) {
  const { requests, check, counts, seconds, buyers } = result;
  const types = requests.types;
  const enter = types.enter;
  console.log(`buyers: ${JSON.stringify(counts)}`);
  const ends = {};
  for (const buyer of buyers) ends[buyer.end] = (ends[buyer.end] ?? 0) + 1;
  console.log(`how each buyer's sale ended: ${JSON.stringify(ends)}`);
  console.log(`entries/s: ${enter?.perSecond ?? 0} (${enter?.requests ?? 0} entries)`);
  console.log(`T0 to sold out: ${seconds.toSoldOut === null ? 'never sold out' : `${seconds.toSoldOut.toFixed(1)} s`}`);
  if (types.hold)
    console.log(`holds/s: ${types.hold.perSecond} answered, by outcome ${JSON.stringify(types.hold.outcomes)}`);
  for (const [type, t] of Object.entries(types))
    console.log(
      `  ${type.padEnd(12)} ${String(t.requests).padStart(7)} requests  p50 ${t.p50} ms  p95 ${t.p95} ms  p99 ${t.p99} ms  ${JSON.stringify(t.outcomes)}`,
    );
  const sold = check.paymentsByStatus.SUCCEEDED ?? 0;
  console.log(
    `payments: ${JSON.stringify(check.paymentsByStatus)}; ${types.checkout?.perSecond ?? 0} checkouts/s; holds ${JSON.stringify(check.holdsByStatus)}`,
  );
  console.log(
    `settled: ${result.settled.ok ? `yes, ${result.settled.seconds.toFixed(1)} s after the last buyer` : `NO: ${JSON.stringify(result.settled.last)}`}`,
  );
  console.log(`stock: ${JSON.stringify(check.stock)}; payments succeeded ${sold}`);
  const { 'load generator': generator, ...system } = result.cpuPerRequest;
  const systemSum = Object.values(system).reduce((a, b) => a + b, 0);
  // A process killed and restarted has a new pid: its CPU can no longer be read as one figure.
  if ((result.faults ?? []).length === 0)
    console.log(
      `CPU ms per request, T0 to the last buyer: ${JSON.stringify(system)} (system sum ${systemSum.toFixed(2)}); load generator ${generator} (not in the sum)`,
    );
  if (check.breaches.length > 0) {
    console.log(`INVARIANT BREACHES (${check.breaches.length}):`);
    for (const breach of check.breaches) console.log(`  - ${breach}`);
  } else console.log('invariants: all hold');
  const oversell = Math.max(0, check.stock.sold + check.stock.held - check.stock.total);
  const paidShare = issueToPayment(buyers);
  return `sale: ${flags.users} users, ${flags.tickets} tickets, sold ${check.stock.sold}, oversell ${oversell}, lost events ${check.lostEvents}, p95 hold ${Math.round(types.hold?.p95 ?? 0)} ms, 5xx ${(requests.share5xx * 100).toFixed(2)}%, paid ${(paidShare * 100).toFixed(1)}%`;
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}
