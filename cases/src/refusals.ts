// The refusal catalogue: every reason a case (or its workflow) refuses what is
// asked of it, by a stable code that clients may rely on (and translate), with
// the HTTP status the API answers it with. Defined once: the workflow's
// ApplicationFailure types map onto these codes here, the API maps a code to
// its status only through REFUSALS.
import {
  CASE_NOT_RUNNING,
  CLAIMED_BY_OTHER,
  FORM_INVALID,
  INCIDENT_FLOW_REQUIRED,
  INCIDENT_NOT_OPEN,
  INVALID_OVERRIDE,
  MESSAGE_NOT_CORRELATED,
  NO_MESSAGE_SUBSCRIPTION,
  NO_SIGNAL_SUBSCRIPTION,
  NOT_ADMIN,
  NOT_CANDIDATE,
  NOT_CLAIMED,
  NOT_SUPERVISOR,
  REASON_REQUIRED,
  STEP_NOT_ACTIVE,
  TASK_NOT_OPEN,
} from '@alur/workflows';

/** Code -> HTTP status, and the workflow's ApplicationFailure type when the refusal comes from the workflow. */
export const REFUSALS = {
  'case.not_found': { status: 404 },
  /** The case's workflow has ended (completed, cancelled, terminated) before what was asked reached it. */
  'case.ended': { status: 409 },
  'case.not_running': { status: 409, workflowType: CASE_NOT_RUNNING },
  /** Temporal did not accept a start, or the projection did not show it, in time: send again. */
  'case.start_pending': { status: 503 },
  'case.already_running': { status: 409 },
  'task.not_found': { status: 404 },
  'task.not_open': { status: 409, workflowType: TASK_NOT_OPEN },
  'task.claimed_by_other': { status: 409, workflowType: CLAIMED_BY_OTHER },
  'task.not_claimed': { status: 409, workflowType: NOT_CLAIMED },
  'task.not_candidate': { status: 403, workflowType: NOT_CANDIDATE },
  'task.not_supervisor': { status: 403, workflowType: NOT_SUPERVISOR },
  'task.reason_required': { status: 400, workflowType: REASON_REQUIRED },
  'form.invalid': { status: 422, workflowType: FORM_INVALID },
  'step.not_active': { status: 409, workflowType: STEP_NOT_ACTIVE },
  'override.invalid': { status: 400, workflowType: INVALID_OVERRIDE },
  'actor.not_admin': { status: 403, workflowType: NOT_ADMIN },
  'message.not_waiting': { status: 409, workflowType: NO_MESSAGE_SUBSCRIPTION },
  'message.not_correlated': { status: 409, workflowType: MESSAGE_NOT_CORRELATED },
  'signal.not_waiting': { status: 409, workflowType: NO_SIGNAL_SUBSCRIPTION },
  'incident.not_open': { status: 409, workflowType: INCIDENT_NOT_OPEN },
  'incident.flow_required': { status: 422, workflowType: INCIDENT_FLOW_REQUIRED },
  'sop.not_found': { status: 404 },
  /** The SOP has versions, none of them in force (berlaku, its effective date reached) yet. */
  'sop.not_in_force': { status: 409 },
  /** The SOP, or the start, names a unit that does not exist (any more). */
  'unit.missing': { status: 409 },
  'unit.invalid': { status: 422 },
  'unit.ambiguous': { status: 400 },
  'variables.too_large': { status: 413 },
} as const satisfies Record<string, { status: number; workflowType?: string }>;

export type RefusalCode = keyof typeof REFUSALS;

/** A refusal with its stable code; `details` (e.g. `errors: [{ field, message }]`) go into the answer's body as they are. */
export class CaseRefusal extends Error {
  override readonly name = 'CaseRefusal';
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return REFUSALS[this.code].status;
  }
}

const CODE_OF_WORKFLOW_TYPE = new Map<string, RefusalCode>(
  Object.entries(REFUSALS).flatMap(([code, r]) => ('workflowType' in r ? [[r.workflowType, code as RefusalCode] as const] : [])),
);

/** The refusal code of a workflow ApplicationFailure type; undefined for a type the catalogue does not know (a bug, not a refusal). */
export function codeOfWorkflowType(type: string | undefined | null): RefusalCode | undefined {
  return type ? CODE_OF_WORKFLOW_TYPE.get(type) : undefined;
}

export function isRefusalCode(code: string): code is RefusalCode {
  return Object.hasOwn(REFUSALS, code);
}
