import type { Client } from '@grpc/grpc-js';
import { authServiceToken } from './service-token';

/** An auth client whose issueServiceToken answers as told, counting calls (the grpc-js callback form). */
function fakeAuth(answers: Array<{ accessToken: string; expiresIn: number } | Error>) {
  let calls = 0;
  const client = {
    issueServiceToken(
      _request: unknown,
      _metadata: unknown,
      _options: unknown,
      callback: (e: unknown, r?: unknown) => void,
    ) {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls += 1;
      setImmediate(() => (answer instanceof Error ? callback(answer) : callback(null, answer)));
    },
  } as unknown as Client;
  return { client, calls: () => calls };
}

describe('the gateway service token', () => {
  const settings = { serviceName: 'gateway', secret: 'x'.repeat(32), deadlineMs: 1000 };

  it('when several calls need it at once, then one request is made and its token kept until a minute before expiry', async () => {
    let now = 0;
    const auth = fakeAuth([
      { accessToken: 't1', expiresIn: 300 },
      { accessToken: 't2', expiresIn: 300 },
    ]);
    const token = authServiceToken(auth.client, settings, () => now);
    expect(await Promise.all([token(), token(), token()])).toEqual(['t1', 't1', 't1']);
    now = 239_000;
    expect(await token()).toBe('t1');
    now = 240_000;
    expect(await token()).toBe('t2');
    expect(auth.calls()).toBe(2);
  });

  it('when the auth service fails, then the call fails and the next one asks again', async () => {
    const auth = fakeAuth([new Error('unavailable'), { accessToken: 't1', expiresIn: 300 }]);
    const token = authServiceToken(auth.client, settings);
    await expect(token()).rejects.toBeDefined();
    expect(await token()).toBe('t1');
  });
});
