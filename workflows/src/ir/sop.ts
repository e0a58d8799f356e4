// The SOP intermediate representation: what the compiler produces from BPMN and
// what the interpreter workflow executes. Plain JSON (it travels in workflow
// input and is stored with each SOP version); bump IR_VERSION on any change
// that an older interpreter could not run.

import type { IrNode } from './nodes';

export const IR_VERSION = 4;

/** IR versions this interpreter runs (a case keeps the IR it started with). */
export const SUPPORTED_IR_VERSIONS: readonly number[] = [1, 2, 3, 4];

export interface SopIR {
  irVersion: number;
  /** BPMN process id; the SOP's key. */
  key: string;
  /** Process name, or its id when unnamed. */
  name: string;
  /** sha256 (hex) of the canonical JSON of this IR without `hash`. */
  hash: string;
  startEventId: string;
  /** The case's SLA (alur:sla on the process), same forms as a step's. */
  sla?: string;
  /** Code of the unit handling every case of the SOP (alur:unit on the process), unless the start names one. */
  unit?: string;
  /**
   * Key of the start-form field whose value is the case's handling unit
   * (alur:unitField on the process): a select or radio field whose option
   * values are unit codes, e.g. the citizen's kelurahan.
   */
  unitField?: string;
  /** Flow nodes by id, in document order. */
  nodes: Record<string, IrNode>;
  /** Sequence flows by id, in document order. */
  flows: Record<string, IrFlow>;
}

export interface IrFlow {
  id: string;
  name?: string;
  source: string;
  target: string;
  /** FEEL expression without Camunda 8's leading `=`. */
  condition?: string;
}
