import { credentials } from '@grpc/grpc-js';
import { createClient, type reservationV1 } from '@ticketing/contracts';
import { bearerMetadata, unaryCall } from '@ticketing/grpc-kit';
import type { HoldReader, HoldSnapshot } from '../app/hold-reader';

/** Reservation's GetHold over gRPC, called with the caller's token; its errors (NOT_FOUND) pass through. */
export function reservationHoldReader(address: string, deadlineMs = 3000): HoldReader & { close(): void } {
  const client = createClient('reservation', address, credentials.createInsecure());
  return {
    readHold: async (holdId: string, callerToken: string): Promise<HoldSnapshot> => {
      const hold = await unaryCall<reservationV1.Hold__Output>(
        client,
        'getHold',
        { holdId },
        { metadata: bearerMetadata(callerToken), deadlineMs },
      );
      if (!hold.totalPrice) throw new Error('reservation answered a hold without its total price');
      return {
        holdId: hold.holdId,
        userId: hold.userId,
        status: hold.status,
        expiresAt: hold.expiresAt,
        amountMinor: Number(hold.totalPrice.amountMinor),
        currency: hold.totalPrice.currency,
      };
    },
    close: () => client.close(),
  };
}
