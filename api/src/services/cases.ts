// Cases: started and driven through Temporal (the source of truth), read from
// the projection the worker writes.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { assertVariablesFit, CASE_ENDED_MESSAGE, prepareStartInput, updateCase, type CaseStarter } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import {
  awaitSettledUpdate,
  cancelCaseUpdate,
  completeTaskUpdate,
  candidatesText,
  isCandidate,
  rolesForTask,
  RUN_SOP_WORKFLOW,
  type SopIR,
  type StartMessage,
  type FormSchema,
} from '@alur/workflows';
import { validateFormSubmission } from '@alur/workflows/compiler';
import { BPMN_ELEMENTS, elementOf } from '@alur/workflows/elements';
import type { AuthUser } from './auth';
import { outsideRoleAllowed } from './deviations';
import { assertCaseAccess } from './case-access';
import { HttpError } from './http-error';
import { assertOnlyStartFormFields, assertStartForm, startFormSchema } from './start-form';
import { matchPattern } from './form-patterns';
import { loadTimeZones } from './time-zones';
import { assertStartsWithoutMessage } from './message-start';
import type { UnitRef, UnitService } from '../resources/units/service';
import { findTrackedCase } from './tracked-case';
import { incidentsOfCase } from './incidents';
import type { DocumentService, FormDocument } from './documents';
import { attachFormFiles, type SentFile } from './form-files';

/** The case's citizen-facing outcome, as the projection keeps it (case.outcome events). */
const outcomeOf = (c: { outcome: string | null; outcomeMessage: string | null }) => (c.outcome ? { kind: c.outcome, message: c.outcomeMessage } : null);

export class CaseService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    /** The case core's starter, shared with message and signal starts. */
    readonly starter: CaseStarter,
    private readonly units: UnitService,
  ) {}

  /** Largest size of a case's variables as JSON (ALUR_MAX_CASE_VARIABLES_BYTES, read at boot). */
  get maxVariablesBytes(): number {
    return this.starter.settings.maxCaseVariablesBytes;
  }

  /**
   * Who may start a case as staff (POST /api/sops/:key/instances): an account
   * with a role; one with roles only in units may start cases handled by one of
   * those units. The handling unit is the one the case would get (the start's
   * `unit`, the start form's unit choice, the SOP's alur:unit, the default
   * unit); when none applies and the account holds roles in exactly one unit,
   * the case is that unit's (a walk-in request at a UPT's counter). Returns the
   * unit to start the case for. An account with no role at all starts nothing.
   */
  async unitToStartFor(user: AuthUser, ir: SopIR, variables: Record<string, unknown>, unitRef: UnitRef): Promise<UnitRef> {
    if (user.roles.length === 0 && user.unitRoles.length === 0) {
      throw new HttpError(403, 'Starting a case needs a role; this account holds none');
    }
    if (user.roles.length > 0) return unitRef;
    const unit = await this.units.handlingUnitFor(ir, variables, unitRef);
    const mine = [...new Set(user.unitRoles.map((r) => r.unitId))];
    if (unit && mine.includes(unit.id)) return unitRef;
    if (!unit && mine.length === 1) return { unitId: mine[0] };
    throw new HttpError(403, `Your roles are in units only; start the case for one of them (body.unit)${unit ? `, not ${unit.code}` : ''}`);
  }

  /**
   * `startMessage`: started by a published message (services/messages.ts) or a signal, at that start event.
   * `idempotencyKey` (the caller's Idempotency-Key, scoped to the caller): the same key always names the
   * same case, so a client that lost the answer (the API died, the connection dropped) can send the
   * request again and gets that case instead of a second one. The start itself is the case core's
   * (CaseStarter); the API adds what only it checks: a plain start needs a none start event, and its
   * variables are the start form's.
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
    const sop = await this.starter.sopVersion(sopKey, version);
    if (!startMessage) assertStartsWithoutMessage(sop.ir);
    return this.starter.start({
      sop,
      variables,
      unitRef,
      ...(startMessage ? { startMessage } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      check: startMessage
        ? undefined
        : ({ ir }) => {
            // The start form's own fields only, for staff as for citizens: other variables are for later steps to set.
            const form = startFormSchema(ir);
            if (form) assertOnlyStartFormFields(form, variables);
            assertStartForm(ir, variables);
          },
    });
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
    const input = await prepareStartInput(this.prisma, this.starter.settings.governance, {
      caseId,
      trackingCode: c.trackingCode,
      sop: { id: c.sopVersionId, version: c.sopVersionNo, ir },
      variables: c.variables as Record<string, unknown>,
      ...(c.unitId ? { unitId: c.unitId } : {}),
      reopen: { elementId, by, reason, afterSeq: last._max.seq ?? 0 },
      // The closed run ran without them too; a task at a unit that is gone raises an incident.
      missingUnits: 'ignore',
    });
    try {
      const handle = await this.temporal.workflow.start(RUN_SOP_WORKFLOW, { workflowId: caseId, taskQueue: this.starter.settings.taskQueue, args: [input] });
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
    // An event the designer left unnamed would show its BPMN id ("StartEvent_1"): the page says when the request came and how it ended anyway.
    const visible = steps.filter((s) => elementOf(s.type)?.citizenTracked && !(elementOf(s.type)?.kind === 'event' && s.name === s.elementId));
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
    // The workflow answered once it had decided; a read right after must see the completion.
    await this.starter.projected(task.caseId, result.projectedSeq);
    return { id: taskId, status: 'completed' as const, completedAt: result.completedAt };
  }
}

/** A UUID-shaped case id derived from the SOP and the caller-scoped idempotency key (the case core's). */
export { caseIdForKey } from '@alur/cases';
