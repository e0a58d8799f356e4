// SOPs: deploying and checking BPMN diagrams, their versions, and their XML.
import { Type, type Static } from '@sinclair/typebox';
import { AnyObject, ErrorAnswer, Nullable } from '../shared/schema';

export const XmlBody = Type.String({ minLength: 1 });

export const DeployResult = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  warnings: Type.Optional(ErrorAnswer.properties.errors),
});
export type DeployResult = Static<typeof DeployResult>;

/** A problem the compiler found, by element. */
export const DiagramProblem = Type.Object({
  elementId: Type.Optional(Type.String()),
  elementName: Type.Optional(Type.String({ description: "the element's name in the diagram, when it has one" })),
  field: Type.Optional(Type.String()),
  message: Type.String(),
});
export type DiagramProblem = Static<typeof DiagramProblem>;

export const ValidationResult = Type.Object({ errors: Type.Array(DiagramProblem), warnings: Type.Array(DiagramProblem) });
export type ValidationResult = Static<typeof ValidationResult>;

export const SopSummary = Type.Object({
  key: Type.String(),
  name: Type.String(),
  latestVersion: Type.Integer(),
  updatedAt: Type.String(),
});
export type SopSummary = Static<typeof SopSummary>;

export const SopVersionInfo = Type.Object({
  version: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  hash: Type.String(),
  state: Type.Optional(
    // The lifecycle state (resources/sop-lifecycle), kept as text.
    Type.Unsafe<string>({ type: 'string', enum: ['draft', 'diajukan', 'disahkan', 'berlaku', 'dicabut'] }),
  ),
  effectiveFrom: Type.Optional(Nullable(Type.String({ description: 'when a berlaku version is in force from' }))),
});
export type SopVersionInfo = Static<typeof SopVersionInfo>;

/** A timer start event that starts cases on a schedule (a Temporal Schedule), with its next run. */
export const TimerStartInfo = Type.Object({
  elementId: Type.String(),
  name: Type.String(),
  version: Type.Integer({ description: 'the version whose timer start event this is (in force now, or from its effective date)' }),
  timer: Type.Union([
    Type.Object({ date: Type.String({ description: 'ISO-8601 date-time: one case then' }) }),
    Type.Object({ cycle: Type.String({ description: 'ISO-8601 repeating interval, e.g. R/P1D or R3/PT1H' }) }),
    Type.Object({ cron: Type.String({ description: 'cron expression, seconds first (Camunda form), read in timeZone' }) }),
  ]),
  timeZone: Type.String({ description: 'the IANA zone a cron expression is read in (the SOP calendar)' }),
  nextRunAt: Nullable(Type.String({ description: 'when it next starts a case; null when it never will again' })),
  remainingRuns: Nullable(Type.Integer({ description: 'runs left (a date, or a cycle with a count); null: without end' })),
});
export type TimerStartInfo = Static<typeof TimerStartInfo>;

export const SopDetail = Type.Object({
  key: Type.String(),
  name: Type.String(),
  latestVersion: Type.Integer(),
  versions: Type.Array(SopVersionInfo),
  timerStarts: Type.Array(TimerStartInfo, { description: 'timer start events that start cases of this SOP on a schedule, with their next run' }),
  startForm: Type.Optional(
    AnyObject({ description: "the form-js schema of the latest version's start form (staff start a case with it), absent without one" }),
  ),
});
export type SopDetail = Static<typeof SopDetail>;

export const SopKeyParams = Type.Object({ key: Type.String() });
export const SopVersionParams = Type.Object({ key: Type.String(), version: Type.Integer({ minimum: 1 }) });
