import { get as httpGet } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { eventually } from '@ticketing/testing';
import {
  admitted,
  fakeQueue,
  FULL_SESSION,
  NO_QUEUE_SESSION,
  QUEUE_SESSION,
  restStatus,
  TOKENS,
  waiting,
} from './queue-fixtures';
import { signingKey, startHarness, type Harness } from './harness';
import { eventsOf, openEventStream } from './event-stream-client';

/** The waiting-room routes over a real gRPC server with canned answers: mapping, errors, and the SSE stream. */
const queue = fakeQueue();

describe('gateway waiting-room routes', () => {
  let harness: Harness;
  let app: FastifyInstance;
  let user: string;
  let base: string;

  beforeAll(async () => {
    const key = await signingKey();
    const env = { GRPC_DEADLINE_MS: '300', SSE_HEARTBEAT_MS: '50' };
    harness = await startHarness({ queue: queue.methods }, key, env);
    app = harness.app;
    user = `Bearer ${await key.sign({ sub: 'buyer-1' })}`;
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => harness.close());
  beforeEach(queue.reset);

  const enter = (payload: object) =>
    app.inject({ method: 'POST', url: '/api/queue/token', headers: { authorization: user }, payload });
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: user } });

  it('when a user enters a queued session, then 201 with the token and position = the place in line', async () => {
    const response = await enter({ sessionId: QUEUE_SESSION });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      queueToken: TOKENS.waiting,
      position: 7,
      expiresAt: waiting.expiresAt,
      state: 'WAITING',
      allowed: false,
      estimatedWaitSeconds: 1,
    });
    expect(queue.received.enter).toEqual([{ request: { sessionId: QUEUE_SESSION }, caller: user }]);
  });

  it('when the session has no waiting room, then 409 QUEUE_NOT_ENABLED', async () => {
    const response = await enter({ sessionId: NO_QUEUE_SESSION });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'QUEUE_NOT_ENABLED' });
  });

  it('when the waiting room is full, then 429 QUEUE_FULL with Retry-After from the queue', async () => {
    const response = await enter({ sessionId: FULL_SESSION });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('12');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'QUEUE_FULL', retryAfterSeconds: 12 });
  });

  it('when the session is unknown, then 404', async () => {
    const response = await enter({ sessionId: '00000000-0000-4000-8000-000000000000' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('when the body is not one session id, then 400 and the queue is never asked', async () => {
    for (const body of [{}, { sessionId: 'nope' }, { sessionId: QUEUE_SESSION, userId: 'someone-else' }]) {
      expect((await enter(body)).statusCode).toBe(400);
    }
    expect(queue.callCount()).toBe(0);
  });

  it('when no one is signed in, then entering and the status are 401 and the queue is never asked', async () => {
    const answers = await Promise.all([
      app.inject({ method: 'POST', url: '/api/queue/token', payload: { sessionId: QUEUE_SESSION } }),
      app.inject({ method: 'GET', url: `/api/queue/status?token=${TOKENS.waiting}` }),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401]);
    expect(queue.callCount()).toBe(0);
  });

  it('when the stream is opened without a sign-in (as EventSource must), then the token alone goes to the queue', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/queue/stream?token=${TOKENS.admitted}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(queue.received.watchStatus).toEqual([
      expect.objectContaining({ token: TOKENS.admitted, caller: undefined }),
    ]);
  });

  it('when the owner asks the status, then position = the people still ahead, not the place', async () => {
    const response = await get(`/api/queue/status?token=${TOKENS.waiting}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...restStatus(waiting), position: 3 });
    expect(queue.received.getStatus).toEqual([{ request: { queueToken: TOKENS.waiting }, caller: user }]);
    expect((await get(`/api/queue/status?token=${TOKENS.admitted}`)).json()).toEqual(restStatus(admitted));
  });

  it("when the token is another user's or unknown, then the queue's 403 or 404 comes back", async () => {
    expect((await get(`/api/queue/status?token=${TOKENS.foreign}`)).statusCode).toBe(403);
    expect((await get('/api/queue/status?token=qt1.gone.sig')).statusCode).toBe(404);
  });

  it('when the token is missing, empty or over 512 characters, then 400 and the queue is never asked', async () => {
    for (const route of ['status', 'stream']) {
      for (const query of ['', '?token=', `?token=${'q'.repeat(513)}`]) {
        expect((await get(`/api/queue/${route}${query}`)).statusCode).toBe(400);
      }
    }
    expect(queue.callCount()).toBe(0);
  });

  it('when the stream is opened, then each status is an event (state, id, data); it ends with the queue', async () => {
    const response = await get(`/api/queue/stream?token=${TOKENS.waiting}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.headers['cache-control']).toBe('no-cache, no-transform');
    expect(eventsOf(response.body).events).toEqual([
      { id: '1', event: 'WAITING', data: restStatus(waiting) },
      { id: '2', event: 'WAITING', data: { ...restStatus(waiting), position: 1 } },
      { id: '3', event: 'ADMITTED', data: restStatus(admitted) },
    ]);
    expect(queue.received.watchStatus).toMatchObject([{ token: TOKENS.waiting, caller: user }]);
  });

  it('when the token is refused before the first status, then it is a problem answer, not a stream', async () => {
    for (const [token, status] of [
      [TOKENS.foreign, 403],
      ['qt1.gone.sig', 404],
    ] as const) {
      const response = await get(`/api/queue/stream?token=${token}`);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['x-request-id']).toBeTruthy();
    }
  });

  it('when the queue sends no first status in time, then 504 and the watch is cancelled', async () => {
    const response = await get(`/api/queue/stream?token=${TOKENS.silent}`);
    expect(response.statusCode).toBe(504);
    expect(response.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    await queue.cancelled(queue.received.watchStatus[0]!);
  });

  it('when the queue fails after the first status, then the stream carries that status and ends', async () => {
    const response = await get(`/api/queue/stream?token=${TOKENS.breaking}`);
    expect(response.statusCode).toBe(200);
    expect(eventsOf(response.body).events).toEqual([{ id: '1', event: 'WAITING', data: restStatus(waiting) }]);
  });

  it('when a client holds the stream open, then it gets the first event, heartbeats, the usual headers', async () => {
    const stream = await openEventStream(`${base}/api/queue/stream?token=${TOKENS.open}`, {
      authorization: user,
      origin: 'https://shop.example',
      'x-request-id': 'sse-request-0001',
    });
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers).toMatchObject({
      'content-type': expect.stringMatching(/^text\/event-stream/),
      'x-request-id': 'sse-request-0001',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
      'x-ratelimit-limit': expect.any(String),
    });
    await stream.until((text) => eventsOf(text).comments.length >= 2);
    expect(eventsOf(stream.text()).events).toEqual([{ id: '1', event: 'WAITING', data: restStatus(waiting) }]);
    expect(eventsOf(stream.text()).comments.slice(0, 2)).toEqual(['ping', 'ping']);
    stream.close();
  });

  it('when the client disconnects, then the watch on the queue is cancelled', async () => {
    const stream = await openEventStream(`${base}/api/queue/stream?token=${TOKENS.open}`, { authorization: user });
    await stream.until((text) => eventsOf(text).events.length === 1);
    const watch = queue.received.watchStatus[0]!;
    expect(watch.signal.aborted).toBe(false);
    stream.close();
    await queue.cancelled(watch);
  });

  it('when the client disconnects before the first status, then the watch is cancelled once it comes', async () => {
    const request = httpGet(`${base}/api/queue/stream?token=${TOKENS.late}`, { headers: { authorization: user } });
    request.on('error', () => undefined);
    await eventually(async () => queue.received.watchStatus.length === 1);
    request.destroy();
    await queue.cancelled(queue.received.watchStatus[0]!);
  });
});

describe('the waiting-room stream when a side goes away', () => {
  const watched = fakeQueue();

  it('when the gateway closes with a stream open, then the stream ends and the watch is cancelled', async () => {
    const key = await signingKey();
    const harness = await startHarness({ queue: watched.methods }, key);
    const base = await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const stream = await openEventStream(`${base}/api/queue/stream?token=${TOKENS.open}`, {
      authorization: `Bearer ${await key.sign()}`,
    });
    await stream.until((text) => eventsOf(text).events.length === 1);
    await harness.close();
    await stream.ended;
    await watched.cancelled(watched.received.watchStatus[0]!);
  });

  it('when the queue is down, then the stream route answers 503 problem+json', async () => {
    const key = await signingKey();
    const harness = await startHarness({}, key);
    await harness.servers.get('queue')!.stop(0);
    try {
      const response = await harness.app.inject({
        method: 'GET',
        url: `/api/queue/stream?token=${TOKENS.open}`,
        headers: { authorization: `Bearer ${await key.sign()}` },
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await harness.close();
    }
  });
});
