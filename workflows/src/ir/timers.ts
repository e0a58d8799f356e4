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
