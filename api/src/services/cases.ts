// Cases: started and driven through Temporal (the source of truth), read from
// the projection the worker writes.
import { randomUUID } from 'node:crypto';
import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '@alur/db';
import {
  awaitSettledUpdate,
  cancelCaseUpdate,
  CASE_NOT_RUNNING,
  completeTaskUpdate,
  NOT_CANDIDATE,
  RUN_SOP_WORKFLOW,
  TASK_NOT_OPEN,
  type RunSopInput,
} from '@alur/workflows';
import type { AuthUser } from './auth';
import { HttpError } from './http-error';
import type { SopService } from './sops';
import { newTrackingCode, normalizeTrackingCode } from './tracking-code';

/** Flow nodes a citizen sees on the tracking page; gateways are modelling detail. */
const PUBLIC_STEP_TYPES = ['startEvent', 'endEvent', 'userTask', 'serviceTask', 'boundaryEvent'];

export class CaseService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly taskQueue: string,
    private readonly sops: SopService,
  ) {}

  async start(sopKey: string, variables: Record<string, unknown>) {
    const sop = await this.sops.getVersion(sopKey);
    const input: RunSopInput = {
      caseId: randomUUID(),
      trackingCode: newTrackingCode(),
      sopVersionId: sop.id,
      sopVersion: sop.version,
      ir: sop.ir,
      variables,
    };
    const handle = await this.temporal.workflow.start(RUN_SOP_WORKFLOW, {
      workflowId: input.caseId,
      taskQueue: this.taskQueue,
      args: [input],
    });
    // Answer once the case exists in the projection, so a read right after sees it.
    await handle.executeUpdate(awaitSettledUpdate);
    return { id: input.caseId, trackingCode: input.trackingCode };
  }

  async get(id: string) {
    const c = await this.prisma.case.findUnique({ where: { id }, include: { steps: true } });
    if (!c) throw new HttpError(404, `No case with id "${id}"`);
    const ended = c.steps.filter((s) => s.endSeq !== null).sort((a, b) => a.endSeq! - b.endSeq!);
    return {
      id: c.id,
      trackingCode: c.trackingCode,
      sopKey: c.sopKey,
      sopVersion: c.sopVersionNo,
      status: c.status,
      ...(c.error ? { error: c.error } : {}),
      ...(c.cancelledBy ? { cancellation: { by: c.cancelledBy, reason: c.cancelReason ?? '' } } : {}),
      startedAt: c.startedAt.toISOString(),
      endedAt: c.endedAt?.toISOString() ?? null,
      activeSteps: c.steps.filter((s) => s.status === 'active').map((s) => ({ elementId: s.elementId, name: s.name })),
      history: ended.map((s) => ({
        elementId: s.elementId,
        name: s.name,
        type: s.type,
        outcome: s.status,
        startedAt: s.startedAt.toISOString(),
        endedAt: s.endedAt!.toISOString(),
        ...(s.by ? { by: s.by } : {}),
      })),
      variables: c.variables as Record<string, unknown>,
    };
  }

  /** What a citizen may see: no variables, no staff names. */
  async track(code: string) {
    const trackingCode = normalizeTrackingCode(code);
    const c = trackingCode
      ? await this.prisma.case.findUnique({ where: { trackingCode }, include: { steps: true, sopVersion: { select: { name: true } } } })
      : null;
    if (!c) throw new HttpError(404, 'No case has this tracking code');
    const visible = c.steps.filter((s) => PUBLIC_STEP_TYPES.includes(s.type));
    return {
      sopName: c.sopVersion.name,
      status: c.status,
      startedAt: c.startedAt.toISOString(),
      currentSteps: visible.filter((s) => s.status === 'active').map((s) => ({ name: s.name })),
      history: visible
        .filter((s) => s.endSeq !== null && s.status === 'completed')
        .sort((a, b) => a.endSeq! - b.endSeq!)
        .map((s) => ({ name: s.name, endedAt: s.endedAt!.toISOString() })),
    };
  }

  async listTasks(user: AuthUser, instanceId?: string) {
    const tasks = await this.prisma.task.findMany({
      where: { status: 'open', candidateRoles: { hasSome: user.roles }, ...(instanceId ? { caseId: instanceId } : {}) },
      orderBy: { createdAt: 'asc' },
    });
    return tasks.map((t) => ({
      id: t.id,
      instanceId: t.caseId,
      elementId: t.elementId,
      name: t.name,
      candidateRoles: t.candidateRoles,
      createdAt: t.createdAt.toISOString(),
    }));
  }

  async cancel(id: string, user: AuthUser, reason: string) {
    const c = await this.prisma.case.findUnique({ where: { id }, select: { status: true } });
    if (!c) throw new HttpError(404, `No case with id "${id}"`);
    if (c.status !== 'running') throw new HttpError(409, `The case is ${c.status}; only a running case can be cancelled`);
    try {
      await this.temporal.workflow.getHandle(id).executeUpdate(cancelCaseUpdate, {
        args: [{ actor: { username: user.username, roles: user.roles }, reason }],
      });
    } catch (err) {
      if (
        (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === CASE_NOT_RUNNING) ||
        err instanceof WorkflowNotFoundError ||
        (err instanceof ServiceError && /already completed/i.test(err.message))
      ) {
        throw new HttpError(409, 'The case has already ended', undefined);
      }
      throw err;
    }
    return this.get(id);
  }

  async completeTask(taskId: string, user: AuthUser, variables: Record<string, unknown>) {
    const task = await this.prisma.task.findUnique({ where: { id: taskId } });
    if (!task) throw new HttpError(404, `No task with id "${taskId}"`);
    if (!user.roles.some((r) => task.candidateRoles.includes(r))) {
      throw new HttpError(403, `Task "${task.name}" is for the roles ${task.candidateRoles.join(', ')}; you have ${user.roles.join(', ') || 'none'}`);
    }
    if (task.status !== 'open') throw new HttpError(409, `Task "${task.name}" is ${task.status}, not open`);
    try {
      const handle = this.temporal.workflow.getHandle(task.caseId);
      const result = await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId, actor: { username: user.username, roles: user.roles }, variables }],
      });
      return { id: taskId, status: 'completed' as const, completedAt: result.completedAt };
    } catch (err) {
      throw mapUpdateError(err, task.name);
    }
  }
}

function mapUpdateError(err: unknown, taskName: string): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === TASK_NOT_OPEN) return new HttpError(409, `Task "${taskName}" is no longer open`);
    if (err.cause.type === NOT_CANDIDATE) return new HttpError(403, err.cause.message);
  }
  // The case ended (e.g. a timer or terminate end event) before the update arrived.
  if (err instanceof WorkflowNotFoundError || (err instanceof ServiceError && /already completed/i.test(err.message))) {
    return new HttpError(409, `Task "${taskName}" is no longer open: its case has ended`);
  }
  return err;
}
