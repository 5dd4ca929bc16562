import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { TEST_NATS_URL, uniqueName } from '@ticketing/testing';
import { connectNats, ensureStream, type NatsConnection } from './index';

describe('nats-kit against the real NATS server', () => {
  let nc: NatsConnection;
  const stream = uniqueName('natskit').toUpperCase();
  const subject = `${stream.toLowerCase()}.events.>`;

  beforeAll(async () => {
    nc = await connectNats(TEST_NATS_URL, 'nats-kit-test');
  });
  afterAll(async () => {
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  it('when the stream is ensured twice, also in parallel, then it exists once with its subjects', async () => {
    await Promise.all([
      ensureStream(nc, { name: stream, subjects: [subject] }),
      ensureStream(nc, { name: stream, subjects: [subject] }),
    ]);
    await ensureStream(nc, { name: stream, subjects: [subject] });
    const info = await (await jetstreamManager(nc)).streams.info(stream);
    expect(info.config.subjects).toEqual([subject]);
  });

  it('when the same message id is published twice, then the stream keeps one message', async () => {
    await ensureStream(nc, { name: stream, subjects: [subject] });
    const js = jetstream(nc);
    const subj = subject.replace('>', 'dup');
    const first = await js.publish(subj, 'a', { msgID: 'outbox-1' });
    const second = await js.publish(subj, 'a', { msgID: 'outbox-1' });
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
  });

  it('when nothing listens at the URL, then the error names NATS_URL', async () => {
    await expect(connectNats('nats://127.0.0.1:1', 'x')).rejects.toThrow(/^NATS_URL: cannot connect/);
  });
});
