// The raw PostgreSQL ceiling for a benchmark's simplest transaction, from plain `pg` clients with
// nothing in between, in a throwaway database. Each benchmark passes its own workload
// ({ schema, seed(client) -> context, transaction(client, context, worker) }), e.g.
// pg-callback-baseline.mjs; bench:hold measures its baseline with pgbench (pgbench-baseline.mjs).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

async function admin(baseUrl, sql) {
  const url = new URL(baseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function prepare(url, schema) {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(schema);
  await client.end();
}

async function maxConnections(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    "select current_setting('max_connections')::int as n, (select count(*) from pg_stat_activity)::int as used",
  );
  await client.end();
  return { max: rows[0].n, usable: Math.max(1, rows[0].n - rows[0].used - 10) };
}

async function runClients(url, workload, context, clients, durationMs) {
  const deadline = Date.now() + durationMs;
  let committed = 0;
  const worker = async (index) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      while (Date.now() < deadline) {
        await workload.transaction(client, context, index);
        committed++;
      }
    } finally {
      await client.end();
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => worker(i)));
  return committed / ((Date.now() - started) / 1000);
}

/**
 * Creates a database of its own for one baseline, with `schema` in it, runs `measure(url)` against it
 * and drops it afterwards, whatever happened: a baseline must neither see nor leave other data.
 */
export async function withScratchDatabase(postgresUrl, schema, measure) {
  const name = `bench_baseline_${Date.now().toString(36)}`;
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  await admin(postgresUrl, `create database ${name}`);
  try {
    await prepare(url.toString(), schema);
    return await measure(url.toString());
  } finally {
    await admin(postgresUrl, `drop database if exists ${name} with (force)`);
  }
}

/** Runs the workload's transaction at each client count; returns every rate and the best. */
export async function measureBaseline({
  postgresUrl,
  workload,
  clientCounts = [8, 32, 64, 200],
  durationMs = 5000,
  log = console.log,
}) {
  if (!workload) throw new Error("measureBaseline: pass the benchmark's workload");
  return withScratchDatabase(postgresUrl, workload.schema, async (url) => {
    const rates = {};
    const limit = await maxConnections(url);
    for (const wanted of clientCounts) {
      // PostgreSQL refuses connections past max_connections; measure at the most it allows.
      const clients = Math.min(wanted, limit.usable);
      if (clients !== wanted)
        log(`baseline: ${wanted} clients exceed what max_connections=${limit.max} leaves free; measuring ${clients}`);
      const seed = new Client({ connectionString: url });
      await seed.connect();
      const context = await workload.seed(seed);
      await seed.end();
      rates[clients] = Math.round(await runClients(url, workload, context, clients, durationMs));
      log(`baseline: ${clients} clients -> ${rates[clients]} txn/s`);
    }
    return { rates, best: Math.max(...Object.values(rates)) };
  });
}
