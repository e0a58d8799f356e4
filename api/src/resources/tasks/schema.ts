// The inbox and a task's actions (claim, release, reassign, complete), and one task with its form.
import { Type, type Static } from '@sinclair/typebox';
import { AnyObject, Defaulted, Nullable, OneOf, pageProperties, Variables } from '../shared/schema';

export const InboxQuery = Defaulted(
  Type.Object(
    {
      instanceId: Type.Optional(Type.String()),
      sort: Type.Optional(
        OneOf(['dueDate', 'createdAt'] as const, {
          default: 'dueDate',
          description: 'dueDate: soonest due first, tasks without a due date last (by createdAt)',
        }),
      ),
      order: Type.Optional(OneOf(['asc', 'desc'] as const, { default: 'asc' })),
      ...pageProperties(),
    },
    { additionalProperties: false },
  ),
  ['sort', 'order', 'limit', 'offset'],
);
export type InboxQuery = Static<typeof InboxQuery>;

/** A task of the inbox. */
export const Task = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  elementId: Type.String(),
  name: Type.String(),
  candidateRoles: Type.Array(Type.String()),
  unit: Type.Optional(Nullable(Type.String())),
  claimedBy: Type.Optional(Nullable(Type.String())),
  /** When the step's SLA runs out (alur:sla). */
  dueAt: Type.Optional(Nullable(Type.String())),
  createdAt: Type.String(),
  /** The task's own due date (zeebe:taskSchedule). */
  dueDate: Type.Optional(Nullable(Type.String())),
  followUpDate: Type.Optional(Nullable(Type.String())),
  formKey: Type.Optional(Nullable(Type.String())),
  timeZone: Type.Optional(Type.String({ description: "IANA zone of the task's unit calendar, to show its times in (default Asia/Jakarta)" })),
  trackingCode: Type.Optional(Type.String({ description: "The case's tracking code" })),
  sopKey: Type.Optional(Type.String()),
  sopName: Type.Optional(Type.String({ description: 'Name of the SOP version the case runs' })),
  caseStartedAt: Type.Optional(Type.String({ description: 'When the case started' })),
});
export type Task = Static<typeof Task>;

export const Assignment = Type.Object({ id: Type.String(), claimedBy: Nullable(Type.String()) });
export type Assignment = Static<typeof Assignment>;

export const ReleaseInput = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const ReassignInput = Type.Object(
  { to: Type.String({ minLength: 1 }), reason: Type.String({ minLength: 3, maxLength: 2000, pattern: '\\S' }) },
  { additionalProperties: false },
);
export const CompleteInput = Type.Object({ variables: Type.Optional(Variables) }, { additionalProperties: false });
export const CompletedTask = Type.Object({
  id: Type.Optional(Type.String()),
  status: Type.Optional(Type.Unsafe<'completed'>({ const: 'completed' })),
  completedAt: Type.Optional(Type.String()),
});

/** One task with what its form needs (GET /api/tasks/:id). */
export const TaskDetail = Type.Object({
  id: Type.Optional(Type.String()),
  instanceId: Type.Optional(Type.String()),
  elementId: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  candidateRoles: Type.Optional(Type.Array(Type.String())),
  status: Type.Optional(Type.String()),
  createdAt: Type.Optional(Type.String()),
  dueDate: Type.Optional(Nullable(Type.String())),
  followUpDate: Type.Optional(Nullable(Type.String())),
  formKey: Type.Optional(Nullable(Type.String())),
  form: Type.Optional(Type.Unsafe<Record<string, unknown> | null>({ type: ['object', 'null'], additionalProperties: true })),
  inputs: Type.Optional(AnyObject()),
});
export type TaskDetail = Static<typeof TaskDetail>;

const NullableText = Nullable(Type.String());
/** The supervisor's team (GET /api/team). */
export const TeamTask = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  trackingCode: Type.String(),
  sopKey: Type.String(),
  sopName: Type.String({ description: "The SOP version's name, as the catalogue shows it" }),
  elementId: Type.String(),
  name: Type.String(),
  candidateRoles: Type.Array(Type.String()),
  unit: NullableText,
  claimedBy: NullableText,
  createdAt: Type.String(),
  dueAt: NullableText,
  dueDate: NullableText,
  timeZone: Type.Optional(Type.String({ description: "IANA zone of the task's unit calendar (default Asia/Jakarta)" })),
});
export type TeamTask = Static<typeof TeamTask>;

export const TeamMember = Type.Object({
  username: Type.String(),
  /** Code of the unit where they hold `roles`; null: global roles. */
  unit: NullableText,
  roles: Type.Array(Type.String()),
});
export type TeamMember = Static<typeof TeamMember>;

export const Team = Type.Object({
  units: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  total: Type.Integer({ description: 'open tasks in all; at most 500 are listed' }),
  tasks: Type.Array(TeamTask),
  staff: Type.Array(TeamMember),
});
export type Team = Static<typeof Team>;
