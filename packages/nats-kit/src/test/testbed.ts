import { jetstreamManager } from '@nats-io/jetstream';
import type { MigrationObject } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Migration, createOrm, dropDatabase } from '@ticketing/db';
import { TEST_NATS_URL, createTestDatabaseUrl, uniqueName } from '@ticketing/testing';
import { connectNats, ensureStream, streamFor, type NatsConnection } from '../index';

/** A database of its own and a NATS connection for one test file; streams are made per test. */
export interface Testbed {
  url: string;
  orm: MikroORM;
  nc: NatsConnection;
  /** A fresh subject prefix with its stream, so no test reads another's events. */
  newStream(label: string): Promise<string>;
  /** Deletes the streams, closes the connections and drops the database. */
  close(): Promise<void>;
}

export async function openTestbed(label: string, migrations: MigrationObject[]): Promise<Testbed> {
  const url = createTestDatabaseUrl(label);
  const orm = await createOrm({ url, entities: [], migrations });
  const nc = await connectNats(TEST_NATS_URL, `${label}-test`);
  const streams: string[] = [];
  return {
    url,
    orm,
    nc,
    newStream: async (streamLabel) => {
      const prefix = uniqueName(streamLabel);
      streams.push(streamFor(prefix).name);
      await ensureStream(nc, streamFor(prefix));
      return prefix;
    },
    close: async () => {
      const jsm = await jetstreamManager(nc);
      await Promise.all(streams.map((name) => jsm.streams.delete(name).catch(() => undefined)));
      await nc.close();
      await orm.close();
      await dropDatabase(url);
    },
  };
}

class CreateApplied extends Migration {
  async up(): Promise<void> {
    this.addSql('create table applied (consumer text, event_id uuid not null, type text);');
  }
}

/** What the tests' handlers write: one row per event they applied, in the handler's transaction. */
export const appliedTableMigration: MigrationObject = {
  name: 'Migration20260101000000_applied',
  class: CreateApplied,
};
