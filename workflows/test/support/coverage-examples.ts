// A minimal diagram for every row of BPMN_COVERAGE, keyed by the row's
// element name. Supported rows must compile; unsupported rows must be rejected
// with errors about the element itself and nothing else.
import { between, date, duration, flow, processXml, timerCatch, timerOn, userTask, webhookTask } from './bpmn';

export interface CoverageExample {
  /** A whole BPMN document, valid apart from the element under test. */
  xml: string;
  /** The element the row is about: a node or a sequence flow. */
  elementId: string;
  /** Supported rows: what the element compiles to (matched as a subset). */
  compilesTo?: Record<string, unknown>;
}

const X = 'x';

/** start → t → end, with the start event `x` holding `definition`. */
const startWith = (definition: string) =>
  processXml(`<bpmn:startEvent id="${X}">${definition}</bpmn:startEvent>${flow('f1', X, 't')}${userTask('t')}${flow('f2', 't', 'end')}<bpmn:endEvent id="end"/>`);

/** start → t → the end event `x` holding `definition`. */
const endWith = (definition: string) =>
  processXml(`<bpmn:startEvent id="start"/>${flow('f1', 'start', 't')}${userTask('t')}${flow('f2', 't', X)}<bpmn:endEvent id="${X}">${definition}</bpmn:endEvent>`);

/** start → `element` (with id x) → end. */
const step = (element: string): CoverageExample => ({ xml: between(element, X), elementId: X });

/** A boundary event `x` with `definition` on a user task, leading to the end event. */
const boundary = (definition: string, attrs = ''): CoverageExample => ({
  xml: between(`${userTask('t')}<bpmn:boundaryEvent id="${X}" attachedToRef="t" ${attrs}>${definition}</bpmn:boundaryEvent>${flow('fx', X, 'end')}`, 't'),
  elementId: X,
});

/** Exclusive gateway x: flow fa (condition) to task a, default flow fb to the end. */
const exclusiveGateway = between(
  `<bpmn:exclusiveGateway id="${X}" default="fb"/>${flow('fa', X, 'a', '=jumlah &gt; 100')}${flow('fb', X, 'end')}${userTask('a')}`,
  X,
  'a',
);

/** `xml` with its node x in a lane named `lane`. */
const inLane = (lane: string, xml: string) =>
  xml.replace('<bpmn:startEvent', `<bpmn:laneSet id="ls"><bpmn:lane id="lane" name="${lane}"><bpmn:flowNodeRef>${X}</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet><bpmn:startEvent`);

const zeebeScript = (expression: string, resultVariable: string) =>
  `<bpmn:scriptTask id="${X}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${resultVariable}"/></bpmn:extensionElements></bpmn:scriptTask>`;

export const COVERAGE_EXAMPLES: Record<string, CoverageExample | CoverageExample[]> = {
  'None start event': { xml: startWith(''), elementId: X, compilesTo: { type: 'startEvent' } },
  'Message start event': { xml: startWith('<bpmn:messageEventDefinition/>'), elementId: X },
  'Timer start event': { xml: startWith(`<bpmn:timerEventDefinition>${duration('PT1H')}</bpmn:timerEventDefinition>`), elementId: X },
  'Signal start event': { xml: startWith('<bpmn:signalEventDefinition/>'), elementId: X },
  'None end event': { xml: endWith(''), elementId: X, compilesTo: { type: 'endEvent', terminate: false } },
  'Terminate end event': { xml: endWith('<bpmn:terminateEventDefinition/>'), elementId: X, compilesTo: { type: 'endEvent', terminate: true } },
  'Error end event': { xml: endWith('<bpmn:errorEventDefinition/>'), elementId: X },
  'Escalation end event': { xml: endWith('<bpmn:escalationEventDefinition/>'), elementId: X },
  'Message end event': { xml: endWith('<bpmn:messageEventDefinition/>'), elementId: X },
  'Signal end event': { xml: endWith('<bpmn:signalEventDefinition/>'), elementId: X },

  'User task': { ...step(userTask(X, 'verifikator')), compilesTo: { type: 'userTask', candidateRoles: ['verifikator'] } },
  'Service task': {
    ...step(webhookTask(X, { url: 'https://contoh.go.id/hook' })),
    compilesTo: { type: 'serviceTask', taskType: 'webhook', headers: { url: 'https://contoh.go.id/hook' }, retries: 3 },
  },
  'Manual task': { ...step(`<bpmn:manualTask id="${X}" name="Serahkan berkas"/>`), compilesTo: { type: 'manualTask', name: 'Serahkan berkas' } },
  'Script task': [
    { ...step(zeebeScript('=jumlahBerkas * 5000', 'biaya')), compilesTo: { type: 'scriptTask', expression: 'jumlahBerkas * 5000', resultVariable: 'biaya' } },
    {
      ...step(`<bpmn:scriptTask id="${X}" scriptFormat="feel" camunda:resultVariable="biaya"><bpmn:script>jumlahBerkas * 5000</bpmn:script></bpmn:scriptTask>`),
      compilesTo: { type: 'scriptTask', expression: 'jumlahBerkas * 5000', resultVariable: 'biaya' },
    },
  ],
  'Task without a type': step(`<bpmn:task id="${X}"/>`),
  'Send task': step(`<bpmn:sendTask id="${X}"/>`),
  'Receive task': step(`<bpmn:receiveTask id="${X}"/>`),
  'Business rule task': step(`<bpmn:businessRuleTask id="${X}"/>`),

  'Sub-process': step(`<bpmn:subProcess id="${X}"><bpmn:startEvent id="subStart"/></bpmn:subProcess>`),
  'Event sub-process': {
    xml: between(`${userTask('t')}<bpmn:subProcess id="${X}" triggeredByEvent="true"><bpmn:startEvent id="subStart"><bpmn:messageEventDefinition/></bpmn:startEvent></bpmn:subProcess>`, 't'),
    elementId: X,
  },
  'Call activity': step(`<bpmn:callActivity id="${X}"/>`),

  'Exclusive gateway': { xml: exclusiveGateway, elementId: X, compilesTo: { type: 'exclusiveGateway', defaultFlow: 'fb' } },
  'Parallel gateway': {
    xml: between(
      `<bpmn:parallelGateway id="${X}"/>${flow('fa', X, 'a')}${flow('fb', X, 'b')}${userTask('a')}${userTask('b')}${flow('fa2', 'a', 'join')}${flow('fb2', 'b', 'join')}<bpmn:parallelGateway id="join"/>`,
      X,
      'join',
    ),
    elementId: X,
    compilesTo: { type: 'parallelGateway', outgoing: ['fa', 'fb'] },
  },
  'Inclusive gateway': step(`<bpmn:inclusiveGateway id="${X}"/>`),
  'Event-based gateway': step(`<bpmn:eventBasedGateway id="${X}"/>`),
  'Complex gateway': step(`<bpmn:complexGateway id="${X}"/>`),

  'Timer intermediate catch event': { ...step(timerCatch(X, duration('P3D'))), compilesTo: { type: 'intermediateCatchEvent', timer: { duration: 'P3D' } } },
  'Message intermediate catch event': step(`<bpmn:intermediateCatchEvent id="${X}"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>`),
  'Signal intermediate catch event': step(`<bpmn:intermediateCatchEvent id="${X}"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent>`),
  'Intermediate throw event': step(`<bpmn:intermediateThrowEvent id="${X}"/>`),

  'Timer boundary event, interrupting': {
    ...boundary(`<bpmn:timerEventDefinition>${duration('PT2H')}</bpmn:timerEventDefinition>`),
    compilesTo: { type: 'boundaryEvent', attachedTo: 't', cancelActivity: true, timer: { duration: 'PT2H' } },
  },
  'Timer boundary event, non-interrupting': {
    ...boundary(`<bpmn:timerEventDefinition>${duration('PT2H')}</bpmn:timerEventDefinition>`, 'cancelActivity="false"'),
    compilesTo: { type: 'boundaryEvent', attachedTo: 't', cancelActivity: false, timer: { duration: 'PT2H' } },
  },
  'Message boundary event': boundary('<bpmn:messageEventDefinition/>'),
  'Error boundary event': boundary('<bpmn:errorEventDefinition/>'),
  'Escalation boundary event': boundary('<bpmn:escalationEventDefinition/>'),
  'Signal boundary event': boundary('<bpmn:signalEventDefinition/>'),

  'Multi-instance activity': step(userTask(X, 'staf', '<bpmn:multiInstanceLoopCharacteristics isSequential="true"/>')),
  'Loop activity': step(userTask(X, 'staf', '<bpmn:standardLoopCharacteristics/>')),

  Timers: [
    { ...step(timerCatch(X, date('2026-12-01T09:00:00+07:00'))), compilesTo: { timer: { date: '2026-12-01T09:00:00+07:00' } } },
    { ...step(timerCatch(X, date('=tanggalSidang'))), compilesTo: { timer: { date: '=tanggalSidang' } } },
    { xml: between(`${userTask('t')}${timerOn('t', duration('=tenggat'), '', X)}`, 't'), elementId: X, compilesTo: { timer: { duration: '=tenggat' } } },
  ],
  'Repeating timer': boundary(`<bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>`, 'cancelActivity="false"'),
  Conditions: { xml: exclusiveGateway, elementId: 'fa', compilesTo: { source: X, condition: 'jumlah > 100' } },
  'Conditional flow from a task': { xml: between(`${userTask('t')}${flow(X, 't', 'a', '=ok')}${userTask('a')}${flow('fa', 'a', 'end')}`, 't'), elementId: X },
  'Candidate roles': [
    { ...step(userTask(X, 'kasi, kabid')), compilesTo: { candidateRoles: ['kasi', 'kabid'] } },
    { ...step(`<bpmn:userTask id="${X}" camunda:candidateGroups="kasi"/>`), compilesTo: { candidateRoles: ['kasi'] } },
    { xml: inLane('Loket', between(`<bpmn:userTask id="${X}"/>`, X)), elementId: X, compilesTo: { lane: 'Loket', candidateRoles: ['Loket'] } },
  ],
};
