// PostgreSQL's own ceiling for a hold on one hot stock row, measured with pgbench, PostgreSQL's
// benchmark client, in a throwaway database: no Node client, pool or protocol of ours in the way,
// so bench:hold's ratio compares the system with what PostgreSQL itself reaches on this machine.
// scripts/infra.sh installs pgbench (Debian ships it with the server). Standalone: node <this file>.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { withScratchDatabase } from './pg-baseline.mjs';

const execFileAsync = promisify(execFile);

// The row starts with more tickets than any run can take, so the check never refuses and every
// transaction is a hold.
const SCHEMA = `
  create table stock (id int primary key, available int not null check (available >= 0));
  create table holds (id bigserial primary key, stock_id int not null, user_id bigint not null,
    created_at timestamptz default now());
  insert into stock values (1, 2000000000);`;

// The naive design's transaction per request: take a ticket from the hot row, record who holds it.
const HOLD_TRANSACTION = String.raw`\set uid random(1, 1000000000)
BEGIN;
UPDATE stock SET available = available - 1 WHERE id = 1 AND available >= 1;
INSERT INTO holds(stock_id, user_id) VALUES (1, :uid);
COMMIT;
`;

// The load generator's threads: one per core of the 2-core machine the benchmarks are sized for.
const THREADS = 2;

/** pgbench's connection flags and environment from a postgres:// URL (libpq reads the password from PGPASSWORD). */
function connectionOf(postgresUrl) {
  const url = new URL(postgresUrl);
  const args = [];
  if (url.hostname) args.push('-h', url.hostname.replace(/^\[(.*)\]$/, '$1'));
  if (url.port) args.push('-p', url.port);
  if (url.username) args.push('-U', decodeURIComponent(url.username));
  const env = url.password ? { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } : process.env;
  return { args, env, database: decodeURIComponent(url.pathname.slice(1)) };
}

// pgbench 14 and later print one rate, "without initial connection time"; older ones print two,
// "including" and "excluding connections establishing". Connecting is not part of a hold.
function tpsOf(output) {
  const lines = output.split('\n').filter((line) => line.startsWith('tps = '));
  const line = lines.find((l) => /without initial connection time|excluding connections/.test(l)) ?? lines[0];
  if (!line) throw new Error(`pgbench printed no "tps = " line:\n${output}`);
  return Number(/^tps = ([\d.]+)/.exec(line)[1]);
}

async function runPgbench(url, clients, seconds) {
  const { args, env, database } = connectionOf(url);
  // -n: no vacuum first (pgbench would look for its own pgbench_* tables); -f -: the script from stdin.
  const flags = ['-n', '-c', clients, '-j', Math.min(THREADS, clients), '-T', seconds, '-f', '-'].map(String);
  const run = execFileAsync('pgbench', [...args, ...flags, database], { env });
  // If pgbench stops before reading the script, its exit status and stderr say why, not the pipe.
  run.child.stdin.on('error', () => {});
  run.child.stdin.end(HOLD_TRANSACTION);
  try {
    return tpsOf((await run).stdout);
  } catch (error) {
    if (error.code === 'ENOENT')
      throw new Error('pgbench not found: run `sudo bash scripts/infra.sh` (it installs it), or pass --skip-baseline', {
        cause: error,
      });
    throw new Error(`pgbench -c ${clients} failed: ${error.stderr?.trim() || error.message}`, { cause: error });
  }
}

/** Runs the hold transaction at each client count, `seconds` each; returns every rate (txn/s) and the best. */
export async function measurePgbenchBaseline({
  postgresUrl,
  clientCounts = [8, 16, 32],
  seconds = 5,
  log = console.log,
}) {
  // pgbench counts its duration (-T) in whole seconds.
  const wholeSeconds = Math.max(1, Math.round(seconds));
  return withScratchDatabase(postgresUrl, SCHEMA, async (url) => {
    const rates = {};
    for (const clients of clientCounts) {
      rates[clients] = Math.round(await runPgbench(url, clients, wholeSeconds));
      log(`baseline (pgbench): ${clients} clients -> ${rates[clients]} txn/s`);
    }
    return { rates, best: Math.max(...Object.values(rates)) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measurePgbenchBaseline({
    postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  console.log(`baseline best: ${result.best} txn/s`);
}
