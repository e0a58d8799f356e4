// A case (GET /api/instances/:id, cancel) and starting one.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf, Outcome, Variables } from '../shared/schema';
import { Incident } from '../incidents/schema';

export const CaseStatus = OneOf(['running', 'incident', 'completed', 'terminated', 'failed'] as const);

export const CaseStepRef = Type.Object({
  elementId: Type.String(),
  name: Type.String(),
  dueAt: Type.Optional(Type.String()),
});

export const CaseHistoryEntry = Type.Object({
  elementId: Type.String(),
  name: Type.String(),
  type: Type.String(),
  outcome: OneOf(['completed', 'cancelled'] as const),
  startedAt: Type.String(),
  endedAt: Type.String(),
  by: Type.Optional(Type.String()),
});
export type CaseHistoryEntry = Static<typeof CaseHistoryEntry>;

export const CalledCase = Type.Object({
  id: Type.String(),
  trackingCode: Type.String(),
  elementId: Type.String({ description: 'the call activity' }),
  sopKey: Type.String(),
  sopVersion: Type.Integer(),
  status: CaseStatus,
  startedAt: Type.String(),
  endedAt: Nullable(Type.String()),
});
export type CalledCase = Static<typeof CalledCase>;

export const CaseDetail = Type.Object({
  id: Type.Optional(Type.String()),
  trackingCode: Type.Optional(Type.String()),
  sopKey: Type.Optional(Type.String()),
  sopVersion: Type.Optional(Type.Integer()),
  unit: Type.Optional(Nullable(Type.String({ description: 'code of the unit handling the case' }))),
  timeZone: Type.Optional(Type.String({ description: "IANA zone of the unit's calendar, to show the case's times in (default Asia/Jakarta)" })),
  status: Type.Optional(
    OneOf(['running', 'incident', 'completed', 'terminated', 'failed'] as const, {
      description: 'incident: running, with a step stopped for a person to fix (see incidents)',
    }),
  ),
  error: Type.Optional(Type.String()),
  cancellation: Type.Optional(Type.Object({ by: Type.Optional(Type.String()), reason: Type.Optional(Type.String()) })),
  outcome: Type.Optional(Outcome),
  startedAt: Type.Optional(Type.String()),
  endedAt: Type.Optional(Nullable(Type.String())),
  dueAt: Type.Optional(Nullable(Type.String({ description: "The case's SLA due date (expected completion)" }))),
  parentCase: Type.Optional(
    Type.Object(
      { id: Type.Optional(Type.String()), elementId: Type.Optional(Type.String({ description: 'its call activity' })) },
      { description: 'The calling case, when a call activity of it started this case' },
    ),
  ),
  calledCases: Type.Optional(
    Type.Array(CalledCase, {
      description: "Cases this case's call activities started (each a case of its own, with its own tracking code and tasks)",
    }),
  ),
  incidents: Type.Optional(Type.Array(Incident, { description: "the case's incidents, newest first (open ones stop a step until resolved)" })),
  activeSteps: Type.Optional(Type.Array(CaseStepRef)),
  history: Type.Optional(Type.Array(CaseHistoryEntry)),
  variables: Type.Optional(Variables),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const CancelCaseInput = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false });

export const SopKeyParams = Type.Object({ key: Type.String() });
export const StartCaseHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'the same key (per user) answers with the case it started first instead of starting another',
    }),
  ),
});
export const StartCaseInput = Type.Object(
  {
    variables: Type.Optional(Variables),
    unitId: Type.Optional(Type.String({ description: 'id of the unit handling the case' })),
    unit: Type.Optional(Type.String({ description: 'or its code; default ALUR_DEFAULT_UNIT' })),
  },
  { additionalProperties: false },
);
export type StartCaseInput = Static<typeof StartCaseInput>;
export const StartedCase = Type.Object({ id: Type.String(), trackingCode: Type.String() });
export type StartedCase = Static<typeof StartedCase>;
