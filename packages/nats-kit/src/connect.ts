import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

export type { NatsConnection } from '@nats-io/transport-node';

/**
 * Connects and proves JetStream is on: a NATS server started without `-js` would accept the
 * connection and then fail every publish, so it is refused here, at boot, with a clear message.
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  let connection: NatsConnection;
  try {
    // noAsyncTraces: without it every request (each JetStream publish is one) builds two Error objects
    // with stack traces up front, only for a nicer stack if it fails; the relay publishes one per event.
    connection = await connect({ servers: url, name, timeout: 5000, maxReconnectAttempts: -1, noAsyncTraces: true });
  } catch (error) {
    throw new Error(`NATS_URL: cannot connect to ${url} (${(error as Error).message})`, { cause: error });
  }
  try {
    await (await jetstreamManager(connection)).getAccountInfo();
  } catch (error) {
    await connection.close();
    throw new Error(
      `NATS_URL: ${url} answers but JetStream is not enabled (start nats-server with -js): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return connection;
}
