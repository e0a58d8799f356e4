// Writes a batch of case events to the event log and applies them to the
// projection (Case, Step, Task) in one transaction, with an audit entry per
// event. Idempotent: events already recorded (same caseId and seq) are
// skipped, so retries never duplicate.
import type { CaseEvent, CaseEventBatch } from '@alur/workflows';
import { appendAudit, AUDIT_TX_OPTIONS, type Prisma, type PrismaClient } from '@alur/db';

import { applyGovernanceEvent } from './project-governance';
import { applyMessageEvent, closeSubscriptionsOfEndedCase } from './project-messages';
import { applyIncidentEvent, closeIncidentsOfEndedCase } from './project-incidents';

type Tx = Prisma.TransactionClient;

export function recordCaseEventsActivity(prisma: PrismaClient) {
  return async function recordCaseEvents({ caseId, events, variables }: CaseEventBatch): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const recorded = await tx.caseEvent.findMany({
        where: { caseId, seq: { in: events.map((e) => e.seq) } },
        select: { seq: true },
      });
      const done = new Set(recorded.map((r) => r.seq));
      const fresh = events.filter((e) => !done.has(e.seq));
      if (fresh.length === 0) return;
      const steps = new StepRows(tx, caseId);
      for (const event of fresh) {
        if (steps.take(event)) continue;
        await steps.flush();
        await applyEvent(tx, caseId, event);
      }
      await steps.flush();
      await tx.caseEvent.createMany({
        data: fresh.map(({ seq, at, kind, ...data }) => ({ caseId, seq, at: new Date(at), kind, data: data as Prisma.InputJsonValue })),
      });
      await tx.case.update({ where: { id: caseId }, data: { variables: variables as Prisma.InputJsonValue } });
      await appendAudit(
        tx,
        fresh.map(({ seq, at, kind, ...data }) => ({
          action: kind,
          actor: 'by' in data && typeof data.by === 'string' ? data.by : null,
          target: `case:${caseId}`,
          details: { seq, at, ...data },
        })),
      );
    }, AUDIT_TX_OPTIONS);
  };
}

type StepRow = Prisma.StepCreateManyInput;

/**
 * Steps started in a batch are inserted together, already ended when the batch
 * ends them too (gateways and events start and end at once), instead of one
 * insert and one update each. Rows go in before any other event is applied,
 * so the events that refer to a step find it.
 */
class StepRows {
  private rows = new Map<string, StepRow>();

  constructor(
    private readonly tx: Tx,
    private readonly caseId: string,
  ) {}

  /** Takes a step event into the pending rows; false when it must be applied on its own. */
  take(e: CaseEvent): boolean {
    if (e.kind === 'step.started') {
      this.rows.set(e.stepId, {
        id: e.stepId,
        caseId: this.caseId,
        elementId: e.elementId,
        name: e.name,
        type: e.type,
        status: 'active',
        startedAt: new Date(e.at),
      });
      return true;
    }
    const row = e.kind === 'step.ended' ? this.rows.get(e.stepId) : undefined;
    if (!row || e.kind !== 'step.ended') return false;
    Object.assign(row, { status: e.outcome, endedAt: new Date(e.at), endSeq: e.seq, by: e.by ?? null });
    return true;
  }

  async flush(): Promise<void> {
    if (this.rows.size === 0) return;
    await this.tx.step.createMany({ data: [...this.rows.values()] });
    this.rows = new Map();
  }
}

async function applyEvent(tx: Tx, caseId: string, e: CaseEvent): Promise<void> {
  const at = new Date(e.at);
  switch (e.kind) {
    case 'case.started':
      await tx.case.create({
        data: {
          id: caseId,
          trackingCode: e.trackingCode,
          sopVersionId: e.sopVersionId,
          sopKey: e.sopKey,
          sopVersionNo: e.sopVersion,
          status: 'running',
          // A test run of a version not in force (the API marks it before starting it), or a case it called: in no report or public figure.
          test:
            (await tx.sopTestCase.count({ where: { caseId } })) > 0 ||
            (e.parentCaseId ? (await tx.case.findUnique({ where: { id: e.parentCaseId }, select: { test: true } }))?.test === true : false),
          unitId: e.unitId ?? null,
          variables: e.variables as Prisma.InputJsonValue,
          startedAt: at,
          parentCaseId: e.parentCaseId ?? null,
          parentElementId: e.parentElementId ?? null,
        },
      });
      return;
    case 'step.started':
      return; // StepRows inserts it
    case 'step.ended':
      await tx.step.update({
        where: { id: e.stepId },
        data: { status: e.outcome, endedAt: at, endSeq: e.seq, by: e.by ?? null },
      });
      return;
    case 'task.created':
      await tx.task.create({
        data: {
          id: e.taskId,
          caseId,
          stepId: e.stepId,
          elementId: e.elementId,
          name: e.name,
          candidateRoles: e.candidateRoles,
          unitId: e.unitId ?? null,
          status: 'open',
          createdAt: at,
          dueDate: e.dueDate ? new Date(e.dueDate) : null,
          followUpDate: e.followUpDate ? new Date(e.followUpDate) : null,
          formKey: e.formKey ?? null,
          ...(e.inputs ? { inputs: e.inputs as Prisma.InputJsonValue } : {}),
        },
      });
      await applyGovernanceEvent(tx, caseId, e);
      return;
    case 'task.completed':
      await tx.task.update({ where: { id: e.taskId }, data: { status: 'completed', closedAt: at, completedBy: e.by } });
      return;
    case 'task.cancelled':
      await tx.task.update({ where: { id: e.taskId }, data: { status: 'cancelled', closedAt: at } });
      return;
    case 'task.claimed':
      await tx.task.update({ where: { id: e.taskId }, data: { claimedBy: e.by, claimedAt: at } });
      return;
    case 'task.reassigned':
      await tx.task.update({ where: { id: e.taskId }, data: { claimedBy: e.to, claimedAt: at } });
      await applyGovernanceEvent(tx, caseId, e);
      return;
    case 'task.released':
      await tx.task.update({ where: { id: e.taskId }, data: { claimedBy: null, claimedAt: null } });
      return;
    case 'variables.changed':
      return; // the batch carries the resulting variables
    case 'call.started':
    case 'call.ended':
      return; // the called case records itself, naming this one as its parent
    case 'case.cancelled':
      await tx.case.update({ where: { id: caseId }, data: { cancelledBy: e.by, cancelReason: e.reason } });
      return;
    case 'case.reopened':
      await tx.case.update({
        where: { id: caseId },
        data: { status: 'running', endedAt: null, error: null, cancelledBy: null, cancelReason: null, outcome: null, outcomeMessage: null },
      });
      return;
    case 'case.unit_changed':
      // Disposition (issue 18): the new unit's staff see the moved tasks in their inbox.
      await tx.case.update({ where: { id: caseId }, data: { unitId: e.unitId } });
      if (e.taskIds.length) await tx.task.updateMany({ where: { id: { in: e.taskIds } }, data: { unitId: e.unitId, claimedBy: null } });
      return;
    case 'sla.started':
    case 'sla.paused':
    case 'sla.resumed':
    case 'task.outside_role_allowed':
    case 'deviation':
      await applyGovernanceEvent(tx, caseId, e);
      return;
    case 'message.subscribed':
    case 'message.correlated':
    case 'message.unsubscribed':
    case 'message.sent':
    case 'signal.thrown':
      await applyMessageEvent(tx, caseId, e);
      return;
    case 'case.outcome':
      await tx.case.update({ where: { id: caseId }, data: { outcome: e.outcome, outcomeMessage: e.message ?? null } });
      return;
    case 'incident.raised':
    case 'incident.resolved':
      await applyIncidentEvent(tx, caseId, e);
      return;
    case 'case.ended':
      await closeSubscriptionsOfEndedCase(tx, caseId, at);
      await closeIncidentsOfEndedCase(tx, caseId, at);
      await tx.case.update({ where: { id: caseId }, data: { status: e.status, endedAt: at, error: e.error ?? null } });
      return;
  }
}
