// The interpreter workflow's public surface: its input, its Updates and Queries.
// Shared by the workflow (handlers), the API (callers) and the worker.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseGovernance } from './governance';
import type { SopIR } from '../ir';

export const RUN_SOP_WORKFLOW = 'runSop';

/** The task queue workers poll unless ALUR_TASK_QUEUE says otherwise. */
export const DEFAULT_TASK_QUEUE = 'alur-sop';

export interface RunSopInput {
  caseId: string;
  trackingCode: string;
  sopVersionId: string;
  sopVersion: number;
  ir: SopIR;
  variables: Record<string, unknown>;
  /** Id of the unit handling the case; its role holders do tasks without a fixed alur:unit. */
  unitId?: string;
  /** Ids of the fixed units the IR names (alur:unit), by code; resolved when the case starts. */
  unitIds?: Record<string, string>;
  /** Business calendar and SLA settings; cases started before SLAs existed have none. */
  governance?: CaseGovernance;
  /** The message that started the case (POST /api/messages): the case starts at that message start event. */
  startMessage?: StartMessage;
  /** A closed case reopened by a supervisor: a new run of the same workflow id, from one of its steps. */
  reopen?: CaseReopen;
  /** A case started by a call activity of another case (a child workflow of it). */
  parentCase?: ParentCase;
}

/** ApplicationFailure type of the resolveCalledSop activity: no such SOP or version (any more). */
export const CALLED_SOP_MISSING = 'CalledSopMissing';

/** The calling case of a case started by a call activity. */
export interface ParentCase {
  caseId: string;
  /** The call activity. */
  elementId: string;
  stepId: string;
}

export interface CaseReopen {
  /** The step (a top-level activity) the case goes on from. */
  elementId: string;
  by: string;
  reason: string;
  /** The last event seq the closed run wrote; the new run's events follow it. */
  afterSeq: number;
}

export type CaseStatus = 'running' | 'completed' | 'terminated' | 'failed';
/** What the projection and the API show: a running case with an open incident is `incident`. */
export type CaseDisplayStatus = CaseStatus | 'incident';

export interface RunSopResult {
  status: Exclude<CaseStatus, 'running'>;
  variables: Record<string, unknown>;
  error?: string;
  /** A called case's error end event nothing in it caught: thrown on in the calling case, at its call activity. */
  bpmnError?: { code: string; elementId: string };
}

/** Who acts on a case; the API authenticates and passes it in. */
export interface Actor {
  username: string;
  /** Global roles (admin, supervisor...); they count for tasks bound to no unit. */
  roles: string[];
  /** Roles held in units, by unit id; they count for tasks bound to that unit. */
  unitRoles?: Record<string, string[]>;
  /** Ids of the units the actor supervises (a supervising role in the unit or one above it). */
  supervises?: string[];
}

export interface CompleteTaskRequest {
  taskId: string;
  actor: Actor;
  variables?: Record<string, unknown>;
}

export interface CompleteTaskResponse {
  taskId: string;
  completedAt: string;
  /**
   * The case's event sequence number the projection must reach for a read to
   * see this completion and what followed from it (ProjectionWatch in
   * @alur/cases waits for it). Absent from cases that answer only once the
   * projection has it (started before the answer-when-decided patch).
   */
  projectedSeq?: number;
}

/** ApplicationFailure types the completeTask Update rejects with. */
export const TASK_NOT_OPEN = 'TaskNotOpen';
/** The submitted variables do not fit the task's form; details[0] lists `{ field, message }` per problem. */
export const FORM_INVALID = 'FormInvalid';
export const NOT_CANDIDATE = 'NotCandidate';
/** The task is claimed by someone else (completeTask, claimTask, releaseTask). */
export const CLAIMED_BY_OTHER = 'ClaimedByOther';
/** Release or reassign of a task by someone who may not (not the claimant, not a supervisor of its unit). */
export const NOT_SUPERVISOR = 'NotSupervisor';
/** Release of a task nobody claimed. */
export const NOT_CLAIMED = 'NotClaimed';
/** Reassign without a reason. */
export const REASON_REQUIRED = 'ReasonRequired';

export interface ClaimTaskRequest {
  taskId: string;
  actor: Actor;
}

export interface ReleaseTaskRequest {
  taskId: string;
  actor: Actor;
  reason?: string;
}

export interface ReassignTaskRequest {
  taskId: string;
  /** A supervisor of the task's unit. */
  actor: Actor;
  /** Who gets the task: must hold one of its candidate roles in its unit. */
  assignee: Actor;
  reason: string;
}

export interface TaskAssignment {
  taskId: string;
  claimedBy: string | null;
  /** As CompleteTaskResponse.projectedSeq. */
  projectedSeq?: number;
}

/** Claims an open task for its actor (a candidate); then only the claimant completes it. */
export const claimTaskUpdate = defineUpdate<TaskAssignment, [ClaimTaskRequest]>('claimTask');
/** Gives a claimed task back to its candidates: by its claimant or a supervisor of its unit. */
export const releaseTaskUpdate = defineUpdate<TaskAssignment, [ReleaseTaskRequest]>('releaseTask');
/** A supervisor of the task's unit hands the task to another candidate, with a reason. */
export const reassignTaskUpdate = defineUpdate<TaskAssignment, [ReassignTaskRequest]>('reassignTask');

/**
 * Completes an open user task. The validator refuses (without touching
 * history) a task that is not open or an actor without one of its roles; the
 * handler answers once the completion and what followed from it are decided
 * and handed to the projection, with the event sequence number a read waits
 * for (projectedSeq); cases started before that answer once it is recorded.
 */
export const completeTaskUpdate = defineUpdate<CompleteTaskResponse, [CompleteTaskRequest]>('completeTask');

export interface CancelCaseRequest {
  actor: Actor;
  reason: string;
}

/** ApplicationFailure type the cancelCase Update rejects with. */
export const CASE_NOT_RUNNING = 'CaseNotRunning';

/** Ends a running case: every open task and timer is cancelled; who and why are recorded. */
export const cancelCaseUpdate = defineUpdate<CaseSnapshot, [CancelCaseRequest]>('cancelCase');

export interface StartMessage {
  /** The message start event. */
  elementId: string;
  name: string;
  correlationKey?: string;
  /** Who published it. */
  by: string;
}

export interface DeliverMessageRequest {
  name: string;
  /** Absent: any subscription of the case to this message name. */
  correlationKey?: string;
  /** Merged into the case (through the catching element's output mappings, if any). */
  variables?: Record<string, unknown>;
  actor: Actor;
}

export interface DeliverMessageResponse {
  subscriptionId: string;
  /** The catching element: a message catch event, receive task or message boundary event. */
  elementId: string;
  correlatedAt: string;
}

/** ApplicationFailure types the deliverMessage Update rejects with. */
export const NO_MESSAGE_SUBSCRIPTION = 'NoMessageSubscription';
/** The waiting step ended (e.g. its task completed) before the message was taken. */
export const MESSAGE_NOT_CORRELATED = 'MessageNotCorrelated';

/**
 * Delivers a message to a case. The validator refuses (without touching
 * history) when no open subscription of the case matches the name (and the
 * correlation key, when given); the handler answers once the message is
 * correlated and recorded. The first subscription opened wins.
 */
export const deliverMessageUpdate = defineUpdate<DeliverMessageResponse, [DeliverMessageRequest]>('deliverMessage');

/** Answers once everything the case did so far is written to the projection. */
export const awaitSettledUpdate = defineUpdate<CaseSnapshot, []>('awaitSettled');

export interface CaseSnapshot {
  status: CaseStatus;
  /** Incidents the case is stopped at, waiting for a person (resolveIncident). */
  incidents?: OpenIncidentInfo[];
  activeSteps: { elementId: string; name: string }[];
  variables: Record<string, unknown>;
}

export const caseSnapshotQuery = defineQuery<CaseSnapshot>('caseSnapshot');

export interface OpenIncidentInfo {
  id: string;
  elementId: string;
  message: string;
  raisedAt: string;
  /** Sequence flows a skip may leave by (the element's outgoing flows). */
  flows: string[];
}

export type IncidentAction = 'retry' | 'skip';

export interface ResolveIncidentRequest {
  incidentId: string;
  action: IncidentAction;
  actor: Actor;
  reason: string;
  /** retry: merged into the case's variables before the element runs again. */
  variables?: Record<string, unknown>;
  /** skip: the sequence flow to leave by, when the element has more than one way on. */
  flowId?: string;
}

export interface ResolveIncidentResponse {
  incidentId: string;
  action: IncidentAction;
  resolvedAt: string;
}

/** ApplicationFailure types resolveIncident rejects with. */
export const INCIDENT_NOT_OPEN = 'IncidentNotOpen';
/** A skip of an element with several ways on names none (or one that is not its own). */
export const INCIDENT_FLOW_REQUIRED = 'IncidentFlowRequired';

/**
 * Resolves an incident (Camunda Operate's model): `retry` runs the element
 * again (after new variables, if given); `skip` leaves it as if it were done.
 * Cancelling the case is cancelCase. Each is recorded with who and why.
 */
export const resolveIncidentUpdate = defineUpdate<ResolveIncidentResponse, [ResolveIncidentRequest]>('resolveIncident');
