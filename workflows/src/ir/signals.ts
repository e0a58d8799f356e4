// The signal parts of the IR. A signal is broadcast by name: every element
// waiting for it (in any case) catches it, and every SOP whose latest version
// has a signal start event for it starts a case. Plain JSON, like the rest of
// the IR (see sop.ts).

/** bpmn:signal name, fixed at deploy (a catching element waits for it, a throwing one broadcasts it). */
export interface IrSignal {
  name: string;
}
