// Triage by the complaint desk (admin-pengaduan, issue 18): categorize, dispose
// to a unit (the case's handling unit changes through the workflow's
// changeHandlingUnit Update: a case event with the reason, and the unit's staff
// get the open tasks), mark a duplicate (it closes; its reporter follows the
// original), ask the reporter for clarification (the SLA clocks of the case's
// open steps marked alur:slaPaused stand still until the answer), refuse as not
// a complaint. Each action is a notice to the reporter (notices.ts).
import { updateCase, CASE_ENDED_MESSAGE } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import type { Client } from '@temporalio/client';
import { cancelCaseUpdate, changeHandlingUnitUpdate, waitForCitizenUpdate, type SopIR } from '@alur/workflows';
import type { AuthUser } from '../auth/service';
import { HttpError } from '../../services/http-error';
import { complaintView } from '../complaints/service';
import { enqueueNotice } from '../complaints/notices';
import type { QueueItem } from './schema';

const actorOf = (user: AuthUser) => ({ username: user.username, roles: user.roles });

export class TriageService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
  ) {}

  async queue(q: { triage?: string; channel?: string; limit?: number; offset?: number }, reader: AuthUser): Promise<{ total: number; items: QueueItem[] }> {
    const where = { caseId: { not: null }, ...(q.triage ? { triage: q.triage } : {}), ...(q.channel ? { channel: q.channel } : {}) };
    const [total, rows] = await Promise.all([
      this.prisma.complaint.count({ where }),
      this.prisma.complaint.findMany({ where, orderBy: [{ receivedAt: 'desc' }, { id: 'asc' }], take: q.limit ?? 50, skip: q.offset ?? 0 }),
    ]);
    const cases = await this.prisma.case.findMany({
      where: { id: { in: rows.map((r) => r.caseId!) } },
      select: { id: true, trackingCode: true, status: true, dueAt: true, unit: { select: { code: true } } },
    });
    const byId = new Map(cases.map((c) => [c.id, c]));
    return {
      total,
      items: rows.map((r) => {
        const c = byId.get(r.caseId!);
        return {
          ...complaintView(r, reader),
          trackingCode: c?.trackingCode ?? null,
          caseStatus: c?.status ?? null,
          unit: c?.unit?.code ?? null,
          dueAt: c?.dueAt?.toISOString() ?? null,
          triage: r.triage,
          triageReason: r.triageReason,
          triagedBy: r.triagedBy,
          triagedAt: r.triagedAt?.toISOString() ?? null,
          duplicateOf: r.duplicateOfCaseId,
        };
      }),
    };
  }

  private async complaintOf(caseId: string) {
    const row = await this.prisma.complaint.findUnique({ where: { caseId } });
    if (!row) throw new HttpError(404, `Case "${caseId}" is not a complaint`, undefined, 'complaint.not_found');
    return row;
  }

  private async runningCase(caseId: string) {
    const c = await this.prisma.case.findUnique({
      where: { id: caseId },
      select: { id: true, status: true, trackingCode: true, sopVersion: { select: { ir: true } } },
    });
    if (!c) throw new HttpError(404, `No case with id "${caseId}"`);
    if (c.status !== 'running' && c.status !== 'incident')
      throw new HttpError(409, `The case is ${c.status}; triage is for running cases`, undefined, 'case.not_running');
    return c;
  }

  private triaged(id: string, user: AuthUser, data: Record<string, unknown>) {
    const now = new Date();
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.complaint.findUniqueOrThrow({ where: { id } });
      return tx.complaint.update({ where: { id }, data: { ...data, triagedBy: user.username, triagedAt: now, firstResponseAt: row.firstResponseAt ?? now } });
    });
  }

  async categorize(caseId: string, category: string, user: AuthUser) {
    const row = await this.complaintOf(caseId);
    await this.triaged(row.id, user, { category });
    return { caseId, category };
  }

  async dispose(caseId: string, unitCode: string, reason: string, user: AuthUser) {
    const row = await this.complaintOf(caseId);
    const unit = await this.prisma.unit.findUnique({ where: { code: unitCode }, select: { id: true, code: true, name: true } });
    if (!unit) throw new HttpError(422, `No unit "${unitCode}"`, { errors: [{ field: 'body.unit', message: 'is not a unit' }] }, 'triage.unit_unknown');
    await this.runningCase(caseId);
    await updateCase(
      () => this.temporal.workflow.getHandle(caseId).executeUpdate(changeHandlingUnitUpdate, { args: [{ actor: actorOf(user), unitId: unit.id, reason }] }),
      (code, message) => (code === 'case.not_running' || code === 'case.ended' ? CASE_ENDED_MESSAGE : message),
    );
    await this.triaged(row.id, user, { triage: 'didisposisi', triageReason: reason });
    await enqueueNotice(this.prisma, caseId, 'disposition', { unit: unit.name, reason });
    return { caseId, unit: unit.code, triage: 'didisposisi' };
  }

  async duplicateOf(caseId: string, originalId: string, user: AuthUser) {
    const row = await this.complaintOf(caseId);
    const field = (message: string) => new HttpError(422, message, { errors: [{ field: 'body.caseId', message }] }, 'triage.duplicate_invalid');
    if (originalId === caseId) throw field('a complaint cannot be a duplicate of itself');
    const original = await this.prisma.complaint.findUnique({ where: { caseId: originalId } });
    if (!original) throw field(`case "${originalId}" is not a complaint`);
    if (original.triage === 'duplikat') throw field(`case "${originalId}" is itself a duplicate of ${original.duplicateOfCaseId}; name that one`);
    const originalCase = await this.prisma.case.findUniqueOrThrow({ where: { id: originalId }, select: { trackingCode: true } });
    await this.runningCase(caseId);
    // Linked before the case closes: from here on the reporter gets the original's notices.
    await this.triaged(row.id, user, { triage: 'duplikat', duplicateOfCaseId: originalId, triageReason: `Duplikat dari ${originalCase.trackingCode}` });
    await updateCase(
      () =>
        this.temporal.workflow
          .getHandle(caseId)
          .executeUpdate(cancelCaseUpdate, { args: [{ actor: actorOf(user), reason: `Duplikat dari pengaduan ${originalCase.trackingCode}` }] }),
      (code, message) => (code === 'case.not_running' || code === 'case.ended' ? CASE_ENDED_MESSAGE : message),
    );
    return { caseId, duplicateOf: originalId, triage: 'duplikat' };
  }

  async refuse(caseId: string, reason: string, user: AuthUser) {
    const row = await this.complaintOf(caseId);
    await this.runningCase(caseId);
    await updateCase(
      () =>
        this.temporal.workflow.getHandle(caseId).executeUpdate(cancelCaseUpdate, { args: [{ actor: actorOf(user), reason: `Bukan pengaduan: ${reason}` }] }),
      (code, message) => (code === 'case.not_running' || code === 'case.ended' ? CASE_ENDED_MESSAGE : message),
    );
    await this.triaged(row.id, user, { triage: 'ditolak', triageReason: reason });
    await enqueueNotice(this.prisma, caseId, 'refusal', { reason });
    return { caseId, triage: 'ditolak' };
  }

  /** Asks the reporter; the open steps marked alur:slaPaused wait for the citizen (their SLA clocks, and the case's, stand still). */
  async clarify(caseId: string, question: string, user: AuthUser) {
    const row = await this.complaintOf(caseId);
    const paused = await this.setWaiting(caseId, true, question, user);
    await this.triaged(row.id, user, { triage: 'klarifikasi', triageReason: question });
    await enqueueNotice(this.prisma, caseId, 'clarification', { question });
    return { caseId, triage: 'klarifikasi', pausedTasks: paused };
  }

  /** The reporter answered: the clocks go on. */
  async clarified(caseId: string, user: AuthUser) {
    const row = await this.complaintOf(caseId);
    if (row.triage !== 'klarifikasi') throw new HttpError(409, 'No clarification is pending for this complaint', undefined, 'triage.no_clarification');
    const resumed = await this.setWaiting(caseId, false, undefined, user);
    const c = await this.prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { unitId: true } });
    await this.triaged(row.id, user, { triage: c.unitId ? 'didisposisi' : 'baru' });
    return { caseId, triage: c.unitId ? 'didisposisi' : 'baru', resumedTasks: resumed };
  }

  private async setWaiting(caseId: string, waiting: boolean, reason: string | undefined, user: AuthUser): Promise<string[]> {
    const c = await this.runningCase(caseId);
    const ir = c.sopVersion.ir as unknown as SopIR;
    const tasks = await this.prisma.task.findMany({ where: { caseId, status: 'open' }, select: { id: true, elementId: true, waitingSince: true } });
    const pausable = tasks.filter((t) => ir.nodes[t.elementId]?.slaPaused === true && (waiting ? !t.waitingSince : !!t.waitingSince));
    for (const t of pausable) {
      await updateCase(() =>
        this.temporal.workflow
          .getHandle(caseId)
          .executeUpdate(waitForCitizenUpdate, { args: [{ actor: actorOf(user), taskId: t.id, waiting, ...(reason ? { reason } : {}) }] }),
      );
    }
    return pausable.map((t) => t.id);
  }
}
