// The SOP intermediate representation: what the compiler produces from BPMN and
// what the interpreter workflow executes. Plain JSON (it travels in workflow
// input and is stored with each SOP version); bump IR_VERSION on any change
// that an older interpreter could not run.

export const IR_VERSION = 3;

/** IR versions this interpreter runs (a case keeps the IR it started with). */
export const SUPPORTED_IR_VERSIONS: readonly number[] = [1, 2, 3];

export interface SopIR {
  irVersion: number;
  /** BPMN process id; the SOP's key. */
  key: string;
  /** Process name, or its id when unnamed. */
  name: string;
  /** sha256 (hex) of the canonical JSON of this IR without `hash`. */
  hash: string;
  startEventId: string;
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

interface IrNodeBase {
  id: string;
  /** Element name, or its id when unnamed. */
  name: string;
  /** Sequence flow ids, in document order. */
  incoming: string[];
  outgoing: string[];
  /** Name of the innermost lane holding the node, if any. */
  lane?: string;
  /** Ids of boundary events attached to this node. */
  boundaryEvents: string[];
}

export interface IrStartEvent extends IrNodeBase { type: 'startEvent' }
export interface IrEndEvent extends IrNodeBase { type: 'endEvent'; terminate: boolean }
export interface IrUserTask extends IrNodeBase { type: 'userTask'; candidateRoles: string[] }
export interface IrServiceTask extends IrNodeBase {
  type: 'serviceTask';
  /** Built-in task type from zeebe:taskDefinition type, e.g. `webhook`. */
  taskType: string;
  /** zeebe:taskHeaders key/value pairs. */
  headers: Record<string, string>;
  /** zeebe:taskDefinition retries (attempts in all), default 3. */
  retries: number;
}
export interface IrExclusiveGateway extends IrNodeBase { type: 'exclusiveGateway'; defaultFlow?: string }
export interface IrParallelGateway extends IrNodeBase { type: 'parallelGateway' }
/**
 * When a timer fires. Values starting with `=` are FEEL expressions evaluated
 * when the timer starts (to an ISO-8601 duration or date-time string).
 */
export type IrTimer =
  /** ISO-8601 duration, e.g. PT2H, P3D. */
  | { duration: string }
  /** ISO-8601 date-time with an offset, e.g. 2026-12-01T09:00:00+07:00. */
  | { date: string };

export interface IrBoundaryEvent extends IrNodeBase {
  type: 'boundaryEvent';
  attachedTo: string;
  /** true: the task is cancelled when the event fires; false: the task goes on and a new token leaves. */
  cancelActivity: boolean;
  timer: IrTimer;
}
export interface IrIntermediateCatchEvent extends IrNodeBase { type: 'intermediateCatchEvent'; timer: IrTimer }
/** Work done by a person outside the system; the case records it and moves on. */
export interface IrManualTask extends IrNodeBase { type: 'manualTask' }
/** A FEEL expression whose value is stored in a case variable (zeebe:script). */
export interface IrScriptTask extends IrNodeBase { type: 'scriptTask'; expression: string; resultVariable: string }

export type IrNode =
  | IrStartEvent
  | IrEndEvent
  | IrUserTask
  | IrServiceTask
  | IrExclusiveGateway
  | IrParallelGateway
  | IrBoundaryEvent
  | IrIntermediateCatchEvent
  | IrManualTask
  | IrScriptTask;

export type IrNodeType = IrNode['type'];

/** The service task types Alur executes itself. */
export const BUILT_IN_TASK_TYPES = ['webhook'] as const;
