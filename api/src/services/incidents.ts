// Incidents (Camunda Operate's model): steps stopped for a person to fix.
// Listed from the projection; resolved through Temporal (resolveIncident,
// cancelCase), so the case's history stays the source of truth.
import type { Client } from '@temporalio/client';
import { CASE_ENDED_MESSAGE, CaseRefusal, updateCase } from '@alur/cases';
import type { Prisma, PrismaClient } from '@alur/db';
import type { IncidentListQuery } from '../resources/incidents/schema';
import { resolveIncidentUpdate, type IncidentAction } from '@alur/workflows';
import { AUDITOR_ROLE, type AuthUser } from '../resources/auth/service';
import type { CaseService } from './cases';
import { HttpError } from './http-error';
import type { Page, PageQuery } from './page';
import type { UnitService } from '../resources/units/service';

/** Global roles that see and resolve every incident; unit supervisors see their units'; auditors read them all. */
const SEE_EVERY_INCIDENT = ['admin', 'supervisor'];
const READ_EVERY_INCIDENT = [...SEE_EVERY_INCIDENT, AUDITOR_ROLE];

/** GET /api/incidents's query once validated (its schema gives the type). */
export type IncidentQuery = IncidentListQuery;

export interface IncidentView {
  id: string;
  caseId: string;
  trackingCode: string;
  sopKey: string;
  sopVersion: number;
  unit: string | null;
  elementId: string;
  name: string;
  message: string;
  createdAt: string;
  state: 'open' | 'resolved';
  resolution: { action: IncidentAction; by: string | null; reason: string | null; at: string | null } | null;
  /** Sequence flows a skip may name (the element's outgoing flows). */
  flows: { id: string; name?: string; target: string }[];
}

const INCIDENT_INCLUDE = {
  case: { select: { trackingCode: true, sopKey: true, sopVersionNo: true, unit: { select: { code: true } }, sopVersion: { select: { ir: true } } } },
} as const;

function incidentRows(prisma: PrismaClient, where: Prisma.IncidentWhereInput, page?: PageQuery) {
  return prisma.incident.findMany({
    where,
    include: INCIDENT_INCLUDE,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    ...(page ? { skip: page.offset, take: page.limit } : {}),
  });
}

type IncidentRow = Awaited<ReturnType<typeof incidentRows>>[number];

/** A case's incidents, newest first, for its page (the reader already has access to the case). */
export async function incidentsOfCase(prisma: PrismaClient, caseId: string): Promise<IncidentView[]> {
  return (await incidentRows(prisma, { caseId })).map(view);
}

export class IncidentService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly units: UnitService,
    private readonly cases: CaseService,
  ) {}

  /** A route hook: 403 before the body is looked at for a caller who may not read (or resolve) incidents. */
  authorize(reading = false) {
    return async (req: { user?: AuthUser }) => {
      if (req.user) await this.scope(req.user, reading);
    };
  }

  /** Units whose incidents the user sees; undefined: every unit. Refuses users who supervise nothing. */
  private async scope(user: AuthUser, reading = false): Promise<string[] | undefined> {
    if (user.roles.some((r) => (reading ? READ_EVERY_INCIDENT : SEE_EVERY_INCIDENT).includes(r))) return undefined;
    const supervised = await this.units.supervisedUnitIds(user);
    if (supervised.length === 0)
      throw new HttpError(403, "Incidents are for admins and supervisors (a supervising role in a unit shows that unit's incidents)");
    return supervised;
  }

  private rows(where: Prisma.IncidentWhereInput, page?: PageQuery) {
    return incidentRows(this.prisma, where, page);
  }

  async list(user: AuthUser, q: IncidentQuery): Promise<Page<IncidentView>> {
    const units = await this.scope(user, true);
    let unitId: string | undefined;
    if (q.unit) {
      const unit = await this.prisma.unit.findUnique({ where: { code: q.unit }, select: { id: true } });
      if (!unit)
        throw new HttpError(422, `No unit with code "${q.unit}"`, { errors: [{ field: 'querystring.unit', message: `No unit with code "${q.unit}"` }] });
      unitId = unit.id;
    }
    let unitFilter: Prisma.CaseWhereInput['unitId'];
    if (units && unitId) unitFilter = units.includes(unitId) ? unitId : { in: [] };
    else if (units) unitFilter = { in: units };
    else unitFilter = unitId;
    const where: Prisma.IncidentWhereInput = {
      ...(q.state !== 'all' ? { state: q.state } : {}),
      ...(q.elementId ? { elementId: q.elementId } : {}),
      ...(q.caseId ? { caseId: q.caseId } : {}),
      case: { ...(q.sopKey ? { sopKey: q.sopKey } : {}), ...(unitFilter !== undefined ? { unitId: unitFilter } : {}) },
    };
    const [rows, total] = await Promise.all([this.rows(where, q), this.prisma.incident.count({ where })]);
    return { total, items: rows.map(view) };
  }

  private async openIncident(user: AuthUser, id: string): Promise<IncidentRow> {
    const units = await this.scope(user);
    const [row] = await this.rows({ id });
    if (!row) throw new HttpError(404, `No incident with id "${id}"`);
    const c = await this.prisma.case.findUnique({ where: { id: row.caseId }, select: { unitId: true } });
    if (units && !(c?.unitId && units.includes(c.unitId))) throw new HttpError(403, 'This incident is in a case of a unit you do not supervise');
    if (row.state !== 'open') throw new HttpError(409, `Incident ${id} is already resolved (${row.resolution ?? 'closed'})`);
    return row;
  }

  async retry(user: AuthUser, id: string, reason: string, variables?: Record<string, unknown>) {
    const row = await this.openIncident(user, id);
    if (variables) await this.cases.assertVariablesFitCase(row.caseId, variables);
    return this.resolve(user, row, 'retry', reason, { ...(variables ? { variables } : {}) });
  }

  async skip(user: AuthUser, id: string, reason: string, flowId?: string) {
    const row = await this.openIncident(user, id);
    return this.resolve(user, row, 'skip', reason, { ...(flowId ? { flowId } : {}) });
  }

  /** Cancels the incident's case (every open task and timer with it), as POST /api/instances/:id/cancel does. */
  async cancel(user: AuthUser, id: string, reason: string) {
    const row = await this.openIncident(user, id);
    await this.cases.cancel(row.caseId, user, reason);
    return this.get(id);
  }

  private async resolve(
    user: AuthUser,
    row: IncidentRow,
    action: IncidentAction,
    reason: string,
    extra: { variables?: Record<string, unknown>; flowId?: string },
  ) {
    try {
      await updateCase(
        () =>
          this.temporal.workflow.getHandle(row.caseId).executeUpdate(resolveIncidentUpdate, {
            args: [{ incidentId: row.id, action, actor: { username: user.username, roles: user.roles }, reason, ...extra }],
          }),
        (code, message) => (code === 'incident.not_open' ? `Incident ${row.id} is no longer open` : code === 'case.ended' ? CASE_ENDED_MESSAGE : message),
      );
    } catch (err) {
      // The workflow names no field; the flow to take is the body's flowId, at the incident's element.
      if (err instanceof CaseRefusal && err.code === 'incident.flow_required') {
        throw new CaseRefusal(err.code, err.message, { errors: [{ field: 'body.flowId', elementId: row.elementId, message: err.message }] });
      }
      throw err;
    }
    return this.get(row.id);
  }

  private async get(id: string): Promise<IncidentView> {
    const [row] = await this.rows({ id });
    return view(row!);
  }
}

interface IrLike {
  nodes: Record<string, { outgoing?: string[] }>;
  flows: Record<string, { name?: string; target: string }>;
}

function view(row: IncidentRow): IncidentView {
  const ir = row.case.sopVersion.ir as unknown as IrLike;
  const outgoing = ir.nodes[row.elementId]?.outgoing ?? [];
  return {
    id: row.id,
    caseId: row.caseId,
    trackingCode: row.case.trackingCode,
    sopKey: row.case.sopKey,
    sopVersion: row.case.sopVersionNo,
    unit: row.case.unit?.code ?? null,
    elementId: row.elementId,
    name: row.name,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    state: row.state as IncidentView['state'],
    resolution: row.resolution
      ? { action: row.resolution as IncidentAction, by: row.resolvedBy, reason: row.reason, at: row.resolvedAt?.toISOString() ?? null }
      : null,
    flows: outgoing.map((id) => ({ id, ...(ir.flows[id]?.name ? { name: ir.flows[id].name } : {}), target: ir.flows[id]?.target ?? '' })),
  };
}
