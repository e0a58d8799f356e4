// The citizen's tracking page: GET /api/track/:trackingCode (no login, no personal data).
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Outcome } from '../shared/schema';

export const TrackingCodeParams = Type.Object({ trackingCode: Type.String({ maxLength: 40 }) });

export const TrackedStep = Type.Object({ name: Type.Optional(Type.String()), dueAt: Type.Optional(Type.String()) });
export const TrackedHistoryStep = Type.Object({ name: Type.Optional(Type.String()), endedAt: Type.Optional(Type.String()) });

/** A case as its citizen follows it. */
export const TrackedCase = Type.Object({
  sopName: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  timeZone: Type.Optional(Type.String({ description: "IANA zone the case's times are shown in (its unit's calendar; default Asia/Jakarta)" })),
  startedAt: Type.Optional(Type.String()),
  expectedCompletion: Type.Optional(Nullable(Type.String())),
  outcome: Type.Optional(Outcome),
  currentSteps: Type.Optional(Type.Array(TrackedStep)),
  history: Type.Optional(Type.Array(TrackedHistoryStep)),
});
export type TrackedCase = Static<typeof TrackedCase>;
