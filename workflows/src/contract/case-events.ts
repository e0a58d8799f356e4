// Events a case emits, in order (seq), for the projection and the event log.
// Every event is written exactly once: (caseId, seq) is the idempotency key, so
// a retried activity or a restarted worker never duplicates one.
import type { CaseStatus } from './updates';
import type { DeviationKind } from './governance';
import type { CaseOutcome, IrNodeType } from '../ir';

interface Base {
  seq: number;
  at: string;
}

export type CaseEvent = Base &
  (
    | {
        kind: 'case.started';
        trackingCode: string;
        sopVersionId: string;
        sopKey: string;
        sopVersion: number;
        variables: Record<string, unknown>;
        unitId?: string;
        /** Started by a call activity of this case. */
        parentCaseId?: string;
        parentElementId?: string;
      }
    // A call activity started a case of the called SOP, and that case ended.
    | { kind: 'call.started'; stepId: string; elementId: string; childCaseId: string; trackingCode: string; sopKey: string; sopVersion: number }
    | { kind: 'call.ended'; stepId: string; elementId: string; childCaseId: string; status: Exclude<CaseStatus, 'running'>; errorCode?: string }
    | { kind: 'step.started'; stepId: string; elementId: string; name: string; type: IrNodeType }
    | { kind: 'step.ended'; stepId: string; outcome: 'completed' | 'cancelled'; by?: string }
    | {
        kind: 'task.created';
        taskId: string;
        stepId: string;
        elementId: string;
        name: string;
        candidateRoles: string[];
        unitId?: string;
        /** zeebe:taskSchedule, evaluated when the task opened (ISO-8601, UTC). */
        dueDate?: string;
        followUpDate?: string;
        /** Which form: the deployed form's id, the embedded form's key, or an app's own form key. */
        formKey?: string;
        /** Variables the task's input mappings created, for its form. */
        inputs?: Record<string, unknown>;
      }
    | { kind: 'task.completed'; taskId: string; by: string; variables: Record<string, unknown> }
    | { kind: 'task.cancelled'; taskId: string; reason: string }
    // Claim, release and reassign (interpreter/task-assignment.ts).
    | { kind: 'task.claimed'; taskId: string; by: string }
    | { kind: 'task.released'; taskId: string; by: string; from: string; reason?: string }
    | { kind: 'task.reassigned'; taskId: string; by: string; from?: string; to: string; reason: string }
    | { kind: 'variables.changed'; source: string; variables: Record<string, unknown> }
    | { kind: 'case.cancelled'; by: string; reason: string }
    | { kind: 'case.reopened'; by: string; reason: string; elementId: string }
    /** Disposition: the case's handling unit changed; `taskIds` are the open tasks that moved with it. */
    | { kind: 'case.unit_changed'; unitId: string; previousUnitId?: string; by: string; reason: string; taskIds: string[] }
    | { kind: 'case.ended'; status: Exclude<CaseStatus, 'running'>; error?: string }
    // The case reached an end event with a citizen-facing outcome (alur:outcome); the message as evaluated then.
    | { kind: 'case.outcome'; elementId: string; outcome: CaseOutcome; message?: string; messageError?: string }
    // SLA clocks (governance.ts); no stepId: the whole case's clock.
    | { kind: 'sla.started'; stepId?: string; elementId: string; sla: string; dueAt: string; atRiskAt: string }
    | { kind: 'sla.paused'; stepId?: string; taskId?: string; by?: string; reason?: string }
    | { kind: 'sla.resumed'; stepId?: string; taskId?: string; dueAt: string; atRiskAt: string }
    // Messages (interpreter/message-subscriptions.ts): a step waits for a message, gets it or stops waiting.
    | {
        kind: 'message.subscribed';
        subscriptionId: string;
        stepId?: string;
        elementId: string;
        messageName: string;
        correlationKey: string;
        /** A signal subscription: messageName is the signal's name, no correlation key. */
        signal?: true;
      }
    | {
        kind: 'message.correlated';
        subscriptionId: string;
        elementId: string;
        messageName: string;
        correlationKey?: string;
        variables: Record<string, unknown>;
        by?: string;
        /** The message started the case (message start event). */
        start?: boolean;
        /** A non-interrupting boundary event: the subscription stays open for the next message. */
        stillOpen?: boolean;
        /** The message was published earlier with a time to live and kept until this subscription opened. */
        bufferedMessageId?: string;
      }
    | { kind: 'message.unsubscribed'; subscriptionId: string; reason: string }
    | { kind: 'message.sent'; stepId: string; elementId: string; messageName?: string; status: number }
    // A signal throw or end event broadcast a signal: how many catching elements took it and which cases it started.
    | { kind: 'signal.thrown'; stepId: string; elementId: string; signalName: string; caught: number; startedCases: string[] }
    // A step stopped for a person to fix (interpreter/incidents.ts), and how it was resolved.
    | { kind: 'incident.raised'; incidentId: string; elementId: string; name: string; stepId?: string; message: string }
    | {
        kind: 'incident.resolved';
        incidentId: string;
        action: 'retry' | 'skip' | 'cancel';
        by: string;
        reason: string;
        flowId?: string;
        variables?: Record<string, unknown>;
      }
    | { kind: 'task.outside_role_allowed'; taskId: string; username: string; by: string; reason: string }
    | { kind: 'deviation'; deviation: DeviationKind; unitId?: string; stepId?: string; elementId?: string; by?: string; details: Record<string, unknown> }
  );

export type CaseEventKind = CaseEvent['kind'];

/** A batch written by one projection activity call. */
export interface CaseEventBatch {
  caseId: string;
  events: CaseEvent[];
  /** The case's variables after the last event of the batch. */
  variables: Record<string, unknown>;
}
