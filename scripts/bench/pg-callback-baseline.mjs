// The plainest way to apply a payment webhook: per callback, one transaction that moves its own
// payment row from PENDING to SUCCEEDED and writes the event to an outbox, from plain `pg` clients
// (no HTTP, no signature, no gRPC, no batching). bench/callbacks.mjs measures it in the same run.
import { randomUUID } from 'node:crypto';

const ROWS = 200_000;

export const CALLBACK_WORKLOAD = {
  schema: `
    create table payment (id bigint primary key, status text not null, updated_at timestamptz);
    create table outbox (seq bigserial primary key, id uuid not null, type text not null, payload jsonb not null);`,
  async seed(client) {
    await client.query('truncate payment, outbox');
    await client.query(`insert into payment select g, 'PENDING', null from generate_series(1, ${ROWS}) g`);
    // Each transaction takes a payment nobody took before, as distinct webhooks do.
    return { next: 0 };
  },
  async transaction(client, context) {
    const id = (context.next++ % ROWS) + 1;
    await client.query('begin');
    await client.query(
      "update payment set status = 'SUCCEEDED', updated_at = now() where id = $1 and status = 'PENDING'",
      [id],
    );
    await client.query("insert into outbox (id, type, payload) values ($1, 'payment.succeeded', $2)", [
      randomUUID(),
      JSON.stringify({ paymentId: id }),
    ]);
    await client.query('commit');
  },
};
