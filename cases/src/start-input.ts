// A case's start input (the runSop workflow's RunSopInput), assembled here
// only: API starts and citizen starts, message and signal starts (from the API
// and from the worker), reopen. A call activity's child case is assembled in
// the calling workflow (interpreter/elements/call-activity.ts: it inherits the
// caller's unit and calendar), from what versionBindings gives the
// resolveCalledSop activity.
import type { PrismaClient } from '@alur/db';
import { newTrackingCode, type CaseReopen, type RunSopInput, type SopIR, type StartMessage } from '@alur/workflows';
import type { BusinessCalendar } from '@alur/workflows/calendar';
import { caseGovernance, resolveCalendar } from './governance';
import { fixedUnitIds } from './handling-unit';
import { CaseRefusal } from './refusals';
import type { GovernanceSettings } from './settings';

/** A deployed SOP version as a start needs it. */
export interface SopVersionRef {
  id: string;
  version: number;
  ir: SopIR;
}

/** What a case of an SOP version takes from the database besides its unit's calendar: the ids of the fixed units its IR names, its SLA overrides. */
export interface VersionBindings {
  /** By unit code (alur:unit on its tasks and process). */
  unitIds: Record<string, string>;
  /** By element id. */
  slaOverrides: Record<string, string>;
}

/**
 * The bindings of an SOP version. A fixed unit that no longer exists is
 * refused (unit.missing, naming its elements) unless `missingUnits` is
 * 'ignore' (a call activity: the interpreter raises an incident at the task).
 */
export async function versionBindings(
  prisma: PrismaClient,
  sop: { id: string; ir: SopIR },
  missingUnits: 'refuse' | 'ignore' = 'refuse',
): Promise<VersionBindings> {
  const [fixed, overrides] = await Promise.all([fixedUnitIds(prisma, sop.ir), prisma.slaOverride.findMany({ where: { sopVersionId: sop.id } })]);
  if (missingUnits === 'refuse' && fixed.missing.length > 0) {
    throw new CaseRefusal('unit.missing', `SOP "${sop.ir.key}" names units that no longer exist`, {
      errors: fixed.missing.map((m) => ({ elementId: m.elementId, message: `alur:unit "${m.code}" is not a unit` })),
    });
  }
  return { unitIds: fixed.ids, slaOverrides: Object.fromEntries(overrides.map((o) => [o.elementId, o.sla])) };
}

export interface StartInputRequest {
  caseId: string;
  /** A new one when omitted (reopen keeps the case's). */
  trackingCode?: string;
  sop: SopVersionRef;
  variables: Record<string, unknown>;
  /** The handling unit's id; none: the case has no unit. */
  unitId?: string;
  startMessage?: StartMessage;
  reopen?: CaseReopen;
  /** Fixed units of the SOP that no longer exist: refused (a new case), or left out (a reopened case, which ran with them). */
  missingUnits?: 'refuse' | 'ignore';
}

/** The runSop input of a case: the SOP version's bindings and the handling unit's calendar resolved now, the settings read at boot. */
export async function prepareStartInput(prisma: PrismaClient, settings: GovernanceSettings, req: StartInputRequest): Promise<RunSopInput> {
  const [bindings, calendar] = await Promise.all([
    versionBindings(prisma, req.sop, req.missingUnits),
    resolveCalendar(prisma, req.unitId, new Date().getUTCFullYear()),
  ]);
  return assembleStartInput(req, bindings, calendar, settings);
}

/** The runSop input from what prepareStartInput resolved (no I/O). */
export function assembleStartInput(req: StartInputRequest, bindings: VersionBindings, calendar: BusinessCalendar, settings: GovernanceSettings): RunSopInput {
  return {
    caseId: req.caseId,
    trackingCode: req.trackingCode ?? newTrackingCode(),
    sopVersionId: req.sop.id,
    sopVersion: req.sop.version,
    ir: req.sop.ir,
    variables: req.variables,
    ...(req.unitId ? { unitId: req.unitId } : {}),
    ...(Object.keys(bindings.unitIds).length ? { unitIds: bindings.unitIds } : {}),
    governance: caseGovernance(calendar, req.unitId, bindings.slaOverrides, settings),
    ...(req.startMessage ? { startMessage: req.startMessage } : {}),
    ...(req.reopen ? { reopen: req.reopen } : {}),
  };
}
