import { Type, type Static } from '@sinclair/typebox';
import type { queueV1 } from '@ticketing/contracts';

const STATES = ['WAITING', 'ADMITTED', 'EXPIRED', 'SOLD_OUT'] as const;
const State = Type.Union(
  STATES.map((s) => Type.Literal(s)),
  {
    description:
      'WAITING in line; ADMITTED: hold before expiresAt; EXPIRED: the time to hold passed (entering again goes to ' +
      'the back); SOLD_OUT: waiting while nothing is left (admission resumes if tickets come back)',
  },
);

export const EnterBody = Type.Object({ sessionId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const TokenQuery = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 512, description: 'the queueToken from POST /api/queue/token' }) },
  { additionalProperties: false },
);

const answered = {
  allowed: Type.Boolean({ description: 'true while ADMITTED: a hold with this queueToken is accepted' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description:
      'ADMITTED or EXPIRED: the deadline to hold; WAITING or SOLD_OUT: when the place lapses (sales end); ' +
      'null for an admission that expired so long ago that its deadline is forgotten',
  }),
  state: State,
  estimatedWaitSeconds: Type.Integer({ minimum: 0, description: 'WAITING: a rough wait; 0 otherwise' }),
};

export const EntrySchema = Type.Object({
  queueToken: Type.String({
    description: 'for the status routes and the hold (its queueToken); entering again gives the same token back',
  }),
  position: Type.Integer({ minimum: 1, description: 'your place in line: 1 for the first to enter, in arrival order' }),
  ...answered,
});

export const StatusSchema = Type.Object({
  position: Type.Integer({ minimum: 0, description: 'people still ahead of you; 0 once admitted' }),
  ...answered,
});

type State = Static<typeof State>;

export function toEntry(status: queueV1.QueueStatus__Output): Static<typeof EntrySchema> {
  return { queueToken: status.queueToken, ...toStatus(status), position: status.place };
}

export function toStatus(status: queueV1.QueueStatus__Output): Static<typeof StatusSchema> {
  return {
    position: status.ahead,
    allowed: status.allowed,
    expiresAt: status.expiresAt || null,
    state: status.state as State,
    estimatedWaitSeconds: status.estimatedWaitSeconds,
  };
}
