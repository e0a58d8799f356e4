// Projection of the governance events: SLA due dates on cases, steps and
// tasks, and Deviation rows. A deviation's id is "<caseId>:<seq>" of the event
// that recorded it, so a retried batch never writes one twice.
import type { CaseEvent } from '@alur/workflows';
import type { Prisma } from '@alur/db';

type Tx = Prisma.TransactionClient;
type GovernanceEvent = Extract<
  CaseEvent,
  { kind: 'sla.started' | 'sla.paused' | 'sla.resumed' | 'deviation' | 'task.created' | 'task.reassigned' | 'task.outside_role_allowed' }
>;

export async function applyGovernanceEvent(tx: Tx, caseId: string, e: GovernanceEvent): Promise<void> {
  const at = new Date(e.at);
  switch (e.kind) {
    case 'sla.started':
    case 'sla.resumed': {
      const dueAt = new Date(e.dueAt);
      if (!e.stepId) {
        await tx.case.update({ where: { id: caseId }, data: { dueAt } });
        return;
      }
      await tx.step.update({ where: { id: e.stepId }, data: { dueAt, atRiskAt: new Date(e.atRiskAt) } });
      await tx.task.updateMany({ where: { stepId: e.stepId }, data: { dueAt, waitingSince: null } });
      return;
    }
    case 'task.outside_role_allowed':
      return; // kept in the event log; the API reads it there (outsideRoleAllowed)
    case 'sla.paused':
      if (e.taskId) await tx.task.update({ where: { id: e.taskId }, data: { waitingSince: at } });
      return;
    case 'task.created': {
      // The step's SLA clock starts (sla.started) just before its task is created.
      const step = await tx.step.findUnique({ where: { id: e.stepId }, select: { dueAt: true } });
      if (step?.dueAt) await tx.task.update({ where: { id: e.taskId }, data: { dueAt: step.dueAt } });
      return;
    }
    case 'task.reassigned':
      await insertDeviation(tx, caseId, e.seq, at, {
        kind: 'override.reassign',
        by: e.by,
        details: { taskId: e.taskId, ...(e.from ? { from: e.from } : {}), to: e.to, reason: e.reason },
        taskId: e.taskId,
      });
      return;
    case 'deviation':
      await insertDeviation(tx, caseId, e.seq, at, {
        kind: e.deviation,
        by: e.by,
        stepId: e.stepId,
        elementId: e.elementId,
        unitId: e.unitId,
        details: e.details,
      });
      return;
  }
}

async function insertDeviation(
  tx: Tx,
  caseId: string,
  seq: number,
  at: Date,
  d: { kind: string; by?: string; stepId?: string; elementId?: string; unitId?: string; taskId?: string; details: Record<string, unknown> },
): Promise<void> {
  const c = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { sopKey: true, sopVersionNo: true, unitId: true } });
  let { stepId, elementId } = d;
  if (d.taskId && !stepId) {
    const task = await tx.task.findUnique({ where: { id: d.taskId }, select: { stepId: true, elementId: true } });
    stepId = task?.stepId;
    elementId = task?.elementId;
  }
  await tx.deviation.createMany({
    data: [
      {
        id: `${caseId}:${seq}`,
        caseId,
        sopKey: c.sopKey,
        sopVersion: c.sopVersionNo,
        unitId: d.unitId ?? c.unitId ?? null,
        stepId: stepId ?? null,
        elementId: elementId ?? null,
        kind: d.kind,
        at,
        by: d.by ?? null,
        details: d.details as Prisma.InputJsonValue,
      },
    ],
    skipDuplicates: true,
  });
}
