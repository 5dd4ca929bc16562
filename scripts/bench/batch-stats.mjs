// How the reservation service grouped the run's holds: each batch is one transaction, and its
// audit rows share that transaction's start time (created_at defaults to now()). Read from the
// run's own reservation database after the firing phase.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

export async function batchStats({ postgresUrl, database, sessionId, trace = false }) {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select extract(epoch from created_at) * 1000 as at_ms, count(*)::int as size
       from audit_log where meta->>'sessionId' = $1 and action like 'hold.%'
       group by created_at order by created_at`,
      [sessionId],
    );
    if (rows.length === 0) return null;
    // gap since the previous batch started : batch size
    if (trace)
      console.log(
        rows.map((r, i) => `${i ? (Number(r.at_ms) - Number(rows[i - 1].at_ms)).toFixed(0) : 0}ms:${r.size}`).join(' '),
      );
    const sizes = rows.map((r) => r.size).sort((a, b) => a - b);
    const gaps = rows
      .slice(1)
      .map((r, i) => Number(r.at_ms) - Number(rows[i].at_ms))
      .sort((a, b) => a - b);
    const mid = (list) => list[Math.floor(list.length / 2)] ?? 0;
    return {
      batches: rows.length,
      meanSize: +(sizes.reduce((a, b) => a + b, 0) / rows.length).toFixed(1),
      medianSize: mid(sizes),
      largest: sizes.at(-1),
      medianMsBetweenStarts: +mid(gaps).toFixed(1),
    };
  } finally {
    await client.end();
  }
}
