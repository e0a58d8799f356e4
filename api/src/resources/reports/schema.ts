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

export const StepStat = Type.Object({
  elementId: Type.String(),
  name: Type.String(),
  ended: Type.Integer(),
  withSla: Type.Integer(),
  slaCompliancePct: NullableNumber,
  meanMs: NullableNumber,
  p90Ms: NullableNumber,
  breaches: Type.Integer(),
  atRisk: Type.Integer(),
});
export type StepStat = Static<typeof StepStat>;

export const StepStats = Type.Object({
  sopKey: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  processId: Type.String(),
  elements: Type.Array(StepStat),
});
export type StepStats = Static<typeof StepStats>;

export const ComplianceQuery = Defaulted(
  Type.Object(
    {
      interval: Type.Optional(OneOf(['week', 'month'] as const, { default: 'week' })),
      sop: Type.Optional(Type.String({ description: 'SOP key' })),
      sopVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'one version of the SOP only' })),
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
  period: Type.String({ description: 'first day of the week (Monday) or month, YYYY-MM-DD' }),
  stepsWithSla: Type.Integer(),
  onTime: Type.Integer(),
  slaCompliancePct: NullableNumber,
  breaches: Type.Integer(),
});
export type CompliancePeriod = Static<typeof CompliancePeriod>;
