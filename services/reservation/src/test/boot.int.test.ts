import { SERVICE_FULL_NAMES } from '@ticketing/contracts';
import { checkHealth } from '@ticketing/grpc-kit';
import { tableExists } from '@ticketing/testing';
import { startTestReservation, type TestReservation } from './harness';

describe('reservation service boot against a real database and NATS', () => {
  let sys: TestReservation;

  beforeAll(async () => {
    sys = await startTestReservation('reservation_boot');
  });
  afterAll(() => sys.close());

  it('when it has started, then its tables exist and health is SERVING', async () => {
    for (const table of ['audit_log', 'outbox', 'inbox', 'stock', 'seat', 'hold', 'idempotency_key', 'ticket']) {
      expect(await tableExists(sys.url, table)).toBe(true);
    }
    expect(await checkHealth(`127.0.0.1:${sys.app.grpc.port}`, SERVICE_FULL_NAMES.reservation)).toBe(true);
  });

  it('when a call has no token, then it is UNAUTHENTICATED; a bad token is TOKEN_INVALID', async () => {
    await expect(sys.call('getHold', { holdId: 'x' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(sys.call('getHold', { holdId: 'x' }, 'forged')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('when a purchase that does not exist is cancelled, then it is NOT_FOUND', async () => {
    await expect(sys.call('cancel', { holdId: 'x', idempotencyKey: 'k' }, 'user:u1')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
