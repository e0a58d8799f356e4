// The audit trail (admin, auditor): GET /api/audit and /api/audit/verify.
import { Type, type Static } from '@sinclair/typebox';
import { AnyObject, Defaulted, Nullable, pageProperties } from '../shared/schema';

export const AuditQuery = Defaulted(
  Type.Object(
    {
      actor: Type.Optional(Type.String()),
      action: Type.Optional(Type.String({ description: 'exact, or a prefix ending in * (task.*, api.*)' })),
      target: Type.Optional(Type.String({ description: 'e.g. case:<id>, units:<code>, tasks:<id>' })),
      from: Type.Optional(Type.String({ format: 'date-time' })),
      to: Type.Optional(Type.String({ format: 'date-time' })),
      ...pageProperties(500),
    },
    { additionalProperties: false },
  ),
  ['limit', 'offset'],
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  seq: Type.Optional(Type.Integer()),
  at: Type.Optional(Type.String()),
  actor: Type.Optional(Nullable(Type.String())),
  action: Type.Optional(Type.String()),
  target: Type.Optional(Nullable(Type.String())),
  // Any JSON the action recorded (a JSON column).
  details: Type.Optional(Type.Unsafe<unknown>(AnyObject())),
  chain: Type.Optional(Type.String()),
  chainSeq: Type.Optional(Type.Integer()),
  prevHash: Type.Optional(Type.String()),
  hash: Type.Optional(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({ total: Type.Integer(), items: Type.Array(AuditEntry) });

export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer({ description: 'entries checked' }),
  chains: Type.Optional(Type.Integer({ description: 'chains checked (a case each, the API lanes, global: the entries from before chains)' })),
  anchors: Type.Optional(Type.Integer({ description: 'anchors checked (each records the heads of the chains that moved)' })),
  firstBroken: Type.Optional(Type.Object({ seq: Type.Optional(Type.Integer()), chain: Type.Optional(Type.String()), reason: Type.Optional(Type.String()) })),
});
export type AuditVerification = Static<typeof AuditVerification>;
