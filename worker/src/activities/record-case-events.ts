// Writes a batch of case events to the event log and applies them to the
// projection (Case, Step, Task) in one transaction. Idempotent: events already
// recorded (same caseId and seq) are skipped, so retries never duplicate.
import type { CaseEvent, CaseEventBatch } from '@alur/workflows';
import type { Prisma, PrismaClient } from '@alur/db';

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
      for (const event of fresh) await applyEvent(tx, caseId, event);
      await tx.caseEvent.createMany({
        data: fresh.map(({ seq, at, kind, ...data }) => ({ caseId, seq, at: new Date(at), kind, data: data as Prisma.InputJsonValue })),
      });
      await tx.case.update({ where: { id: caseId }, data: { variables: variables as Prisma.InputJsonValue } });
    });
  };
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
          variables: e.variables as Prisma.InputJsonValue,
          startedAt: at,
        },
      });
      return;
    case 'step.started':
      await tx.step.create({
        data: { id: e.stepId, caseId, elementId: e.elementId, name: e.name, type: e.type, status: 'active', startedAt: at },
      });
      return;
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
          status: 'open',
          createdAt: at,
        },
      });
      return;
    case 'task.completed':
      await tx.task.update({ where: { id: e.taskId }, data: { status: 'completed', closedAt: at, completedBy: e.by } });
      return;
    case 'task.cancelled':
      await tx.task.update({ where: { id: e.taskId }, data: { status: 'cancelled', closedAt: at } });
      return;
    case 'variables.changed':
      return; // the batch carries the resulting variables
    case 'case.cancelled':
      await tx.case.update({ where: { id: caseId }, data: { cancelledBy: e.by, cancelReason: e.reason } });
      return;
    case 'case.ended':
      await tx.case.update({ where: { id: caseId }, data: { status: e.status, endedAt: at, error: e.error ?? null } });
      return;
  }
}
