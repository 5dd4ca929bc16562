import { jetstreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from './connect';

/** All domain events live in one stream; subjects are `ticketing.<service>.<event>`. */
export const TICKETING_STREAM = { name: 'TICKETING', subjects: ['ticketing.>'] };

/**
 * The stream for a subject prefix. Production uses `ticketing`; each test system uses its own
 * prefix, because two streams may not claim overlapping subjects.
 */
export function streamFor(subjectPrefix: string): StreamSettings {
  if (!/^[A-Za-z0-9_-]+$/.test(subjectPrefix))
    throw new Error(`subject prefix "${subjectPrefix}" must be letters, digits, "_" or "-"`);
  return { name: subjectPrefix.toUpperCase().replace(/-/g, '_'), subjects: [`${subjectPrefix}.>`] };
}

export interface StreamSettings {
  name: string;
  subjects: string[];
  /** How long the server remembers a Nats-Msg-Id to drop a republished event. */
  duplicateWindowMs?: number;
}

/** Creates the stream or updates its subjects; safe to call from every process at boot. */
export async function ensureStream(connection: NatsConnection, settings: StreamSettings): Promise<void> {
  const jsm = await jetstreamManager(connection);
  const config: Partial<StreamConfig> & { name: string } = {
    name: settings.name,
    subjects: settings.subjects,
    duplicate_window: (settings.duplicateWindowMs ?? 2 * 60_000) * 1_000_000,
  };
  try {
    await jsm.streams.info(settings.name);
    await jsm.streams.update(settings.name, config);
  } catch (error) {
    if (!/stream not found/i.test((error as Error).message)) throw error;
    try {
      await jsm.streams.add(config);
    } catch (addError) {
      // Another process created it between our look-up and our add.
      if (!/already in use/i.test((addError as Error).message)) throw addError;
    }
  }
}

/** Deletes a subject prefix's stream (a test system's, when it ends) over a connection of its own. */
export async function deleteStreamOf(natsUrl: string, subjectPrefix: string): Promise<void> {
  const connection = await connectNats(natsUrl, `${subjectPrefix}-cleanup`);
  try {
    await (await jetstreamManager(connection)).streams.delete(streamFor(subjectPrefix).name);
  } finally {
    await connection.close();
  }
}
