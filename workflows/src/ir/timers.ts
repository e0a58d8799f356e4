// The timer part of the IR (bpmn:timerEventDefinition). Plain JSON, like the
// rest of the IR.

/**
 * When a timer fires. Values starting with `=` are FEEL expressions evaluated
 * when the timer starts (to an ISO-8601 duration or date-time string).
 */
export type IrTimer =
  /** ISO-8601 duration, e.g. PT2H, P3D. */
  | { duration: string }
  /** ISO-8601 date-time with an offset, e.g. 2026-12-01T09:00:00+07:00. */
  | { date: string };

/**
 * When a timer start event starts a case (run as a Temporal Schedule, not in a
 * case): once at a date, on an ISO-8601 repeating interval, or on a cron
 * expression (Camunda 8's form: seconds first, `0 0 8 * * MON-FRI`). Fixed
 * values only: there is no case yet to evaluate an expression against.
 */
export type IrStartTimer =
  /** ISO-8601 date-time with an offset: one case at that moment. */
  | { date: string }
  /** ISO-8601 repeating interval: R/PT1H, R3/PT1H, R5/2026-12-01T09:00:00+07:00/P1D. */
  | { cycle: string }
  /** Cron expression (Spring form, 6 fields, seconds first; or @daily...), in the time zone of the SOP's calendar. */
  | { cron: string };
