// Auditors' reports: the per-step heatmap of an SOP version and SLA compliance over time.
import { Type, type Static } from '@sinclair/typebox';
import { Defaulted, Nullable, OneOf } from '../shared/schema';

const period = {
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};
const NullableNumber = Nullable(Type.Number());

export const PeriodQuery = Type.Object(period, { additionalProperties: false });
export type PeriodQuery = Static<typeof PeriodQuery>;
export const ReportVersionParams = Type.Object({ key: Type.String(), version: Type.Integer({ minimum: 1 }) });

export const StepStats = Type.Object({
  sopKey: Type.Optional(Type.String()),
  version: Type.Optional(Type.Integer()),
  name: Type.Optional(Type.String()),
  processId: Type.Optional(Type.String()),
  elements: Type.Optional(
    Type.Array(
      Type.Object({
        elementId: Type.Optional(Type.String()),
        name: Type.Optional(Type.String()),
        ended: Type.Optional(Type.Integer()),
        withSla: Type.Optional(Type.Integer()),
        slaCompliancePct: Type.Optional(NullableNumber),
        meanMs: Type.Optional(NullableNumber),
        p90Ms: Type.Optional(NullableNumber),
        breaches: Type.Optional(Type.Integer()),
        atRisk: Type.Optional(Type.Integer()),
      }),
    ),
  ),
});
export type StepStats = Static<typeof StepStats>;

export const ComplianceQuery = Defaulted(
  Type.Object(
    {
      interval: Type.Optional(OneOf(['week', 'month'] as const, { default: 'week' })),
      sop: Type.Optional(Type.String({ description: 'SOP key' })),
      unit: Type.Optional(Type.String({ description: 'id of the handling unit' })),
      timeZone: Type.Optional(Type.String({ default: 'Asia/Jakarta', maxLength: 100, description: 'where weeks and months begin' })),
      ...period,
    },
    { additionalProperties: false },
  ),
  ['interval', 'timeZone'],
);
export type ComplianceQuery = Static<typeof ComplianceQuery>;

export const CompliancePeriod = Type.Object({
  period: Type.Optional(Type.String({ description: 'first day of the week (Monday) or month, YYYY-MM-DD' })),
  stepsWithSla: Type.Optional(Type.Integer()),
  onTime: Type.Optional(Type.Integer()),
  slaCompliancePct: Type.Optional(NullableNumber),
  breaches: Type.Optional(Type.Integer()),
});
export type CompliancePeriod = Static<typeof CompliancePeriod>;
