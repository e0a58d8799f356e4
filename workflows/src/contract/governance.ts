// SOP governance: what the interpreter needs to time a case (business calendar,
// SLA overrides) and the Updates supervisors and staff use to act on it.
// Shared by the workflow (handlers), the API (callers) and the worker.
import { defineUpdate } from '@temporalio/workflow';
import type { BusinessCalendar } from '../calendar/types';
import { DEVIATION_KINDS } from './deviation-kinds';
import type { Actor, CaseSnapshot } from './updates';

/** Resolved by the API at case start and passed in the workflow input, so due dates are computed deterministically. */
export interface CaseGovernance {
  /** The handling unit's calendar (inherited from its parent units), or the default calendar; holidays included. */
  calendar: BusinessCalendar;
  /** The unit whose calendar this is; absent for the default calendar. */
  unitId?: string;
  /** SLA per element id (the process id for the whole case) from the SOP version's Standar Pelayanan; replaces the diagram's. */
  slaOverrides?: Record<string, string>;
  /** Share of the SLA after which a step or case is at risk; default 0.8. */
  atRiskShare?: number;
  /** A case without activity for this long (an SLA phrase, e.g. "5 hari kerja") is recorded as idle; absent: never. */
  idleAfter?: string;
}

export const DEFAULT_AT_RISK_SHARE = 0.8;

export { DEVIATION_KINDS };

export type DeviationKind = (typeof DEVIATION_KINDS)[number];

export type OverrideAction = 'skip' | 'jump' | 'reopen';

export interface OverrideRequest {
  actor: Actor;
  action: OverrideAction;
  /** skip: the element id of the active step to skip (may be left out when one step is active). jump: the element id to go to. */
  stepId?: string;
  reason: string;
}

/** ApplicationFailure types the governance Updates reject with. */
export const STEP_NOT_ACTIVE = 'StepNotActive';
export const INVALID_OVERRIDE = 'InvalidOverride';

/**
 * A supervisor's override. skip: the active step is cancelled and the case
 * goes on along its outgoing flows. jump: every active step is cancelled and
 * the case goes on from the given element. Both are recorded as deviations.
 */
export const overrideCaseUpdate = defineUpdate<CaseSnapshot, [OverrideRequest]>('overrideCase');

export interface WaitForCitizenRequest {
  actor: Actor;
  taskId: string;
  /** true: the task now waits for the citizen (e.g. a missing document); false: it goes on. */
  waiting: boolean;
  reason?: string;
}

/**
 * Marks an open task of a step with alur:slaPaused="true" as waiting for the
 * citizen, or not any more. While it waits, the step's and the case's SLA
 * clocks stand still. Completing the task ends the wait.
 */
export const waitForCitizenUpdate = defineUpdate<CaseSnapshot, [WaitForCitizenRequest]>('waitForCitizen');

export interface AllowOutsideRoleRequest {
  /** An admin. */
  actor: Actor;
  taskId: string;
  /** Who may complete the task although it is not for their role or unit. */
  username: string;
  reason: string;
}

/** allowOutsideRole rejects a caller without the global admin role. */
export const NOT_ADMIN = 'NotAdmin';

/**
 * An admin's override: `username` may complete the open task though it is not
 * for their role or unit. When they do, the case records a
 * `task.outside_role` deviation.
 */
export const allowOutsideRoleUpdate = defineUpdate<CaseSnapshot, [AllowOutsideRoleRequest]>('allowOutsideRole');
