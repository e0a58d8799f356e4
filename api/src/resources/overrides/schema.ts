import { Type, type Static } from '@sinclair/typebox';
import { OneOf } from '../shared/schema';

const Reason = Type.String({ minLength: 3, maxLength: 2000 });

export const OverrideBody = Type.Object(
  {
    action: OneOf(['skip', 'jump', 'reopen'] as const),
    stepId: Type.Optional(Type.String({ minLength: 1 })),
    reason: Reason,
  },
  { additionalProperties: false },
);
export type OverrideBody = Static<typeof OverrideBody>;
export const OverrideAnswer = Type.Object({ id: Type.Optional(Type.String()), action: Type.Optional(Type.String()) });

export const WaitingBody = Type.Object(
  {
    waiting: Type.Boolean(),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type WaitingBody = Static<typeof WaitingBody>;
export const WaitingAnswer = Type.Object({ id: Type.Optional(Type.String()), waiting: Type.Optional(Type.Boolean()) });

export const AllowOutsideRoleBody = Type.Object(
  {
    username: Type.String({ minLength: 1 }),
    reason: Reason,
  },
  { additionalProperties: false },
);
export type AllowOutsideRoleBody = Static<typeof AllowOutsideRoleBody>;
export const AllowOutsideRoleAnswer = Type.Object({ id: Type.Optional(Type.String()), username: Type.Optional(Type.String()) });
