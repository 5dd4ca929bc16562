import { createQueueTokens } from '@ticketing/queue-tokens';
import { startTestQueue, type TestQueue } from './harness';

/** A queue token is the user's own: the status says where its place stands only to its owner. */
describe('QueueServiceTest: who may read a status', () => {
  let queue: TestQueue;
  let sessionId: string;
  let token: string;

  beforeAll(async () => {
    queue = await startTestQueue('queue_status_access', { ADMISSION_TICK_MS: '3600000' });
    sessionId = await queue.openSession();
    token = (await queue.enter(sessionId, 'owner')).queueToken;
  });
  afterAll(() => queue.close());

  it('when the owner asks, then the status comes back with the same token', async () => {
    await expect(queue.status(token, 'owner')).resolves.toMatchObject({
      queueToken: token,
      place: 1,
      state: 'WAITING',
    });
  });

  it('when another user presents the token, then it is FORBIDDEN and tells nothing of the place', async () => {
    const error = await queue.status(token, 'thief').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'TOKEN_FOREIGN' } });
    await expect(queue.watch(token, 'thief')[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('when the token is forged, altered or not a token, then it is NOT_FOUND', async () => {
    const forged = createQueueTokens('another-secret-that-is-also-32-characters-long').sign({
      sessionId,
      userId: 'owner',
      place: 1,
      issuedAt: Date.now(),
      nonce: 'guessed',
    });
    const [version, payload, signature] = token.split('.');
    const altered = `${version}.${payload!.slice(0, -2)}AA.${signature}`;
    for (const bad of [forged, altered, 'not-a-token']) {
      await expect(queue.status(bad, 'owner')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { reason: 'TOKEN_UNKNOWN' },
      });
    }
    await expect(queue.status('', 'owner')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('when the access token is not valid, then it is TOKEN_INVALID', async () => {
    await expect(queue.status(token, '')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
