// The raw PostgreSQL ceiling for a benchmark's simplest transaction, from plain `pg` clients with
// nothing in between, in a throwaway database. The default workload is one hot stock row: the
// single-row hold transaction the naive design would run per request (lock the row, check,
// update, insert the hold, commit), used by bench/hold.mjs. Other benchmarks pass their own
// workload ({ schema, seed(client) -> context, transaction(client, context, worker) }).
import { randomUUID } from 'node:crypto';
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

const HOT_ROW_HOLD = {
  schema: `
    create table stock (session_id uuid primary key, total int not null, available int not null, held int not null,
      check (available >= 0 and held >= 0 and available + held <= total));
    create table hold (id uuid primary key, session_id uuid not null, user_id text not null, quantity int not null,
      created_at timestamptz not null default now());`,
  async seed(client) {
    const sessionId = randomUUID();
    await client.query('insert into stock values ($1, 100000000, 100000000, 0)', [sessionId]);
    return sessionId;
  },
  async transaction(client, sessionId, worker) {
    await client.query('begin');
    const { rows } = await client.query('select available from stock where session_id = $1 for update', [sessionId]);
    if (rows[0].available >= 1) {
      await client.query('update stock set available = available - 1, held = held + 1 where session_id = $1', [
        sessionId,
      ]);
      await client.query('insert into hold (id, session_id, user_id, quantity) values ($1, $2, $3, 1)', [
        randomUUID(),
        sessionId,
        `u${worker}`,
      ]);
    }
    await client.query('commit');
  },
};

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

/** Runs the workload's transaction at each client count; returns every rate and the best. */
export async function measureBaseline({
  postgresUrl,
  workload = HOT_ROW_HOLD,
  clientCounts = [8, 32, 64, 200],
  durationMs = 5000,
  log = console.log,
}) {
  const name = `bench_baseline_${Date.now().toString(36)}`;
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  await admin(postgresUrl, `create database ${name}`);
  try {
    await prepare(url.toString(), workload.schema);
    const rates = {};
    const limit = await maxConnections(url.toString());
    for (const wanted of clientCounts) {
      // PostgreSQL refuses connections past max_connections; measure at the most it allows.
      const clients = Math.min(wanted, limit.usable);
      if (clients !== wanted)
        log(`baseline: ${wanted} clients exceed what max_connections=${limit.max} leaves free; measuring ${clients}`);
      const seed = new Client({ connectionString: url.toString() });
      await seed.connect();
      const context = await workload.seed(seed);
      await seed.end();
      rates[clients] = Math.round(await runClients(url.toString(), workload, context, clients, durationMs));
      log(`baseline: ${clients} clients -> ${rates[clients]} txn/s`);
    }
    return { rates, best: Math.max(...Object.values(rates)) };
  } finally {
    await admin(postgresUrl, `drop database if exists ${name} with (force)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureBaseline({
    postgresUrl: process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  console.log(`baseline best: ${result.best} txn/s`);
}
