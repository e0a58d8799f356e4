// The interpreter workflow's public surface: its input, its Updates and Queries.
// Shared by the workflow (handlers), the API (callers) and the worker.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { SopIR } from './ir';

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
}

export type CaseStatus = 'running' | 'completed' | 'terminated' | 'failed';

export interface RunSopResult {
  status: Exclude<CaseStatus, 'running'>;
  variables: Record<string, unknown>;
  error?: string;
}

/** Who acts on a case; the API authenticates and passes it in. */
export interface Actor {
  username: string;
  roles: string[];
}

export interface CompleteTaskRequest {
  taskId: string;
  actor: Actor;
  variables?: Record<string, unknown>;
}

export interface CompleteTaskResponse {
  taskId: string;
  completedAt: string;
}

/** ApplicationFailure types the completeTask Update rejects with. */
export const TASK_NOT_OPEN = 'TaskNotOpen';
export const NOT_CANDIDATE = 'NotCandidate';

/**
 * Completes an open user task. The validator refuses (without touching
 * history) a task that is not open or an actor without one of its roles; the
 * handler answers once the completion and what followed from it are recorded.
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

/** Answers once everything the case did so far is written to the projection. */
export const awaitSettledUpdate = defineUpdate<CaseSnapshot, []>('awaitSettled');

export interface CaseSnapshot {
  status: CaseStatus;
  activeSteps: { elementId: string; name: string }[];
  variables: Record<string, unknown>;
}

export const caseSnapshotQuery = defineQuery<CaseSnapshot>('caseSnapshot');
