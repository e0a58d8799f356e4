// Projects incidents (interpreter/incidents.ts): an open incident puts its
// case in status `incident`; resolving the last one puts it back to running.
import type { Prisma } from '@alur/db';
import type { CaseEvent } from '@alur/workflows';

type Tx = Prisma.TransactionClient;
type IncidentEvent = Extract<CaseEvent, { kind: 'incident.raised' | 'incident.resolved' }>;

export async function applyIncidentEvent(tx: Tx, caseId: string, e: IncidentEvent): Promise<void> {
  const at = new Date(e.at);
  if (e.kind === 'incident.raised') {
    await tx.incident.create({
      data: { id: e.incidentId, caseId, elementId: e.elementId, name: e.name, stepId: e.stepId ?? null, message: e.message, createdAt: at, state: 'open' },
    });
    await tx.case.update({ where: { id: caseId }, data: { status: 'incident' } });
    return;
  }
  await tx.incident.update({
    where: { id: e.incidentId },
    data: { state: 'resolved', resolution: e.action, resolvedAt: at, resolvedBy: e.by, reason: e.reason },
  });
  const stillOpen = await tx.incident.count({ where: { caseId, state: 'open' } });
  if (stillOpen === 0) await tx.case.updateMany({ where: { id: caseId, status: 'incident' }, data: { status: 'running' } });
}

/** A case that ends closes what is still open (its incidents went with it). */
export async function closeIncidentsOfEndedCase(tx: Tx, caseId: string, at: Date): Promise<void> {
  await tx.incident.updateMany({
    where: { caseId, state: 'open' },
    data: { state: 'resolved', resolution: 'cancel', resolvedAt: at, resolvedBy: 'system', reason: 'the case ended' },
  });
}
