// The flow nodes of the IR, one interface per element type (see
// elements.ts for what each can do). Plain JSON, like the rest of the IR.
import type { IrCalledDecision, IrIoMapping, IrTaskForm, IrTaskSchedule } from './data';
import type { IrCatchCode, IrEventSubProcessTrigger, IrThrowCode } from './scopes';
import type { IrMessageSubscription, IrMessageThrow } from './messages';
import type { IrMultiInstance, IrStandardLoop } from './multi-instance';
import type { IrSignal } from './signals';
import type { IrCalledElement } from './call-activity';
import type { IrStartTimer, IrTimer } from './timers';

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
  /** Id of the sub-process (embedded or event) holding the node; absent at process level. */
  parent?: string;
  /** Input/output mappings of an activity (absent when it has none). */
  io?: IrIoMapping;
  /** alur:sla as written: "3 hari kerja", "2 jam kerja", ISO-8601 "P3D", or "=FEEL" giving one of those. */
  sla?: string;
  /** alur:slaPaused: the step's SLA clock stops while the step waits for the citizen. */
  slaPaused?: boolean;
  /** Multi-instance loop characteristics (user, service, script and manual tasks, sub-processes, call activities). */
  multiInstance?: IrMultiInstance;
  /** Standard loop characteristics (the same activities as multi-instance). */
  loop?: IrStandardLoop;
}

/** With `message`: a message start event (a case started by POST /api/messages). */
export interface IrStartEvent extends IrNodeBase {
  type: 'startEvent';
  message?: IrMessageSubscription;
  form?: IrTaskForm;
  /** A signal start event (a case started by a broadcast signal). */ signal?: IrSignal;
  /** A timer start event: a Temporal Schedule starts a case of the version in force (cases/src/timer-schedules.ts). */
  startTimer?: IrStartTimer;
}
export interface IrEndEvent extends IrNodeBase {
  type: 'endEvent';
  terminate: boolean;
  /** An error end event: throws this error code to the enclosing scopes. */
  error?: IrThrowCode;
  /** An escalation end event: escalates this code to the enclosing scopes. */
  escalation?: IrThrowCode;
  /** A message end event: sent through a built-in service before the path ends. */
  send?: IrMessageThrow;
  /** A signal end event: broadcasts this signal before the path ends. */
  signal?: IrSignal;
  /** What the citizen is told the case came to (alur:outcome, alur:outcomeMessage). */
  outcome?: IrCaseOutcome;
}
/** The outcomes an end event can give a case, as the citizen reads them. */
export const CASE_OUTCOMES = ['selesai', 'ditolak', 'dibatalkan'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export interface IrCaseOutcome {
  kind: CaseOutcome;
  /** A fixed message for the citizen. */
  message?: string;
  /** FEEL (without the leading `=`) giving the message, evaluated when the case reaches the end event. */
  messageExpression?: string;
}
export interface IrUserTask extends IrNodeBase {
  type: 'userTask';
  candidateRoles: string[];
  form?: IrTaskForm;
  schedule?: IrTaskSchedule;
  /** Code of the fixed unit whose role holders do the task (alur:unit); else the case's handling unit. */
  unit?: string;
}
export interface IrServiceTask extends IrNodeBase {
  type: 'serviceTask';
  /** zeebe:taskDefinition type (or a Camunda 7 external task's topic): a built-in type (`webhook`), else a job for job workers. */
  taskType: string;
  /** zeebe:taskHeaders key/value pairs. */
  headers: Record<string, string>;
  /** zeebe:taskDefinition retries (attempts in all), default 3. */
  retries: number;
}
export interface IrExclusiveGateway extends IrNodeBase {
  type: 'exclusiveGateway';
  defaultFlow?: string;
}
export interface IrParallelGateway extends IrNodeBase {
  type: 'parallelGateway';
}
export interface IrBoundaryEvent extends IrNodeBase {
  type: 'boundaryEvent';
  attachedTo: string;
  /** true: the task is cancelled when the event fires; false: the task goes on and a new token leaves. */
  cancelActivity: boolean;
  /** Exactly one trigger is set: timer, error (interrupting only), escalation, message or signal. */
  timer?: IrTimer;
  error?: IrCatchCode;
  escalation?: IrCatchCode;
  message?: IrMessageSubscription;
  signal?: IrSignal;
}
/** Exactly one trigger is set: timer, message, signal or link. */
export interface IrIntermediateCatchEvent extends IrNodeBase {
  type: 'intermediateCatchEvent';
  timer?: IrTimer;
  message?: IrMessageSubscription;
  signal?: IrSignal;
  /** A link catch event (its link name): waits for nothing, its link throw events lead to it (IR flow `link:<throw id>`). */
  link?: string;
}
/** Waits for a message, like a message catch event, and can carry boundary events. */
export interface IrReceiveTask extends IrNodeBase {
  type: 'receiveTask';
  message: IrMessageSubscription;
}
/** Sends a message through a built-in service (run like a service task). */
export interface IrSendTask extends IrNodeBase {
  type: 'sendTask';
  send: IrMessageThrow;
}
/** Waits for the first of the catch events its flows lead to; the others are cancelled. */
export interface IrEventBasedGateway extends IrNodeBase {
  type: 'eventBasedGateway';
}
/** Work done by a person outside the system; the case records it and moves on. */
export interface IrManualTask extends IrNodeBase {
  type: 'manualTask';
  /** Compiled from a task without a type (bpmn:task), which passes through the same way (Camunda 8). */
  untyped?: true;
}
/** A FEEL expression whose value is stored in a case variable (zeebe:script). */
export interface IrScriptTask extends IrNodeBase {
  type: 'scriptTask';
  expression: string;
  resultVariable: string;
}
/** Evaluates a DMN decision table (zeebe:calledDecision) into its result variable. */
export interface IrBusinessRuleTask extends IrNodeBase {
  type: 'businessRuleTask';
  decision: IrCalledDecision;
}

/** An embedded sub-process: a scope whose nodes name it as `parent`. */
export interface IrSubProcess extends IrNodeBase {
  type: 'subProcess';
  /** Its none start event. */
  startEventId: string;
}
/** Runs another deployed SOP as a case of its own (a child workflow) and waits for it. */
export interface IrCallActivity extends IrNodeBase {
  type: 'callActivity';
  calledElement: IrCalledElement;
}
/** An event sub-process (triggeredByEvent): started in its enclosing scope by the trigger of its start event. */
export interface IrEventSubProcess extends IrNodeBase, IrEventSubProcessTrigger {
  type: 'eventSubProcess';
  startEventId: string;
  /** isInterrupting of its start event: true cancels everything else in the enclosing scope. */
  interrupting: boolean;
}
/** A none intermediate throw event (recorded, nothing else), an escalation one, or a message one (`send`). */
export interface IrIntermediateThrowEvent extends IrNodeBase {
  type: 'intermediateThrowEvent';
  escalation?: IrThrowCode;
  send?: IrMessageThrow;
  /** Broadcasts this signal. */ signal?: IrSignal;
  /** A link throw event (its link name): its one outgoing IR flow leads to the link catch event of that name. */
  link?: string;
}
/** Split: every flow whose condition holds (else the default). Join: waits only for tokens that can still arrive. */
export interface IrInclusiveGateway extends IrNodeBase {
  type: 'inclusiveGateway';
  defaultFlow?: string;
}

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
  | IrScriptTask
  | IrBusinessRuleTask
  | IrSubProcess
  | IrEventSubProcess
  | IrIntermediateThrowEvent
  | IrInclusiveGateway
  | IrReceiveTask
  | IrSendTask
  | IrEventBasedGateway
  | IrCallActivity;

export type IrNodeType = IrNode['type'];

/** The service task types Alur executes itself; any other type is a job for external job workers. */
export const BUILT_IN_TASK_TYPES = ['webhook', 'io.camunda:http-json:1'] as const;
/** Camunda's REST connector (outbound), run by Alur itself through the outbound call policy. */
export const HTTP_JSON_CONNECTOR = 'io.camunda:http-json:1';

/** A task type no built-in runs: the step is a job that external workers activate and complete. */
export function isJobType(taskType: string): boolean {
  return !(BUILT_IN_TASK_TYPES as readonly string[]).includes(taskType);
}
