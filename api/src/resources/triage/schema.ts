import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf } from '../shared/schema';
import { ComplaintView } from '../complaints/schema';

export const TRIAGE_STATES = ['baru', 'didisposisi', 'klarifikasi', 'ditolak', 'duplikat'] as const;

const Reason = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' });

export const DispositionBody = Type.Object({ unit: Type.String({ minLength: 1, maxLength: 64 }), reason: Reason }, { additionalProperties: false });
export const DuplicateBody = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const CategoryBody = Type.Object({ category: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const ClarificationBody = Type.Object({ question: Reason }, { additionalProperties: false });
export const RefusalBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export type DispositionBody = Static<typeof DispositionBody>;

/** A complaint in the desk's queue: the record, its triage and the case's state. */
export const QueueItem = Type.Object({
  ...ComplaintView.properties,
  trackingCode: Nullable(Type.String()),
  caseStatus: Nullable(Type.String()),
  unit: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  triage: Type.String(),
  triageReason: Nullable(Type.String()),
  triagedBy: Nullable(Type.String()),
  triagedAt: Nullable(Type.String()),
  duplicateOf: Nullable(Type.String()),
});
export type QueueItem = Static<typeof QueueItem>;

export const QueueQuery = Type.Object(
  {
    triage: Type.Optional(OneOf(TRIAGE_STATES)),
    channel: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
