// The staff side of user tasks: the inbox (open tasks for my roles in my
// units, and those I claimed), claim, release and reassign. Every change goes
// through the case's workflow (Temporal Updates); the worker's projection then
// records it as a case event.
import type { Client } from '@temporalio/client';
import { updateCase, type CaseStarter } from '@alur/cases';
import type { Prisma, PrismaClient, TaskModel as Task } from '@alur/db';
import {
  claimTaskUpdate,
  isCandidate,
  reassignTaskUpdate,
  releaseTaskUpdate,
  supervisesTask,
  UNIT_STAFF_FALLBACK_ROLE,
  candidatesText,
  type TaskAssignment,
} from '@alur/workflows';
import type { AuthUser } from './auth';
import { HttpError } from './http-error';
import { loadTimeZones } from './time-zones';
import type { UnitService } from '../resources/units/service';

/** GET /api/tasks's query once validated (its schema gives the type). */
export type { InboxQuery } from '../resources/tasks/schema';
import type { InboxQuery } from '../resources/tasks/schema';

export class TaskService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly units: UnitService,
    /** The case core's starter: its projected() waits for what an Update answered as projectedSeq. */
    private readonly starter: CaseStarter,
  ) {}

  /**
   * Open tasks the user may take (its global roles for unit-less tasks, its roles in each unit) and the ones it claimed.
   * A task with no candidate role goes to the staff of its unit (any role there), or with no unit to holders of the
   * global `petugas` role (isCandidate in @alur/workflows).
   */
  async inbox(user: AuthUser, q: InboxQuery) {
    const byUnit = new Map<string, string[]>();
    for (const r of user.unitRoles) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.role]);
    // Each branch matches a partial index on open tasks (migration 20261123140535_read_indexes):
    // claimed ones by claimant, unclaimed ones by unit, so closed tasks are never read.
    const noRole = { candidateRoles: { isEmpty: true } };
    const unclaimed: Prisma.TaskWhereInput[] = [
      ...(user.roles.length ? [{ unitId: null, candidateRoles: { hasSome: user.roles } }] : []),
      ...(user.roles.includes(UNIT_STAFF_FALLBACK_ROLE) ? [{ unitId: null, ...noRole }] : []),
      ...[...byUnit].map(([unitId, roles]) => ({ unitId, OR: [{ candidateRoles: { hasSome: roles } }, noRole] })),
    ];
    const where: Prisma.TaskWhereInput = {
      status: 'open',
      ...(q.instanceId ? { caseId: q.instanceId } : {}),
      OR: [{ claimedBy: user.username }, ...(unclaimed.length ? [{ claimedBy: null, OR: unclaimed }] : [])],
    };
    const [total, tasks, zoneOf] = await Promise.all([
      this.prisma.task.count({ where }),
      this.prisma.task.findMany({
        where,
        // The case each task belongs to, read with the page (one batched query per relation, never one per task).
        include: {
          unit: { select: { code: true } },
          case: { select: { trackingCode: true, sopKey: true, startedAt: true, sopVersion: { select: { name: true } } } },
        },
        orderBy: [...dueDateOrder(q), { createdAt: q.order }, { id: 'asc' }],
        take: q.limit,
        skip: q.offset,
      }),
      loadTimeZones(this.prisma),
    ]);
    return {
      total,
      items: tasks.map((t) => ({
        id: t.id,
        instanceId: t.caseId,
        elementId: t.elementId,
        name: t.name,
        candidateRoles: t.candidateRoles,
        unit: t.unit?.code ?? null,
        claimedBy: t.claimedBy,
        dueAt: t.dueAt?.toISOString() ?? null,
        createdAt: t.createdAt.toISOString(),
        // zeebe:taskSchedule of the BPMN task, and which form it shows (GET /api/tasks/:id has the schema).
        dueDate: t.dueDate?.toISOString() ?? null,
        followUpDate: t.followUpDate?.toISOString() ?? null,
        formKey: t.formKey,
        timeZone: zoneOf(t.unitId),
        trackingCode: t.case.trackingCode,
        sopKey: t.case.sopKey,
        sopName: t.case.sopVersion.name,
        caseStartedAt: t.case.startedAt.toISOString(),
      })),
    };
  }

  async claim(taskId: string, user: AuthUser) {
    const task = await this.openTask(taskId);
    const actor = await this.units.actorFor(user);
    if (!isCandidate(actor, task)) throw await this.notCandidate(user.username, task);
    if (task.claimedBy && task.claimedBy !== user.username) throw new HttpError(409, `Task "${task.name}" is already claimed by ${task.claimedBy}`);
    return this.update(task, () => this.handle(task).executeUpdate(claimTaskUpdate, { args: [{ taskId, actor }] }));
  }

  async release(taskId: string, user: AuthUser, reason?: string) {
    const task = await this.openTask(taskId);
    const actor = await this.units.actorFor(user, { withSupervision: true });
    if (!task.claimedBy) throw new HttpError(409, `Task "${task.name}" is not claimed`);
    if (task.claimedBy !== user.username && !supervisesTask(actor, task)) {
      throw new HttpError(403, `Task "${task.name}" is claimed by ${task.claimedBy}; only they or a supervisor of its unit can release it`);
    }
    return this.update(task, () => this.handle(task).executeUpdate(releaseTaskUpdate, { args: [{ taskId, actor, ...(reason ? { reason } : {}) }] }));
  }

  async reassign(taskId: string, user: AuthUser, to: string, reason: string) {
    const task = await this.openTask(taskId);
    const actor = await this.units.actorFor(user, { withSupervision: true });
    if (!supervisesTask(actor, task)) {
      throw new HttpError(403, `Only a supervisor of ${await this.unitLabel(task)} can reassign task "${task.name}"`);
    }
    const assignee = await this.units.actorForUsername(to, 'body.to');
    if (!isCandidate(assignee, task)) throw await this.notCandidate(to, task, 422);
    return this.update(task, () => this.handle(task).executeUpdate(reassignTaskUpdate, { args: [{ taskId, actor, assignee, reason }] }));
  }

  private handle(task: Task) {
    return this.temporal.workflow.getHandle(task.caseId);
  }

  private async openTask(taskId: string): Promise<Task> {
    const task = await this.prisma.task.findUnique({ where: { id: taskId } });
    if (!task) throw new HttpError(404, `No task with id "${taskId}"`);
    if (task.status !== 'open') throw new HttpError(409, `Task "${task.name}" is ${task.status}, not open`);
    return task;
  }

  private async unitLabel(task: Task): Promise<string> {
    if (!task.unitId) return 'the office (global supervisor role)';
    const unit = await this.prisma.unit.findUnique({ where: { id: task.unitId }, select: { code: true } });
    return `unit ${unit?.code ?? task.unitId}`;
  }

  private async notCandidate(username: string, task: Task, status = 403): Promise<HttpError> {
    const where = task.unitId ? ` in ${await this.unitLabel(task)}` : '';
    return new HttpError(status, `${username} holds none of the roles of task "${task.name}" (${candidatesText(task)})${where}`);
  }

  /** Runs the Update; the workflow's validator has the last word, its refusals become 4xx answers. */
  private async update(task: Task, run: () => Promise<TaskAssignment>) {
    const result = await updateCase(run, (code, message) =>
      code === 'case.ended' ? `Task "${task.name}" is no longer open: its case has ended` : `Task "${task.name}": ${message}`,
    );
    await this.starter.projected(task.caseId, result.projectedSeq);
    return { id: result.taskId, claimedBy: result.claimedBy };
  }
}

/** Sorting by due date puts tasks without one last; createdAt breaks ties. */
function dueDateOrder(q: InboxQuery): Prisma.TaskOrderByWithRelationInput[] {
  return q.sort === 'dueDate' ? [{ dueAt: { sort: q.order, nulls: 'last' } }] : [];
}
