// Incidents: steps stopped for a person to fix, with Camunda Operate's actions.
import { Type, type Static } from '@sinclair/typebox';
import { Defaulted, Nullable, OneOf, pageProperties, Variables } from '../shared/schema';

export const IncidentAction = OneOf(['retry', 'skip', 'cancel'] as const);
export type IncidentAction = Static<typeof IncidentAction>;

export const Incident = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  trackingCode: Type.String(),
  sopKey: Type.String(),
  sopVersion: Type.Integer(),
  unit: Nullable(Type.String({ description: 'code of the unit handling the case' })),
  elementId: Type.String({ description: 'the BPMN element the case stopped at' }),
  name: Type.String({ description: "the element's name" }),
  message: Type.String({ description: 'what went wrong' }),
  createdAt: Type.String(),
  state: OneOf(['open', 'resolved'] as const),
  resolution: Type.Unsafe<{ action: IncidentAction; by: string | null; reason: string | null; at: string | null } | null>({
    type: ['object', 'null'],
    properties: {
      action: IncidentAction,
      by: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      at: Nullable(Type.String()),
    },
    required: ['action', 'by', 'reason', 'at'],
  }),
  flows: Type.Array(Type.Object({ id: Type.String(), name: Type.Optional(Type.String()), target: Type.String() }), {
    description: "the element's outgoing sequence flows (what a skip may name as flowId)",
  }),
});
export type Incident = Static<typeof Incident>;

export const IncidentListQuery = Defaulted(
  Type.Object(
    {
      state: Type.Optional(OneOf(['open', 'resolved', 'all'] as const, { default: 'open' })),
      sopKey: Type.Optional(Type.String({ maxLength: 200 })),
      unit: Type.Optional(Type.String({ maxLength: 200, description: 'unit code' })),
      elementId: Type.Optional(Type.String({ maxLength: 200 })),
      caseId: Type.Optional(Type.String({ maxLength: 100 })),
      ...pageProperties(),
    },
    { additionalProperties: false },
  ),
  ['state', 'limit', 'offset'],
);
export type IncidentListQuery = Static<typeof IncidentListQuery>;

const Reason = Type.String({ minLength: 3, maxLength: 2000, description: 'why (kept in the audit trail)' });
export const IncidentParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
export const RetryInput = Type.Object({ reason: Reason, variables: Type.Optional(Variables) }, { additionalProperties: false });
export const SkipInput = Type.Object({ reason: Reason, flowId: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export const CancelIncidentInput = Type.Object({ reason: Reason }, { additionalProperties: false });
