// The BPMN element catalogue: every flow node type the IR knows, with what it
// can do (as Zeebe's BpmnElementType). Compiler, interpreter, API and web app
// ask it instead of keeping lists of their own, so adding an element means one
// entry here plus its compiler and interpreter modules. Pure data: imported by
// the workflow sandbox and the browser alike.
import type { IrNodeType } from './nodes';

/** A trigger or result of an event (its event definition). */
export type EventTrigger = 'timer' | 'message' | 'signal' | 'error' | 'escalation' | 'terminate' | 'link' | 'compensation';

/** The bpmn-moddle type of each event definition. */
export const EVENT_DEFINITION_TYPES: Readonly<Record<EventTrigger, string>> = {
  timer: 'bpmn:TimerEventDefinition',
  message: 'bpmn:MessageEventDefinition',
  signal: 'bpmn:SignalEventDefinition',
  error: 'bpmn:ErrorEventDefinition',
  escalation: 'bpmn:EscalationEventDefinition',
  terminate: 'bpmn:TerminateEventDefinition',
  link: 'bpmn:LinkEventDefinition',
  compensation: 'bpmn:CompensateEventDefinition',
};

export type ElementKind = 'event' | 'task' | 'subProcess' | 'gateway';

/**
 * What a wait state waits for: a person, something from outside the case (a
 * message, a signal, a timer), a job run by Alur's own worker, or a called case.
 */
export type WaitsFor = 'person' | 'event' | 'job' | 'calledCase';

export interface BpmnElementSpec {
  type: IrNodeType;
  /** The bpmn-moddle types it compiles from (an event sub-process: a bpmn:SubProcess with triggeredByEvent). */
  bpmnTypes: readonly string[];
  kind: ElementKind;
  name: { id: string; en: string };
  /** A wait state: the case stops there until this comes (its token yields). */
  waitsFor?: WaitsFor;
  /** Completes as soon as it is reached (no SLA, no timer can fire on it). */
  instant: boolean;
  /** Reached by a sequence flow; false: entered only through its trigger or its scope (a case can never be sent there). */
  enteredByFlow: boolean;
  /** A step of the work (a task, sub-process or call activity): a supervisor can jump or reopen a case there. */
  workStep: boolean;
  /** A row (kegiatan) of the SOP table published for citizens. */
  citizenStep: boolean;
  /** Shown on the citizen's case tracking page. */
  citizenTracked: boolean;
  /** Counted in the SLA compliance reports (per staff, unit, week). */
  slaReported: boolean;
  /** Runs input/output mappings (zeebe:ioMapping). */
  ioMapping: boolean;
  /** Can be multi-instance. */
  multiInstance: boolean;
  /** The triggers of the boundary events it can host (empty: none). */
  boundaryTriggers: readonly EventTrigger[];
  /** The event definitions it takes (an event; an event sub-process: its start event's; an event-based gateway: its catch events'). */
  triggers: readonly EventTrigger[];
}

type Spec = Omit<BpmnElementSpec, 'type'>;

const NONE: Pick<
  Spec,
  'instant' | 'enteredByFlow' | 'workStep' | 'citizenStep' | 'citizenTracked' | 'slaReported' | 'ioMapping' | 'multiInstance' | 'boundaryTriggers' | 'triggers'
> = {
  instant: false,
  enteredByFlow: true,
  workStep: false,
  citizenStep: false,
  citizenTracked: false,
  slaReported: false,
  ioMapping: false,
  multiInstance: false,
  boundaryTriggers: [],
  triggers: [],
};
const TASK = { ...NONE, kind: 'task', workStep: true } as const;
const EVENT = { ...NONE, kind: 'event' } as const;
const GATEWAY = { ...NONE, kind: 'gateway', instant: true } as const;
/** A task that waits: a boundary timer, message or signal can interrupt it. */
const INTERRUPTIBLE: readonly EventTrigger[] = ['timer', 'message', 'signal'];

const SPECS: Record<IrNodeType, Spec> = {
  startEvent: {
    ...EVENT,
    bpmnTypes: ['bpmn:StartEvent'],
    name: { id: 'Peristiwa mulai', en: 'Start event' },
    instant: true,
    enteredByFlow: false,
    citizenTracked: true,
    triggers: ['timer', 'message', 'signal'],
  },
  endEvent: {
    ...EVENT,
    bpmnTypes: ['bpmn:EndEvent'],
    name: { id: 'Peristiwa akhir', en: 'End event' },
    instant: true,
    citizenTracked: true,
    triggers: ['terminate', 'error', 'escalation', 'message', 'signal'],
  },
  intermediateCatchEvent: {
    ...EVENT,
    bpmnTypes: ['bpmn:IntermediateCatchEvent'],
    name: { id: 'Peristiwa tangkap antara', en: 'Intermediate catch event' },
    waitsFor: 'event',
    // A link catch event waits for nothing: its link throw events lead straight to it.
    triggers: ['timer', 'message', 'signal', 'link'],
  },
  intermediateThrowEvent: {
    ...EVENT,
    bpmnTypes: ['bpmn:IntermediateThrowEvent'],
    name: { id: 'Peristiwa lempar antara', en: 'Intermediate throw event' },
    instant: true,
    triggers: ['escalation', 'message', 'signal', 'link'],
  },
  boundaryEvent: {
    ...EVENT,
    bpmnTypes: ['bpmn:BoundaryEvent'],
    name: { id: 'Peristiwa batas', en: 'Boundary event' },
    instant: true,
    enteredByFlow: false,
    citizenTracked: true,
    triggers: ['timer', 'error', 'escalation', 'message', 'signal'],
  },
  userTask: {
    ...TASK,
    bpmnTypes: ['bpmn:UserTask'],
    name: { id: 'Tugas pengguna', en: 'User task' },
    waitsFor: 'person',
    citizenStep: true,
    citizenTracked: true,
    slaReported: true,
    ioMapping: true,
    multiInstance: true,
    boundaryTriggers: INTERRUPTIBLE,
  },
  serviceTask: {
    ...TASK,
    bpmnTypes: ['bpmn:ServiceTask'],
    name: { id: 'Tugas layanan', en: 'Service task' },
    waitsFor: 'job',
    citizenStep: true,
    citizenTracked: true,
    slaReported: true,
    ioMapping: true,
    multiInstance: true,
    // A job may answer with a bpmnError.
    boundaryTriggers: ['timer', 'error', 'message', 'signal'],
  },
  sendTask: {
    ...TASK,
    bpmnTypes: ['bpmn:SendTask'],
    name: { id: 'Tugas kirim', en: 'Send task' },
    waitsFor: 'job',
    citizenStep: true,
    citizenTracked: true,
    boundaryTriggers: INTERRUPTIBLE,
  },
  receiveTask: {
    ...TASK,
    bpmnTypes: ['bpmn:ReceiveTask'],
    name: { id: 'Tugas terima', en: 'Receive task' },
    waitsFor: 'event',
    citizenStep: true,
    citizenTracked: true,
    boundaryTriggers: INTERRUPTIBLE,
  },
  manualTask: {
    ...TASK,
    // A task without a type (bpmn:Task) passes through the same way (Camunda 8).
    bpmnTypes: ['bpmn:ManualTask', 'bpmn:Task'],
    name: { id: 'Tugas manual', en: 'Manual task' },
    instant: true,
    citizenStep: true,
    ioMapping: true,
    multiInstance: true,
  },
  scriptTask: { ...TASK, bpmnTypes: ['bpmn:ScriptTask'], name: { id: 'Tugas skrip', en: 'Script task' }, instant: true, ioMapping: true, multiInstance: true },
  businessRuleTask: {
    ...TASK,
    bpmnTypes: ['bpmn:BusinessRuleTask'],
    name: { id: 'Tugas aturan bisnis', en: 'Business rule task' },
    instant: true,
    ioMapping: true,
  },
  subProcess: {
    ...TASK,
    kind: 'subProcess',
    bpmnTypes: ['bpmn:SubProcess'],
    name: { id: 'Subproses', en: 'Sub-process' },
    multiInstance: true,
    // Steps inside throw errors and escalations.
    boundaryTriggers: ['timer', 'error', 'escalation', 'message', 'signal'],
  },
  eventSubProcess: {
    ...NONE,
    kind: 'subProcess',
    bpmnTypes: ['bpmn:SubProcess'],
    name: { id: 'Subproses peristiwa', en: 'Event sub-process' },
    enteredByFlow: false,
    triggers: ['timer', 'error', 'escalation', 'message', 'signal'],
  },
  callActivity: {
    ...TASK,
    kind: 'subProcess',
    bpmnTypes: ['bpmn:CallActivity'],
    name: { id: 'Aktivitas panggilan', en: 'Call activity' },
    waitsFor: 'calledCase',
    ioMapping: true,
    multiInstance: true,
    // The called SOP's uncaught errors and escalations reach it.
    boundaryTriggers: ['timer', 'error', 'escalation'],
  },
  exclusiveGateway: { ...GATEWAY, bpmnTypes: ['bpmn:ExclusiveGateway'], name: { id: 'Gerbang eksklusif', en: 'Exclusive gateway' } },
  parallelGateway: { ...GATEWAY, bpmnTypes: ['bpmn:ParallelGateway'], name: { id: 'Gerbang paralel', en: 'Parallel gateway' } },
  inclusiveGateway: { ...GATEWAY, bpmnTypes: ['bpmn:InclusiveGateway'], name: { id: 'Gerbang inklusif', en: 'Inclusive gateway' } },
  eventBasedGateway: {
    ...GATEWAY,
    bpmnTypes: ['bpmn:EventBasedGateway'],
    name: { id: 'Gerbang berbasis peristiwa', en: 'Event-based gateway' },
    instant: false,
    waitsFor: 'event',
    triggers: ['timer', 'message', 'signal'],
  },
};

/** Every element type the IR knows, by IR node type. */
export const BPMN_ELEMENTS: Readonly<Record<IrNodeType, BpmnElementSpec>> = Object.fromEntries(
  Object.entries(SPECS).map(([type, spec]) => [type, { type, ...spec }]),
) as Record<IrNodeType, BpmnElementSpec>;

/** The catalogue entry of an IR node type read from storage (a step's type); undefined for anything else. */
export function elementOf(type: string): BpmnElementSpec | undefined {
  return Object.hasOwn(BPMN_ELEMENTS, type) ? BPMN_ELEMENTS[type as IrNodeType] : undefined;
}

/** The catalogue as a list, in a stable order. */
export const BPMN_ELEMENT_LIST: readonly BpmnElementSpec[] = Object.values(BPMN_ELEMENTS);

/** The IR node types for which `has` holds (e.g. for an SQL `IN` list). */
export function elementTypesWhere(has: (element: BpmnElementSpec) => boolean): IrNodeType[] {
  return BPMN_ELEMENT_LIST.filter(has).map((e) => e.type);
}

/**
 * The catalogue entry a bpmn-moddle element compiles to, by its `$type`
 * (`triggeredByEvent`: a bpmn:SubProcess is an event sub-process); undefined
 * for types Alur does not run.
 */
export function elementOfBpmnType(bpmnType: string, triggeredByEvent = false): BpmnElementSpec | undefined {
  if (bpmnType === 'bpmn:SubProcess') return BPMN_ELEMENTS[triggeredByEvent ? 'eventSubProcess' : 'subProcess'];
  return BPMN_ELEMENT_LIST.find((e) => e.bpmnTypes.includes(bpmnType));
}

/** The element's type in BPMN XML (its local name, as the web app reads diagrams): userTask, task, subProcess... */
export function xmlLocalNames(element: BpmnElementSpec): string[] {
  return element.bpmnTypes.map((t) => t.charAt(5).toLowerCase() + t.slice(6));
}

/**
 * Whether a bpmn-moddle element is written as one of `type`'s bpmn-moddle types
 * (by `$type` alone: a bpmn:SubProcess is both a subProcess and an
 * eventSubProcess here, whatever its triggeredByEvent).
 */
export function isBpmnType(el: { $type: string }, type: IrNodeType): boolean {
  return BPMN_ELEMENTS[type].bpmnTypes.includes(el.$type);
}

/** The trigger of an event definition by its bpmn-moddle type (`bpmn:TimerEventDefinition` → timer); undefined for the ones Alur does not run. */
export function triggerOfDefinition(definition: { $type: string }): EventTrigger | undefined {
  return (Object.keys(EVENT_DEFINITION_TYPES) as EventTrigger[]).find((t) => EVENT_DEFINITION_TYPES[t] === definition.$type);
}
