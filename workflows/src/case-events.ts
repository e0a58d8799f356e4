// Events a case emits, in order (seq), for the projection and the event log.
// Every event is written exactly once: (caseId, seq) is the idempotency key, so
// a retried activity or a restarted worker never duplicates one.
import type { CaseStatus } from './messages';
import type { IrNodeType } from './ir';

interface Base { seq: number; at: string }

export type CaseEvent = Base & (
  | { kind: 'case.started'; trackingCode: string; sopVersionId: string; sopKey: string; sopVersion: number; variables: Record<string, unknown> }
  | { kind: 'step.started'; stepId: string; elementId: string; name: string; type: IrNodeType }
  | { kind: 'step.ended'; stepId: string; outcome: 'completed' | 'cancelled'; by?: string }
  | { kind: 'task.created'; taskId: string; stepId: string; elementId: string; name: string; candidateRoles: string[] }
  | { kind: 'task.completed'; taskId: string; by: string; variables: Record<string, unknown> }
  | { kind: 'task.cancelled'; taskId: string; reason: string }
  | { kind: 'variables.changed'; source: string; variables: Record<string, unknown> }
  | { kind: 'case.cancelled'; by: string; reason: string }
  | { kind: 'case.ended'; status: Exclude<CaseStatus, 'running'>; error?: string }
);

export type CaseEventKind = CaseEvent['kind'];

/** A batch written by one projection activity call. */
export interface CaseEventBatch {
  caseId: string;
  events: CaseEvent[];
  /** The case's variables after the last event of the batch. */
  variables: Record<string, unknown>;
}
