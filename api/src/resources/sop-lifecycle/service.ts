// The lifecycle of an SOP version (issue 17): draft -> diajukan -> disahkan ->
// berlaku (from a date) -> dicabut, each step by a role and with a note, kept
// as SopVersionTransition rows and appended to the audit trail. Who approves:
// the head (a supervising role) of the OPD at the top of the owning unit's
// tree, a holder of the `pengesah_sop` role in the owning unit or any unit
// above it (the unit tree names them), or an admin; never the person who
// submitted the version (four eyes: one person holding both roles cannot
// submit and approve the same version, 'sop.self_approval').
import { randomUUID } from 'node:crypto';
import { appendAuditNow, type Prisma, type PrismaClient } from '@alur/db';
import type { SopIR } from '@alur/workflows';
import type { AuthUser } from '../auth/service';
import type { CaseService } from '../../services/cases';
import { caseIdForKey } from '../../services/cases';
import { HttpError } from '../../services/http-error';
import type { SopService } from '../../services/sops';
import { inForceWhere, isInForce } from '@alur/cases';
import type { SopState } from './in-force';
import type { TestCaseBody, TransitionAction, TransitionBody } from './schema';
import { checkIdentity, missingAtApproval, missingAtSubmission, normalised, type SopIdentity } from '../sop-identity/identity';

/** The unit role that approves SOPs in its unit and every unit below it, besides the OPD's head. */
export const APPROVER_ROLE = 'pengesah_sop';

const MOVES: Record<TransitionAction, { from: SopState[]; to: SopState; who: 'designer' | 'approver' }> = {
  submit: { from: ['draft'], to: 'diajukan', who: 'designer' },
  approve: { from: ['diajukan'], to: 'disahkan', who: 'approver' },
  return: { from: ['diajukan'], to: 'draft', who: 'approver' },
  'make-effective': { from: ['disahkan'], to: 'berlaku', who: 'approver' },
  retire: { from: ['berlaku', 'disahkan'], to: 'dicabut', who: 'approver' },
};

const DESIGNER_ROLES = ['admin', 'designer'];
/** The refusal of an approval by the person who submitted the version. */
export const SELF_APPROVAL = 'sop.self_approval';

/** Who made the version's latest submission (draft -> diajukan); undefined before one. */
function submitterOf(transitions: { to: string; by: string }[]): string | undefined {
  return transitions.findLast((t) => t.to === 'diajukan')?.by;
}
/** Offset of Waktu Indonesia Barat: an effective date starts at 00:00 WIB. */
const WIB = '+07:00';

type VersionRow = Awaited<ReturnType<PrismaClient['sopVersion']['findFirst']>> & object;

export class SopLifecycleService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sops: SopService,
    private readonly cases: CaseService,
  ) {}

  private async version(key: string, version: number): Promise<VersionRow> {
    const row = await this.prisma.sopVersion.findUnique({ where: { key_version: { key, version } } });
    if (!row) throw new HttpError(404, `SOP "${key}" has no version ${version}`);
    return row;
  }

  async get(user: AuthUser, key: string, version: number) {
    const row = await this.version(key, version);
    const [transitions, current] = await Promise.all([
      this.prisma.sopVersionTransition.findMany({ where: { sopVersionId: row.id }, orderBy: { at: 'asc' } }),
      this.prisma.sopVersion.findFirst({ where: { key, ...inForceWhere() }, orderBy: { version: 'desc' }, select: { id: true } }),
    ]);
    const actions: TransitionAction[] = [];
    const withheld: { action: TransitionAction; code: string }[] = [];
    for (const [action, move] of Object.entries(MOVES) as [TransitionAction, (typeof MOVES)[TransitionAction]][]) {
      if (!move.from.includes(row.state as SopState)) continue;
      if (!(await this.roleFor(user, move.who, row.ownerUnit))) continue;
      if (action === 'approve' && submitterOf(transitions) === user.username) withheld.push({ action, code: SELF_APPROVAL });
      else actions.push(action);
    }
    return {
      key: row.key,
      version: row.version,
      name: row.name,
      state: row.state as SopState,
      inForce: current?.id === row.id,
      effectiveFrom: row.effectiveFrom?.toISOString() ?? null,
      ownerUnit: row.ownerUnit,
      approval: this.sops.approval,
      actions,
      withheld,
      transitions: transitions.map((t) => ({ from: t.from, to: t.to, by: t.by, role: t.role, note: t.note, at: t.at.toISOString() })),
    };
  }

  async transition(user: AuthUser, key: string, version: number, body: TransitionBody) {
    const row = await this.version(key, version);
    const move = MOVES[body.action];
    const note = body.note?.trim() || null;
    if (!move.from.includes(row.state as SopState)) {
      throw new HttpError(
        409,
        `Version ${version} of "${key}" is ${row.state}; "${body.action}" takes a version that is ${move.from.join(' or ')}`,
        undefined,
        'sop.transition_not_allowed',
      );
    }
    const role = await this.roleFor(user, move.who, row.ownerUnit);
    if (!role) {
      throw new HttpError(
        403,
        move.who === 'designer'
          ? `"${body.action}" needs one of the roles: ${DESIGNER_ROLES.join(', ')}`
          : `"${body.action}" is for the head of the OPD owning this SOP${row.ownerUnit ? ` (unit ${row.ownerUnit})` : ''}, a ${APPROVER_ROLE} of its unit tree, or an admin`,
        undefined,
        'sop.not_approver',
      );
    }
    if (body.action === 'approve') {
      const transitions = await this.prisma.sopVersionTransition.findMany({ where: { sopVersionId: row.id }, orderBy: { at: 'asc' } });
      if (submitterOf(transitions) === user.username) {
        throw new HttpError(
          403,
          `${user.username} submitted version ${version} of "${key}" and cannot also approve it; another approver (the head of the OPD, a ${APPROVER_ROLE} of its unit tree or an admin) must`,
          undefined,
          SELF_APPROVAL,
        );
      }
    }
    if ((body.action === 'return' || body.action === 'retire') && !note) {
      throw unprocessable('body.note', `"${body.action}" needs a note saying why`);
    }
    const identity = (row.identity ?? {}) as SopIdentity;
    const data: Prisma.SopVersionUpdateInput = { state: move.to };
    if (body.action === 'submit') {
      const ir = row.ir as unknown as SopIR;
      const unitCode = body.unit?.trim() || ir.unit;
      if (unitCode && !(await this.prisma.unit.findUnique({ where: { code: unitCode }, select: { id: true } }))) {
        throw unprocessable('body.unit', `"${unitCode}" is not a unit; name the unit owning the SOP`);
      }
      const missing = missingAtSubmission(identity);
      if (missing.length) throw identityIncomplete(missing, 'submitted');
      data.ownerUnit = unitCode ?? null;
    }
    if (body.action === 'approve') {
      const merged: SopIdentity = body.disahkanOleh ? { ...identity, disahkanOleh: { ...identity.disahkanOleh, ...body.disahkanOleh } } : identity;
      const problems = checkIdentity(merged);
      if (problems.length) throw new HttpError(422, 'The SOP identity is not valid', { errors: problems });
      const missing = missingAtApproval(merged);
      if (missing.length) throw identityIncomplete(missing, 'approved');
      data.identity = normalised(merged) as Prisma.InputJsonValue;
    }
    if (body.action === 'make-effective') {
      const date = body.effectiveFrom ?? todayInWib();
      const from = parseDate(date);
      if (!from) throw unprocessable('body.effectiveFrom', `"${date}" is not a date written YYYY-MM-DD`);
      data.effectiveFrom = from;
      data.identity = { ...identity, tanggalEfektif: identity.tanggalEfektif ?? date } as Prisma.InputJsonValue;
    }
    await this.prisma.$transaction(async (tx) => {
      const moved = await tx.sopVersion.updateMany({ where: { id: row.id, state: row.state }, data: data as Prisma.SopVersionUpdateManyMutationInput });
      if (moved.count === 0) throw new HttpError(409, `Version ${version} of "${key}" changed meanwhile; read it again`, undefined, 'sop.changed');
      await tx.sopVersionTransition.create({ data: { sopVersionId: row.id, from: row.state, to: move.to, by: user.username, role, note } });
    });
    // A version coming into force or retired changes which timer start events run.
    if (move.to === 'berlaku' || row.state === 'berlaku') await this.sops.syncTimers(key);
    await appendAuditNow(this.prisma, [
      {
        action: `sop.${body.action}`,
        actor: user.username,
        target: `sops:${key}@${version}`,
        details: {
          key,
          version,
          from: row.state,
          to: move.to,
          role,
          note,
          ...(data.effectiveFrom ? { effectiveFrom: (data.effectiveFrom as Date).toISOString() } : {}),
        },
      },
    ]);
    return this.get(user, key, version);
  }

  /**
   * A test case of a version that is not in force (a draft, or one waiting
   * for approval or for its effective date): marked as a test (SopTestCase,
   * Case.test) before it starts, so the projection never counts it.
   */
  async startTestCase(user: AuthUser, key: string, version: number, body: TestCaseBody) {
    const row = await this.version(key, version);
    if (row.state === 'dicabut' || isInForce(row)) {
      throw new HttpError(
        409,
        `Version ${version} of "${key}" is ${row.state === 'dicabut' ? 'dicabut' : 'in force'}; test cases run on versions not in force (draft, diajukan, disahkan)`,
        undefined,
        'sop.test_not_allowed',
      );
    }
    const idempotencyKey = `test\n${user.username}\n${randomUUID()}`;
    const caseId = caseIdForKey(key, idempotencyKey);
    await this.prisma.sopTestCase.create({ data: { caseId, sopVersionId: row.id, startedBy: user.username } });
    const started = await this.cases.start(key, body.variables ?? {}, { unit: body.unit }, undefined, idempotencyKey, version);
    await this.prisma.case.updateMany({ where: { id: started.id }, data: { test: true } });
    return { ...started, test: true };
  }

  /** The role `user` acts in for a move of this kind on an SOP owned by `ownerUnit`; undefined when they may not. */
  private async roleFor(user: AuthUser, who: 'designer' | 'approver', ownerUnit: string | null): Promise<string | undefined> {
    if (who === 'designer') return DESIGNER_ROLES.find((r) => user.roles.includes(r));
    if (user.roles.includes('admin')) return 'admin';
    if (!ownerUnit || user.unitRoles.length === 0) return undefined;
    const chain = await this.unitChain(ownerUnit);
    const opd = chain.at(-1);
    const head = opd && user.unitRoles.find((r) => r.unitId === opd.id && r.supervisor);
    if (head) return `${head.role}@${opd.code}`;
    for (const unit of chain) {
      if (user.unitRoles.some((r) => r.unitId === unit.id && r.role === APPROVER_ROLE)) return `${APPROVER_ROLE}@${unit.code}`;
    }
    return undefined;
  }

  /** The unit and those above it, up to its OPD (the top of its tree). */
  private async unitChain(code: string): Promise<{ id: string; code: string }[]> {
    const chain: { id: string; code: string }[] = [];
    let unit = await this.prisma.unit.findUnique({ where: { code }, select: { id: true, code: true, parentId: true } });
    while (unit && chain.length < 32 && !chain.some((u) => u.id === unit!.id)) {
      chain.push({ id: unit.id, code: unit.code });
      unit = unit.parentId ? await this.prisma.unit.findUnique({ where: { id: unit.parentId }, select: { id: true, code: true, parentId: true } }) : null;
    }
    return chain;
  }
}

function unprocessable(field: string, message: string): HttpError {
  return new HttpError(422, message, { errors: [{ field, message }] });
}

function identityIncomplete(missing: string[], when: 'submitted' | 'approved'): HttpError {
  return new HttpError(
    422,
    `The SOP identity lacks what a version needs before it is ${when}: ${missing.join(', ')} (PUT /api/sops/:key/versions/:version/identity)`,
    { errors: missing.map((f) => ({ field: `identity.${f}`, message: 'is required' })) },
    'sop.identity_incomplete',
  );
}

/** A YYYY-MM-DD calendar date as 00:00 WIB; undefined when it is not one. */
export function parseDate(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const d = new Date(`${text}T00:00:00${WIB}`);
  if (Number.isNaN(d.getTime())) return undefined;
  // 2026-02-30 is refused, not rolled over into March.
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10) === text ? d : undefined;
}

function todayInWib(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}
