import { AppError } from '@ticketing/errors';
import { entry, fakeAudit, second } from './audit-fixtures';
import type { MethodSpec, StreamMethodSpec } from '@ticketing/grpc-kit';
import { fakeCatalog, type FakeCatalog } from './catalog-fixtures';
import { fakePayment } from './payment-fixtures';
import { fakeQueue } from './queue-fixtures';
import { fakeReservation } from './reservation-fixtures';
import { fakeTickets } from './ticket-fixtures';

/** Canned auth, catalog, queue, reservation and payment services together, for tests that cross every route family. */
export const user = { id: 'user-1', email: 'fan@example.com', roles: ['USER'], createdAt: '2026-11-25T00:00:00.000Z' };
const tokens = { accessToken: 'a.b.c', refreshToken: 'r'.repeat(43), expiresIn: 900, tokenType: 'Bearer' };

function fakeAuth() {
  const calls: string[] = [];
  const recorded = (method: string, answer: (request: any) => unknown): MethodSpec => ({
    access: 'public',
    handle: async (request) => (calls.push(method), answer(request)),
  });
  const methods: Record<string, MethodSpec> = {
    signUp: recorded('signUp', (r: { email: string }) => {
      if (r.email === 'taken@example.com') throw new AppError('EMAIL_TAKEN', 'this email is registered');
      return { user };
    }),
    logIn: recorded('logIn', (r: { password: string }) => {
      if (r.password !== 'Secret123') throw new AppError('INVALID_CREDENTIALS');
      return tokens;
    }),
    refresh: recorded('refresh', () => tokens),
    logOut: recorded('logOut', () => ({})),
    getMe: recorded('getMe', () => ({ user })),
    getJwks: recorded('getJwks', () => ({ jwksJson: '{"keys":[]}', keys: [] })),
  };
  return { methods, calls };
}

export interface FakeUpstreams {
  methods: {
    auth: Record<string, MethodSpec>;
    catalog: Record<string, MethodSpec>;
    queue: Record<string, MethodSpec | StreamMethodSpec>;
    reservation: Record<string, MethodSpec>;
    payment: Record<string, MethodSpec>;
  };
  catalog: FakeCatalog;
  /** How many calls reached any of the services since the last reset. */
  callCount(): number;
  reset(): void;
}

export function fakeUpstreams(): FakeUpstreams {
  const auth = fakeAuth();
  const catalog = fakeCatalog();
  const queue = fakeQueue();
  const reservation = fakeReservation();
  const tickets = fakeTickets();
  const payment = fakePayment();
  const audit = fakeAudit([entry(second(1)), entry(second(2))]);
  const received = () => [reservation.received, tickets.received, payment.received].flatMap((r) => Object.values(r));
  return {
    methods: {
      auth: { ...auth.methods, ...audit.methods },
      catalog: { ...catalog.methods, ...audit.methods },
      queue: queue.methods,
      reservation: { ...reservation.methods, ...tickets.methods, ...audit.methods },
      payment: { ...payment.methods, ...audit.methods },
    },
    catalog,
    callCount: () => auth.calls.length + catalog.calls.length + queue.callCount() + received().flat().length,
    reset: () => {
      auth.calls.length = 0;
      catalog.reset();
      queue.reset();
      reservation.reset();
      tickets.reset();
      payment.reset();
    },
  };
}
