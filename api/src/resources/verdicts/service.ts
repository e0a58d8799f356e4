// The citizen's verdict on a completed complaint (issue 18), by tracking code:
// puas / tidak puas, 1-5, a comment. Tidak puas reopens the case once, at its
// last completed user task, to the same unit (the case keeps its handling
// unit); a second tidak puas is recorded and the case stays closed. A completed
// complaint without a verdict for N working days (ALUR_VERDICT_DAYS) is closed
// as 'tanpa_jawaban' by the worker's complaint notifier.
import type { PrismaClient } from '@alur/db';
import { findTrackedCase } from '../../services/tracked-case';
import { HttpError } from '../../services/http-error';
import type { CaseService } from '../../services/cases';

export interface VerdictInput {
  verdict: 'puas' | 'tidak_puas';
  rating: number;
  comment?: string;
}

/** Whether the citizen may give a verdict now: the case completed, and no verdict since it last (re)opened. */
function awaitsVerdict(c: { status: string }, k: { verdictAt: Date | null; reopenedAt: Date | null }) {
  return c.status === 'completed' && (!k.verdictAt || (!!k.reopenedAt && k.verdictAt <= k.reopenedAt));
}

export class VerdictService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cases: CaseService,
  ) {}

  private async find(code: string) {
    const tracked = await findTrackedCase(this.prisma, code, 'name');
    const complaint = tracked ? await this.prisma.complaint.findUnique({ where: { caseId: tracked.case.id } }) : null;
    if (!tracked || !complaint) throw new HttpError(404, 'No complaint has this tracking code', undefined, 'complaint.not_found');
    return { c: tracked.case, complaint };
  }

  /** What the tracking page shows of a complaint (never its reporter). */
  async status(code: string) {
    const { c, complaint } = await this.find(code);
    return {
      channel: complaint.channel,
      category: complaint.category,
      triage: complaint.triage,
      awaitsVerdict: awaitsVerdict(c, complaint),
      verdict: complaint.verdict
        ? { verdict: complaint.verdict, rating: complaint.rating, comment: complaint.verdictComment, at: complaint.verdictAt!.toISOString() }
        : null,
      reopened: !!complaint.reopenedAt,
    };
  }

  async give(code: string, input: VerdictInput) {
    const { c, complaint } = await this.find(code);
    if (!awaitsVerdict(c, complaint)) {
      throw new HttpError(
        409,
        c.status !== 'completed' ? 'The complaint is not completed yet; give the verdict when it is' : 'A verdict was already given for this completion',
        undefined,
        'verdict.not_awaited',
      );
    }
    const now = new Date();
    // The first to record it wins (two clicks at once record one verdict).
    const { count } = await this.prisma.complaint.updateMany({
      where: { id: complaint.id, verdictAt: complaint.verdictAt },
      data: { verdict: input.verdict, rating: input.rating, verdictComment: input.comment ?? null, verdictAt: now },
    });
    if (count === 0) throw new HttpError(409, 'A verdict was already given for this completion', undefined, 'verdict.not_awaited');
    let reopened = false;
    if (input.verdict === 'tidak_puas' && !complaint.reopenedAt) {
      const last = await this.prisma.step.findFirst({
        where: { caseId: c.id, type: 'userTask', status: 'completed', endSeq: { not: null } },
        orderBy: { endSeq: 'desc' },
        select: { elementId: true },
      });
      if (last) {
        await this.prisma.complaint.update({ where: { id: complaint.id }, data: { reopenedAt: now } });
        await this.cases.reopen(c.id, 'pelapor', last.elementId, `Pelapor tidak puas (${input.rating}/5)${input.comment ? `: ${input.comment}` : ''}`);
        reopened = true;
      }
    }
    return { verdict: input.verdict, rating: input.rating, reopened };
  }
}
