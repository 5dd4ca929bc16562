import { AppError } from '@ticketing/errors';
import type { MethodSpec } from '@ticketing/grpc-kit';
import { sleep } from '@ticketing/testing';
import { hold, SESSION } from './reservation-fixtures';
import { signingKey, startHarness, type Harness, type SigningKey } from './harness';

const OTHER_SESSION = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

interface Batch {
  users: string[];
  release(): void;
}

/**
 * A reservation service that records each HoldBatch call and holds its answer until released, so
 * a test can keep a call in flight and see what the gateway sends meanwhile. The second buyer of
 * the fake's own choosing (`sold-out-*`) is refused as SOLD_OUT.
 */
function gatedReservation(options: { fail?: boolean } = {}) {
  const batches: Batch[] = [];
  const methods: Record<string, MethodSpec> = {
    holdBatch: {
      access: 'public',
      handle: async (request: { items: Array<{ userId: string; request: { sessionId: string } }> }) => {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        batches.push({ users: request.items.map((i) => i.userId), release });
        await released;
        if (options.fail) throw new AppError('SERVICE_UNAVAILABLE', 'reservation is restarting');
        return {
          results: request.items.map((item) =>
            item.userId.startsWith('sold-out')
              ? { error: { code: 'SOLD_OUT', message: 'sold out', detailsJson: '{"available":0}' } }
              : { hold: { ...hold, sessionId: item.request.sessionId, userId: item.userId } },
          ),
        };
      },
    },
  };
  return { methods, batches };
}

describe('holds leave the gateway in batches', () => {
  let key: SigningKey;
  beforeAll(async () => {
    key = await signingKey();
  });

  /**
   * Sends the holds in the order given, each a little after the one before: a token's check takes
   * its own time, so requests sent at the same instant may reach the route in any order.
   */
  async function postHolds(harness: Harness, buyers: Array<[string, string]>) {
    const tokens = await Promise.all(buyers.map(([sub]) => key.sign({ sub })));
    const answers = [];
    for (const [i, [, sessionId]] of buyers.entries()) {
      answers.push(
        harness.app.inject({
          method: 'POST',
          url: '/api/reservations/hold',
          headers: { authorization: `Bearer ${tokens[i]}`, 'idempotency-key': `batch-key-${i}` },
          payload: { sessionId, quantity: 1 },
        }),
      );
      await sleep(20);
    }
    return Promise.all(answers);
  }

  const until = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await sleep(10);
  };

  it('when holds arrive while a call for their session is in flight, then they leave together, in arrival order, each answered on its own', async () => {
    const reservation = gatedReservation();
    const harness = await startHarness({ reservation: reservation.methods }, key);
    try {
      const first = postHolds(harness, [['first', SESSION]]);
      await until(() => reservation.batches.length === 1);
      const waiting = postHolds(harness, [
        ['second', SESSION],
        ['sold-out-third', SESSION],
        ['other-session', OTHER_SESSION],
        ['fourth', SESSION],
      ]);
      await until(() => reservation.batches.length === 2);
      await sleep(150);
      // The other session's lane was idle: its hold left at once, alone; this session's waited.
      expect(reservation.batches.map((b) => b.users)).toEqual([['first'], ['other-session']]);
      reservation.batches[0]!.release();
      await until(() => reservation.batches.length === 3);
      expect(reservation.batches[2]!.users).toEqual(['second', 'sold-out-third', 'fourth']);
      reservation.batches.forEach((b) => b.release());

      const answers = [...(await first), ...(await waiting)];
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 409, 201, 201]);
      expect(answers[2]!.json()).toMatchObject({ code: 'SOLD_OUT', available: 0 });
      expect(answers[2]!.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await harness.close();
    }
  });

  it('when the call for a batch fails, then every hold of it gets that error, and the next batch still goes', async () => {
    const reservation = gatedReservation({ fail: true });
    const harness = await startHarness({ reservation: reservation.methods }, key);
    try {
      const first = postHolds(harness, [['u1', SESSION]]);
      await until(() => reservation.batches.length === 1);
      const next = postHolds(harness, [
        ['u2', SESSION],
        ['u3', SESSION],
      ]);
      await sleep(50);
      reservation.batches[0]!.release();
      expect((await first).map((a) => a.statusCode)).toEqual([503]);
      await until(() => reservation.batches.length === 2);
      expect(reservation.batches[1]!.users).toEqual(['u2', 'u3']);
      reservation.batches[1]!.release();
      expect((await next).map((a) => a.statusCode)).toEqual([503, 503]);
      expect((await next)[1]!.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await harness.close();
    }
  });
});
