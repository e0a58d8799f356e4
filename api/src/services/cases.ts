// Cases: started and driven through Temporal (the source of truth), read from
// the projection the worker writes.
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { CASE_ENDED_MESSAGE, updateCase } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import {
  awaitSettledUpdate,
  cancelCaseUpdate,
  completeTaskUpdate,
  candidatesText,
  isCandidate,
  rolesForTask,
  RUN_SOP_WORKFLOW,
  type RunSopInput,
  type SopIR,
  type StartMessage,
  type FormSchema,
} from '@alur/workflows';
import { validateFormSubmission } from '@alur/workflows/compiler';
import { BPMN_ELEMENTS, elementOf } from '@alur/workflows/elements';
import type { AuthUser } from './auth';
import { outsideRoleAllowed } from './deviations';
import { governanceForCase } from './governance';
import { assertCaseAccess } from './case-access';
import { HttpError } from './http-error';
import { assertOnlyStartFormFields, assertStartForm, startFormSchema } from './start-form';
import { matchPattern } from './form-patterns';
import { assertVariablesFit, DEFAULT_MAX_CASE_VARIABLES_BYTES } from '../limits';
import { loadTimeZones } from './time-zones';
import { assertStartsWithoutMessage } from './message-start';
import type { SopService } from './sops';
import type { UnitRef, UnitService } from './units';
import { findTrackedCase } from './tracked-case';
import { incidentsOfCase } from './incidents';
import { newTrackingCode } from './tracking-code';
import type { DocumentService, FormDocument } from './documents';
import { attachFormFiles, type SentFile } from './form-files';

/** The case's citizen-facing outcome, as the projection keeps it (case.outcome events). */
const outcomeOf = (c: { outcome: string | null; outcomeMessage: string | null }) => (c.outcome ? { kind: c.outcome, message: c.outcomeMessage } : null);

export class CaseService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly taskQueue: string,
    private readonly sops: SopService,
    private readonly units: UnitService,
    /** Largest size of a case's variables as JSON (ALUR_MAX_CASE_VARIABLES_BYTES). */
    readonly maxVariablesBytes: number = DEFAULT_MAX_CASE_VARIABLES_BYTES,
  ) {}

  /**
   * Who may start a case as staff (POST /api/sops/:key/instances): an account
   * with a role; one with roles only in units may start cases of those units
   * only. An account with no role at all starts nothing.
   */
  async assertMayStart(user: AuthUser, unitRef: UnitRef): Promise<void> {
    if (user.roles.length === 0 && user.unitRoles.length === 0) {
      throw new HttpError(403, 'Starting a case needs a role; this account holds none');
    }
    if (user.roles.length > 0) return;
    const unit = await this.units.resolveHandlingUnit(unitRef);
    if (!unit || !user.unitRoles.some((r) => r.unitId === unit.id)) {
      throw new HttpError(403, `Your roles are in units only; start the case for one of them (body.unit)${unit ? `, not ${unit.code}` : ''}`);
    }
  }

  /**
   * `startMessage`: started by a published message (services/messages.ts), at that message start event.
   * `idempotencyKey` (the caller's Idempotency-Key, scoped to the caller): the same key always names the
   * same case, so a client that lost the answer (the API died, the connection dropped) can send the
   * request again and gets that case instead of a second one.
   */
  async start(
    sopKey: string,
    variables: Record<string, unknown>,
    unitRef: UnitRef = {},
    startMessage?: StartMessage,
    idempotencyKey?: string,
    /** A test case of this version (resources/sop-lifecycle); else the version in force. */
    version?: number,
  ) {
    const sop = await this.sops.getVersion(sopKey, version);
    if (!startMessage) assertStartsWithoutMessage(sop.ir);
    assertVariablesFit(variables, this.maxVariablesBytes);
    if (!startMessage) {
      // The start form's own fields only, for staff as for citizens: other variables are for later steps to set.
      const form = startFormSchema(sop.ir);
      if (form) assertOnlyStartFormFields(form, variables);
      assertStartForm(sop.ir, variables);
    }
    const unit = await this.units.handlingUnitFor(sop.ir, variables, unitRef);
    const fixed = await this.units.fixedUnitIds(sop.ir);
    if (fixed.missing.length > 0) {
      throw new HttpError(409, `SOP "${sopKey}" names units that no longer exist`, {
        errors: fixed.missing.map((m) => ({ elementId: m.elementId, message: `alur:unit "${m.code}" is not a unit` })),
      });
    }
    const input: RunSopInput = {
      caseId: idempotencyKey ? caseIdForKey(sopKey, idempotencyKey) : randomUUID(),
      trackingCode: newTrackingCode(),
      sopVersionId: sop.id,
      sopVersion: sop.version,
      ir: sop.ir,
      variables,
      ...(unit ? { unitId: unit.id } : {}),
      ...(Object.keys(fixed.ids).length ? { unitIds: fixed.ids } : {}),
      governance: await governanceForCase(this.prisma, sop.id, unit?.id),
      ...(startMessage ? { startMessage } : {}),
    };
    let handle;
    try {
      handle = await withinWait(
        this.temporal.workflow.start(RUN_SOP_WORKFLOW, {
          workflowId: input.caseId,
          taskQueue: this.taskQueue,
          args: [input],
          ...(idempotencyKey ? { workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE } : {}),
        }),
      );
      if (!handle)
        throw new HttpError(
          503,
          `Temporal did not accept the case within ${START_WAIT_MS / 1000} s; send the request again${idempotencyKey ? ' with the same Idempotency-Key' : ''}`,
        );
    } catch (err) {
      if (idempotencyKey && err instanceof WorkflowExecutionAlreadyStartedError) return this.startedEarlier(input.caseId);
      throw err;
    }
    // Answer once the case exists in the projection, so a read right after sees it; but not
    // later than START_WAIT_MS (the worker or the database may be restarting): the case is
    // started, and it becomes readable when the worker has caught up.
    await withinWait(handle.executeUpdate(awaitSettledUpdate));
    return { id: input.caseId, trackingCode: input.trackingCode };
  }

  /** The case an earlier request with the same idempotency key started (its tracking code is in the projection). */
  private async startedEarlier(caseId: string) {
    const projected = () => this.prisma.case.findUnique({ where: { id: caseId }, select: { trackingCode: true } });
    let c = await projected();
    if (!c) {
      await withinWait(this.temporal.workflow.getHandle(caseId).executeUpdate(awaitSettledUpdate));
      c = await projected();
    }
    // The worker is catching up (a restart): the request is fine, only early; 503 says "again, shortly".
    if (!c) throw new HttpError(503, `The case started with this Idempotency-Key (${caseId}) is not readable yet; send the request again`);
    return { id: caseId, trackingCode: c.trackingCode };
  }

  /**
   * Reopens a closed case at one of its top-level steps (a supervisor override,
   * e.g. a citizen disputes the outcome): a new run of the case's workflow with
   * the case's variables, recorded as a case.reopened event and an
   * override.reopen deviation.
   */
  async reopen(caseId: string, by: string, elementId: string | undefined, reason: string) {
    const c = await this.prisma.case.findUnique({ where: { id: caseId }, include: { sopVersion: { select: { ir: true } } } });
    if (!c) throw new HttpError(404, `No case with id "${caseId}"`);
    if (c.status === 'running' || c.status === 'incident')
      throw new HttpError(409, 'The case is still running; reopen is for closed cases (use skip or jump on a running one)');
    if (c.parentCaseId)
      throw new HttpError(409, `The case was started by a call activity of case ${c.parentCaseId}; reopen that case at its call activity instead`);
    const field = (message: string) => new HttpError(422, message, { errors: [{ field: 'body.stepId', message }] });
    if (!elementId) throw field('stepId names the step the reopened case goes on from');
    const ir = c.sopVersion.ir as unknown as SopIR;
    const node = ir.nodes[elementId];
    if (!node) throw field(`SOP "${c.sopKey}" version ${c.sopVersionNo} has no step "${elementId}"`);
    if (!BPMN_ELEMENTS[node.type].workStep || ('parent' in node && node.parent)) {
      throw field(
        `"${elementId}" (${node.type}${'parent' in node && node.parent ? ' inside a sub-process' : ''}) is not a task of the process itself; a case reopens at one`,
      );
    }
    const last = await this.prisma.caseEvent.aggregate({ where: { caseId }, _max: { seq: true } });
    const fixed = await this.units.fixedUnitIds(ir);
    const input: RunSopInput = {
      caseId,
      trackingCode: c.trackingCode,
      sopVersionId: c.sopVersionId,
      sopVersion: c.sopVersionNo,
      ir,
      variables: c.variables as Record<string, unknown>,
      ...(c.unitId ? { unitId: c.unitId } : {}),
      ...(Object.keys(fixed.ids).length ? { unitIds: fixed.ids } : {}),
      governance: await governanceForCase(this.prisma, c.sopVersionId, c.unitId ?? undefined),
      reopen: { elementId, by, reason, afterSeq: last._max.seq ?? 0 },
    };
    try {
      const handle = await this.temporal.workflow.start(RUN_SOP_WORKFLOW, { workflowId: caseId, taskQueue: this.taskQueue, args: [input] });
      await handle.executeUpdate(awaitSettledUpdate);
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new HttpError(409, 'The case is already running again', undefined);
      throw err;
    }
    return { id: caseId, action: 'reopen' };
  }

  /** A case as staff see it; its variables hold citizens' data, so only those with access to the case (case-access.ts) read it. */
  async get(id: string, reader: AuthUser) {
    await assertCaseAccess(this.prisma, this.units, reader, id);
    return this.read(id);
  }

  private async read(id: string) {
    const c = await this.prisma.case.findUnique({ where: { id }, include: { steps: true, unit: { select: { code: true } } } });
    if (!c) throw new HttpError(404, `No case with id "${id}"`);
    const ended = c.steps.filter((s) => s.endSeq !== null).sort((a, b) => a.endSeq! - b.endSeq!);
    const zoneOf = await loadTimeZones(this.prisma);
    return {
      id: c.id,
      trackingCode: c.trackingCode,
      sopKey: c.sopKey,
      sopVersion: c.sopVersionNo,
      unit: c.unit?.code ?? null,
      timeZone: zoneOf(c.unitId),
      status: c.status,
      ...(c.error ? { error: c.error } : {}),
      ...(c.cancelledBy ? { cancellation: { by: c.cancelledBy, reason: c.cancelReason ?? '' } } : {}),
      outcome: outcomeOf(c),
      startedAt: c.startedAt.toISOString(),
      endedAt: c.endedAt?.toISOString() ?? null,
      dueAt: c.dueAt?.toISOString() ?? null,
      ...(c.parentCaseId ? { parentCase: { id: c.parentCaseId, elementId: c.parentElementId ?? '' } } : {}),
      calledCases: await this.calledCases(id),
      incidents: await incidentsOfCase(this.prisma, id),
      activeSteps: c.steps
        .filter((s) => s.status === 'active')
        .map((s) => ({ elementId: s.elementId, name: s.name, ...(s.dueAt ? { dueAt: s.dueAt.toISOString() } : {}) })),
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
    const [tracked, zoneOf] = await Promise.all([findTrackedCase(this.prisma, code, 'name'), loadTimeZones(this.prisma)]);
    if (!tracked) throw new HttpError(404, 'No case has this tracking code');
    const { case: c, steps, sopVersion } = tracked;
    const visible = steps.filter((s) => elementOf(s.type)?.citizenTracked);
    return {
      sopName: sopVersion.name,
      // An incident is the office's to fix; the citizen sees the case in progress.
      status: c.status === 'incident' ? 'running' : c.status,
      timeZone: zoneOf(c.unitId),
      startedAt: c.startedAt.toISOString(),
      /** The case's SLA due date (alur:sla on the process), when it has one. */
      expectedCompletion: c.dueAt?.toISOString() ?? null,
      /** What the case came to (alur:outcome on the end event it reached), with its message: e.g. ditolak and why. */
      outcome: outcomeOf(c),
      currentSteps: visible.filter((s) => s.status === 'active').map((s) => ({ name: s.name, ...(s.dueAt ? { dueAt: s.dueAt.toISOString() } : {}) })),
      history: visible
        .filter((s) => s.endSeq !== null && s.status === 'completed')
        .sort((a, b) => a.endSeq! - b.endSeq!)
        .map((s) => ({ name: s.name, endedAt: s.endedAt!.toISOString() })),
    };
  }

  /** Cases its call activities started, in the order they started. */
  private async calledCases(id: string) {
    const children = await this.prisma.case.findMany({ where: { parentCaseId: id }, orderBy: { startedAt: 'asc' } });
    return children.map((c) => ({
      id: c.id,
      trackingCode: c.trackingCode,
      elementId: c.parentElementId ?? '',
      sopKey: c.sopKey,
      sopVersion: c.sopVersionNo,
      status: c.status,
      startedAt: c.startedAt.toISOString(),
      endedAt: c.endedAt?.toISOString() ?? null,
    }));
  }

  async cancel(id: string, user: AuthUser, reason: string) {
    const c = await this.prisma.case.findUnique({ where: { id }, select: { status: true, parentCaseId: true } });
    if (!c) {
      if (user.roles.includes('admin')) return this.terminateUnprojected(id, user, reason);
      throw new HttpError(404, `No case with id "${id}"`);
    }
    if (c.status !== 'running' && c.status !== 'incident') throw new HttpError(409, `The case is ${c.status}; only a running case can be cancelled`);
    // As in Camunda, a called case ends with its caller: cancelling the caller cancels it.
    if (c.parentCaseId) throw new HttpError(409, `The case was started by a call activity of case ${c.parentCaseId}; cancel that case instead`);
    // A case that stopped running meanwhile (the projection lagged) is one that has ended, as far as cancelling goes.
    await updateCase(
      () => this.temporal.workflow.getHandle(id).executeUpdate(cancelCaseUpdate, { args: [{ actor: { username: user.username, roles: user.roles }, reason }] }),
      (code, message) => (code === 'case.not_running' || code === 'case.ended' ? CASE_ENDED_MESSAGE : message),
    );
    return this.read(id);
  }

  /**
   * What the API checks before the completion goes to Temporal: the case's
   * variables stay within the size limit, and the task's form accepts the
   * submission, patterns included (RE2; the workflow's own validator checks the
   * rest again but cannot run patterns safely).
   */
  private async taskFormSchema(task: { caseId: string; elementId: string }): Promise<FormSchema | undefined> {
    const c = await this.prisma.case.findUnique({ where: { id: task.caseId }, select: { sopVersion: { select: { ir: true } } } });
    const node = (c?.sopVersion.ir as unknown as SopIR | undefined)?.nodes[task.elementId];
    return node?.type === 'userTask' ? (node.form?.schema as FormSchema | undefined) : undefined;
  }

  private async assertSubmissionFits(task: { caseId: string; elementId: string; name: string }, variables: Record<string, unknown>) {
    const c = await this.prisma.case.findUnique({ where: { id: task.caseId }, select: { variables: true, sopVersion: { select: { ir: true } } } });
    const caseVariables = (c?.variables ?? {}) as Record<string, unknown>;
    assertVariablesFit(variables, this.maxVariablesBytes, caseVariables);
    const node = (c?.sopVersion.ir as unknown as SopIR | undefined)?.nodes[task.elementId];
    const schema = node?.type === 'userTask' ? (node.form?.schema as FormSchema | undefined) : undefined;
    if (!schema) return;
    const errors = validateFormSubmission(schema, variables, caseVariables, { matchPattern });
    if (errors.length === 0) return;
    throw new HttpError(422, `The form of task "${task.name}" does not accept this submission: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, {
      errors: errors.map((e) => ({ field: `variables.${e.field}`, message: `${e.field} ${e.message}` })),
    });
  }

  /**
   * A case Temporal runs but the projection never saw (its workflow cannot get
   * as far as recording its start: an input Temporal refuses, a worker that
   * cannot run it). Only an admin ends it, by terminating the workflow: it has
   * no tasks or timers of Alur's to close. The API's audit trail keeps who and why.
   */
  private async terminateUnprojected(id: string, user: AuthUser, reason: string) {
    const handle = this.temporal.workflow.getHandle(id);
    try {
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') throw new HttpError(409, `The case's workflow has already ended (${status.name.toLowerCase()})`);
      await handle.terminate(`Cancelled by ${user.username}: ${reason}`);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new HttpError(404, `No case with id "${id}"`);
      throw err;
    }
    return { id, status: 'terminated' as const, cancellation: { by: user.username, reason } };
  }

  /** New variables for a case (a retried incident) stay within the size limit with the case's own. */
  async assertVariablesFitCase(caseId: string, variables: Record<string, unknown>) {
    const c = await this.prisma.case.findUnique({ where: { id: caseId }, select: { variables: true } });
    assertVariablesFit(variables, this.maxVariablesBytes, (c?.variables ?? {}) as Record<string, unknown>);
  }

  /**
   * `attach`: the files sent through the task form's file pickers; they become
   * case documents linked to their field and to the task's step, and the
   * field's variable names them. Without it, file picker values are taken as sent.
   */
  async completeTask(
    taskId: string,
    user: AuthUser,
    variables: Record<string, unknown>,
    attach?: { files: Record<string, SentFile[]>; documents: DocumentService },
  ) {
    const task = await this.prisma.task.findUnique({ where: { id: taskId } });
    if (!task) throw new HttpError(404, `No task with id "${taskId}"`);
    const actor = await this.units.actorFor(user);
    if (!isCandidate(actor, task) && !(await outsideRoleAllowed(this.prisma, task, user.username))) {
      const where = task.unitId ? ` in unit ${(await this.prisma.unit.findUnique({ where: { id: task.unitId } }))?.code ?? task.unitId}` : '';
      throw new HttpError(
        403,
        `Task "${task.name}" is for the roles ${candidatesText(task)}${where}; you hold ${rolesForTask(actor, task).join(', ') || 'none'} there`,
      );
    }
    if (task.status !== 'open') throw new HttpError(409, `Task "${task.name}" is ${task.status}, not open`);
    if (task.claimedBy && task.claimedBy !== user.username) throw new HttpError(409, `Task "${task.name}" is claimed by ${task.claimedBy}`);
    let docs: FormDocument[] = [];
    if (attach) {
      const attached = attachFormFiles(await this.taskFormSchema(task), variables, attach.files, attach.documents);
      variables = attached.variables;
      docs = attached.documents;
    }
    await this.assertSubmissionFits(task, variables);
    // The documents first, so the step after this one finds them; taken away again if the completion is refused.
    if (docs.length)
      await attach!.documents.store(
        task.caseId,
        user.username,
        docs.map((d) => ({ ...d, stepId: task.elementId })),
      );
    let result;
    try {
      result = await updateCase(
        () => this.temporal.workflow.getHandle(task.caseId).executeUpdate(completeTaskUpdate, { args: [{ taskId, actor, variables }] }),
        (code, message) => {
          if (code === 'task.not_open') return `Task "${task.name}" is no longer open`;
          // The case ended (e.g. a timer or terminate end event) before the update arrived.
          if (code === 'case.ended') return `Task "${task.name}" is no longer open: its case has ended`;
          return message;
        },
      );
    } catch (err) {
      if (docs.length)
        await attach!.documents.discard(
          task.caseId,
          docs.map((d) => d.id),
        );
      throw err;
    }
    return { id: taskId, status: 'completed' as const, completedAt: result.completedAt };
  }
}

/** How long starting a case may wait on Temporal and on the worker's projection before the API answers. */
const START_WAIT_MS = 20_000;

/** The promise's value, or undefined when it takes longer than START_WAIT_MS (it goes on in the background). */
async function withinWait<T>(promise: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), START_WAIT_MS);
  });
  promise.catch(() => undefined); // a late failure after the timeout must not become an unhandled rejection
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A UUID-shaped case id derived from the SOP and the caller-scoped idempotency key. */
export function caseIdForKey(sopKey: string, idempotencyKey: string): string {
  const h = createHash('sha256').update(`${sopKey}\n${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
