import { randomUUID } from 'node:crypto';
import { serviceDefinition, type reservationV1 } from '@ticketing/contracts';
import { AppError } from '@ticketing/errors';
import { serveService, type Authenticator, type GrpcServerHandle } from '@ticketing/grpc-kit';
import type { Logger } from '@ticketing/logger';

export interface FakeHold {
  holdId: string;
  userId: string;
  status: string;
  expiresAt: string;
  amountMinor: number;
  currency: string;
}

export interface FakeReservation {
  address: string;
  put(hold: FakeHold): FakeHold;
  /** The bearer tokens GetHold was called with, in order. */
  tokens: string[];
  close(): Promise<void>;
}

/**
 * Reservation's GetHold as a real gRPC server with reservation's rule: a user reads only their
 * own holds (another's is NOT_FOUND), a service reads any.
 */
export async function startFakeReservation(authenticate: Authenticator, logger: Logger): Promise<FakeReservation> {
  const holds = new Map<string, FakeHold>();
  const tokens: string[] = [];
  const server: GrpcServerHandle = await serveService(
    '127.0.0.1:0',
    serviceDefinition('reservation'),
    {
      getHold: {
        access: { roles: ['USER', 'SERVICE'] },
        handle: async (request: reservationV1.GetHoldRequest__Output, context): Promise<reservationV1.Hold> => {
          tokens.push(context.principal!.token);
          const hold = holds.get(request.holdId);
          const isService = context.principal!.roles.includes('SERVICE');
          if (!hold || (!isService && hold.userId !== context.principal!.subject))
            throw new AppError('NOT_FOUND', 'hold not found');
          return {
            holdId: hold.holdId,
            userId: hold.userId,
            sessionId: randomUUID(),
            quantity: 2,
            status: hold.status as reservationV1.HoldStatus,
            expiresAt: hold.expiresAt,
            totalPrice: { amountMinor: String(hold.amountMinor), currency: hold.currency },
          };
        },
      },
    },
    { logger, authenticate, allowUnimplemented: true },
  );
  return {
    address: `127.0.0.1:${server.port}`,
    put: (hold) => {
      holds.set(hold.holdId, hold);
      return hold;
    },
    tokens,
    close: () => server.stop(1000),
  };
}

/** An ACTIVE hold of two tickets at 55,000 KRW each, with a minute left. */
export const activeHold = (userId: string, overrides: Partial<FakeHold> = {}): FakeHold => ({
  holdId: randomUUID(),
  userId,
  status: 'ACTIVE',
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
  amountMinor: 110000,
  currency: 'KRW',
  ...overrides,
});
