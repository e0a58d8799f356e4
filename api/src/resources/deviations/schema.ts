import { Type, type Static } from '@sinclair/typebox';
import { DEVIATION_KINDS } from '@alur/workflows/deviation-kinds';
import { AnyObject, Nullable, OneOf, Paged } from '../shared/schema';

const filterProperties = {
  kind: Type.Optional(OneOf(DEVIATION_KINDS)),
  sop: Type.Optional(Type.String()),
  unit: Type.Optional(Type.String()),
  staff: Type.Optional(Type.String()),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};

export const DeviationFilter = Type.Object(filterProperties, { additionalProperties: false });
export type DeviationFilter = Static<typeof DeviationFilter>;
export const DeviationListQuery = Paged(filterProperties, 500);

/** A deviation the system detected (GET /api/deviations). */
export const Deviation = Type.Object({
  id: Type.Optional(Type.String()),
  caseId: Type.Optional(Type.String()),
  sopKey: Type.Optional(Type.String()),
  sopVersion: Type.Optional(Type.Integer()),
  unitId: Type.Optional(Nullable(Type.String())),
  stepId: Type.Optional(Nullable(Type.String())),
  elementId: Type.Optional(Nullable(Type.String())),
  elementName: Type.Optional(Nullable(Type.String({ description: "the element's name in the SOP version (the process name for the whole case)" }))),
  kind: Type.Optional(Type.String()),
  at: Type.Optional(Type.String()),
  by: Type.Optional(Nullable(Type.String())),
  details: Type.Optional(AnyObject()),
});
export type Deviation = Static<typeof Deviation>;

export const DeviationPage = Type.Object({ total: Type.Optional(Type.Integer()), items: Type.Optional(Type.Array(Deviation)) });

export const SummaryQuery = Type.Object(
  {
    by: OneOf(['sop', 'unit', 'staff'] as const),
    sop: filterProperties.sop,
    sopVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'one version of the SOP only' })),
    from: filterProperties.from,
    to: filterProperties.to,
  },
  { additionalProperties: false },
);

/** One row of GET /api/deviations/summary. */
export const DeviationSummary = Type.Object({
  key: Type.Optional(Nullable(Type.String())),
  steps: Type.Optional(Type.Integer()),
  stepsWithSla: Type.Optional(Type.Integer()),
  slaCompliancePct: Type.Optional(Nullable(Type.Number())),
  meanStepMs: Type.Optional(Nullable(Type.Integer())),
  p90StepMs: Type.Optional(Nullable(Type.Integer())),
  breaches: Type.Optional(Type.Integer()),
  atRisk: Type.Optional(Type.Integer()),
});
export type DeviationSummary = Static<typeof DeviationSummary>;
