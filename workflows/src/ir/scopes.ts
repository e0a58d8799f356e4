// The scope parts of the IR: embedded and event sub-processes, error and
// escalation events, the inclusive gateway. Plain JSON, like the rest of the
// IR (see sop.ts). The node and flow maps stay flat: a node inside a
// sub-process names it in `parent` (absent at process level, and in IR v1/v2).
import type { IrMessageSubscription } from './messages';
import type { IrSignal } from './signals';
import type { IrTimer } from './timers';

/** What an error or escalation catch event catches: one code, or every one when `code` is absent. */
export interface IrCatchCode {
  code?: string;
}

/** What an error or escalation throw event throws (bpmn:error errorCode, bpmn:escalation escalationCode). */
export interface IrThrowCode {
  code: string;
}

/**
 * What starts an event sub-process (the trigger of its start event). Exactly
 * one is set.
 */
export interface IrEventSubProcessTrigger {
  timer?: IrTimer;
  error?: IrCatchCode;
  escalation?: IrCatchCode;
  /** A message start event: every matching message (non-interrupting), or the first (interrupting), starts it. */
  message?: IrMessageSubscription;
  /** A signal start event: every broadcast of the signal (non-interrupting), or the first (interrupting), starts it. */
  signal?: IrSignal;
}
