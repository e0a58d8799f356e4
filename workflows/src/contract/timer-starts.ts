// Timer start events: a Temporal Schedule (one per timer start event of a
// version in force, cases/src/timer-schedules.ts) starts the small
// `startCaseOnTimer` workflow at each firing; it asks the worker's
// `startTimerCase` activity to start a case of the SOP's version in force at
// that start event, through the case core like every other start. Shared by
// the workflow, the worker and the API.

/** The workflow type each timer start schedule starts. */
export const TIMER_START_WORKFLOW = 'startCaseOnTimer';

export interface TimerStartRequest {
  sopKey: string;
  /** The version whose timer start event the schedule belongs to. */
  version: number;
  /** The timer start event. */
  elementId: string;
}

export interface TimerStartResult {
  /** The case started; absent when nothing was started (`skipped` says why). */
  caseId?: string;
  trackingCode?: string;
  /** Why no case was started, e.g. the version is no longer in force. */
  skipped?: string;
}

export interface TimerStartActivities {
  /** Starts a case of `sopKey`'s version in force at the timer start event, once per firing (keyed by the firing's workflow id). */
  startTimerCase(request: TimerStartRequest): Promise<TimerStartResult>;
}
