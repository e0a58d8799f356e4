// Deviations and supervisor overrides: overrides and waits go through
// Temporal Updates (the workflow records the deviation); reports read the
// Deviation projection.
import type { Client } from '@temporalio/client';
import { updateCase } from '@alur/cases';
import { Prisma, type PrismaClient } from '@alur/db';
import { allowOutsideRoleUpdate, overrideCaseUpdate, waitForCitizenUpdate, type OverrideAction, type SopIR } from '@alur/workflows';
import { elementTypesWhere } from '@alur/workflows/elements';
import type { AuthUser } from './auth';
import { HttpError } from './http-error';
import type { PageQuery } from './page';
import type { UnitService } from '../resources/units/service';

export interface DeviationFilter {
  kind?: string;
  sop?: string;
  unit?: string;
  staff?: string;
  from?: string;
  to?: string;
}

export class DeviationService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly units: UnitService,
  ) {}

  async override(caseId: string, user: AuthUser, action: OverrideAction, stepId: string | undefined, reason: string) {
    const c = await this.prisma.case.findUnique({ where: { id: caseId }, select: { status: true } });
    if (!c) throw new HttpError(404, `No case with id "${caseId}"`);
    const actor = await this.units.actorFor(user, { withSupervision: true });
    await updateCase(() =>
      this.temporal.workflow.getHandle(caseId).executeUpdate(overrideCaseUpdate, { args: [{ actor, action, ...(stepId ? { stepId } : {}), reason }] }),
    );
  }

  async setWaiting(taskId: string, user: AuthUser, waiting: boolean, reason: string | undefined) {
    const task = await this.prisma.task.findUnique({ where: { id: taskId }, select: { caseId: true } });
    if (!task) throw new HttpError(404, `No task with id "${taskId}"`);
    const actor = await this.units.actorFor(user);
    await updateCase(() =>
      this.temporal.workflow.getHandle(task.caseId).executeUpdate(waitForCitizenUpdate, { args: [{ actor, taskId, waiting, ...(reason ? { reason } : {}) }] }),
    );
  }

  async allowOutsideRole(taskId: string, user: AuthUser, username: string, reason: string) {
    const task = await this.prisma.task.findUnique({ where: { id: taskId }, select: { caseId: true } });
    if (!task) throw new HttpError(404, `No task with id "${taskId}"`);
    if (!(await this.prisma.user.findUnique({ where: { username }, select: { id: true } }))) {
      throw new HttpError(422, `No user "${username}"`, { errors: [{ field: 'body.username', message: 'no such user' }] });
    }
    const actor = await this.units.actorFor(user);
    await updateCase(() =>
      this.temporal.workflow.getHandle(task.caseId).executeUpdate(allowOutsideRoleUpdate, { args: [{ actor, taskId, username, reason }] }),
    );
  }

  async list(filter: DeviationFilter, page: PageQuery) {
    const where = whereOf(filter);
    const [total, rows] = await Promise.all([
      this.prisma.deviation.count({ where }),
      this.prisma.deviation.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'asc' }], skip: page.offset, take: page.limit }),
    ]);
    const names = await this.elementNames(rows);
    return {
      total,
      items: rows.map((r) => ({ ...view(r), elementName: r.elementId ? (names.get(`${r.sopKey}\n${r.sopVersion}`)?.(r.elementId) ?? null) : null })),
    };
  }

  /** Per SOP version of `rows`: element id -> its name in that version (the process id -> the SOP's name). */
  private async elementNames(rows: { sopKey: string; sopVersion: number }[]): Promise<Map<string, (elementId: string) => string | undefined>> {
    const versions = new Map(rows.map((r) => [`${r.sopKey}\n${r.sopVersion}`, { key: r.sopKey, version: r.sopVersion }]));
    if (versions.size === 0) return new Map();
    const found = await this.prisma.sopVersion.findMany({ where: { OR: [...versions.values()] }, select: { key: true, version: true, ir: true } });
    return new Map(
      found.map((v) => {
        const ir = v.ir as unknown as SopIR;
        return [`${v.key}\n${v.version}`, (id: string) => (id === ir.key ? ir.name : ir.nodes[id]?.name) || undefined];
      }),
    );
  }

  async csv(filter: DeviationFilter): Promise<string> {
    const rows = await this.prisma.deviation.findMany({ where: whereOf(filter), orderBy: [{ at: 'asc' }, { id: 'asc' }], take: 100_000 });
    const header = ['id', 'at', 'kind', 'caseId', 'sopKey', 'sopVersion', 'unitId', 'elementId', 'stepId', 'by', 'details'];
    const lines = rows.map((r) => {
      const v = view(r);
      return [v.id, v.at, v.kind, v.caseId, v.sopKey, v.sopVersion, v.unitId ?? '', v.elementId ?? '', v.stepId ?? '', v.by ?? '', JSON.stringify(v.details)]
        .map(csvCell)
        .join(',');
    });
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  }

  /**
   * Per SOP, unit or staff member: SLA compliance (steps with an SLA that
   * ended by their due date, %), mean and p90 duration of ended task steps
   * (ms), and SLA breaches, of every SOP or of `sop`. Staff: who ended the step.
   */
  async summary(by: 'sop' | 'unit' | 'staff', filter: Pick<DeviationFilter, 'sop' | 'from' | 'to'> & { sopVersion?: number }) {
    const sop = filter.sop ?? null;
    const sopVersion = filter.sopVersion ?? null;
    const group = { sop: Prisma.sql`c."sopKey"`, unit: Prisma.sql`c."unitId"`, staff: Prisma.sql`s."by"` }[by];
    const period = Prisma.sql`s."endedAt" >= ${filter.from ? new Date(filter.from) : new Date(0)} AND s."endedAt" <= ${filter.to ? new Date(filter.to) : new Date('9999-12-31')}`;
    const steps = await this.prisma.$queryRaw<
      { key: string | null; steps: bigint; with_sla: bigint; on_time: bigint; mean_ms: number | null; p90_ms: number | null }[]
    >`
      SELECT ${group} AS key,
             count(*) AS steps,
             count(s."dueAt") AS with_sla,
             count(*) FILTER (WHERE s."dueAt" IS NOT NULL AND s."endedAt" <= s."dueAt") AS on_time,
             avg(EXTRACT(EPOCH FROM (s."endedAt" - s."startedAt")) * 1000)::float8 AS mean_ms,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (s."endedAt" - s."startedAt")) * 1000)::float8 AS p90_ms
      FROM "Step" s JOIN "Case" c ON c.id = s."caseId"
      WHERE s."endedAt" IS NOT NULL AND s.type IN (${Prisma.join(elementTypesWhere((e) => e.slaReported))}) AND ${period}
        AND (${sop}::text IS NULL OR c."sopKey" = ${sop}) AND (${sopVersion}::int IS NULL OR c."sopVersionNo" = ${sopVersion})
      GROUP BY 1`;
    const breachGroup = { sop: Prisma.sql`d."sopKey"`, unit: Prisma.sql`d."unitId"`, staff: Prisma.sql`s."by"` }[by];
    const breaches = await this.prisma.$queryRaw<{ key: string | null; breaches: bigint; at_risk: bigint }[]>`
      SELECT ${breachGroup} AS key,
             count(*) FILTER (WHERE d.kind = 'sla.breached') AS breaches,
             count(*) FILTER (WHERE d.kind = 'sla.at_risk') AS at_risk
      FROM "Deviation" d LEFT JOIN "Step" s ON s.id = d."stepId"
      WHERE d.kind IN ('sla.breached', 'sla.at_risk')
        AND d.at >= ${filter.from ? new Date(filter.from) : new Date(0)} AND d.at <= ${filter.to ? new Date(filter.to) : new Date('9999-12-31')}
        AND (${sop}::text IS NULL OR d."sopKey" = ${sop}) AND (${sopVersion}::int IS NULL OR d."sopVersion" = ${sopVersion})
      GROUP BY 1`;
    const keys = new Set([...steps.map((s) => s.key), ...breaches.map((b) => b.key)]);
    return [...keys].map((key) => {
      const s = steps.find((x) => x.key === key);
      const b = breaches.find((x) => x.key === key);
      const withSla = Number(s?.with_sla ?? 0);
      return {
        key,
        steps: Number(s?.steps ?? 0),
        stepsWithSla: withSla,
        slaCompliancePct: withSla ? Math.round((Number(s!.on_time) / withSla) * 1000) / 10 : null,
        meanStepMs: s?.mean_ms == null ? null : Math.round(s.mean_ms),
        p90StepMs: s?.p90_ms == null ? null : Math.round(s.p90_ms),
        breaches: Number(b?.breaches ?? 0),
        atRisk: Number(b?.at_risk ?? 0),
      };
    });
  }
}

/** Whether an admin allowed `username` to complete the task outside its role or unit (the case's event log says so). */
export async function outsideRoleAllowed(prisma: PrismaClient, task: { id: string; caseId: string }, username: string): Promise<boolean> {
  const grants = await prisma.caseEvent.findMany({
    where: { caseId: task.caseId, kind: 'task.outside_role_allowed', data: { path: ['taskId'], equals: task.id } },
    select: { data: true },
  });
  return grants.some((g) => (g.data as { username?: string }).username === username);
}

function whereOf(f: DeviationFilter): Prisma.DeviationWhereInput {
  return {
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.sop ? { sopKey: f.sop } : {}),
    ...(f.unit ? { unitId: f.unit } : {}),
    ...(f.staff ? { by: f.staff } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lte: new Date(f.to) } : {}) } } : {}),
  };
}

function view(r: {
  id: string;
  caseId: string;
  sopKey: string;
  sopVersion: number;
  unitId: string | null;
  stepId: string | null;
  elementId: string | null;
  kind: string;
  at: Date;
  by: string | null;
  details: unknown;
}) {
  return {
    id: r.id,
    caseId: r.caseId,
    sopKey: r.sopKey,
    sopVersion: r.sopVersion,
    unitId: r.unitId,
    stepId: r.stepId,
    elementId: r.elementId,
    kind: r.kind,
    at: r.at.toISOString(),
    by: r.by,
    details: r.details as Record<string, unknown>,
  };
}

function csvCell(value: unknown): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
