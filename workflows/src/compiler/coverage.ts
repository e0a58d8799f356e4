// Which BPMN elements the compiler accepts, as a table for people. The README
// section is generated from it (workflows/scripts/coverage-table.ts) and
// workflows/test/coverage.test.ts compiles a diagram for every row, so the
// table cannot claim what the compiler does not do, or miss what it does.

export interface CoverageRow {
  /** What a process designer calls it, e.g. `Timer boundary event, non-interrupting`. */
  element: string;
  /** How it is written in BPMN XML. */
  bpmn: string;
  supported: boolean;
  notes: string;
}

export const BPMN_COVERAGE: CoverageRow[] = [
  // Start and end events
  { element: 'None start event', bpmn: 'bpmn:startEvent', supported: true, notes: 'exactly one per process' },
  { element: 'Message start event', bpmn: 'bpmn:startEvent + bpmn:messageEventDefinition', supported: false, notes: 'cases are started through the API' },
  { element: 'Timer start event', bpmn: 'bpmn:startEvent + bpmn:timerEventDefinition', supported: false, notes: 'cases are started through the API' },
  { element: 'Signal start event', bpmn: 'bpmn:startEvent + bpmn:signalEventDefinition', supported: false, notes: '' },
  { element: 'None end event', bpmn: 'bpmn:endEvent', supported: true, notes: 'ends its path; the case ends when no path is left' },
  { element: 'Terminate end event', bpmn: 'bpmn:endEvent + bpmn:terminateEventDefinition', supported: true, notes: 'ends every other path of the case too' },
  { element: 'Error end event', bpmn: 'bpmn:endEvent + bpmn:errorEventDefinition', supported: false, notes: '' },
  { element: 'Escalation end event', bpmn: 'bpmn:endEvent + bpmn:escalationEventDefinition', supported: false, notes: '' },
  { element: 'Message end event', bpmn: 'bpmn:endEvent + bpmn:messageEventDefinition', supported: false, notes: 'use a webhook service task before a none end event' },
  { element: 'Signal end event', bpmn: 'bpmn:endEvent + bpmn:signalEventDefinition', supported: false, notes: '' },

  // Tasks
  { element: 'User task', bpmn: 'bpmn:userTask', supported: true, notes: 'done by someone holding one of its candidate roles' },
  {
    element: 'Service task',
    bpmn: 'bpmn:serviceTask',
    supported: true,
    notes: '`zeebe:taskDefinition type="webhook"` (optional `retries`, default 3); task headers `url`, `method`, `resultVariable`',
  },
  { element: 'Manual task', bpmn: 'bpmn:manualTask', supported: true, notes: 'work outside the system; recorded in the case history, nothing to wait for' },
  {
    element: 'Script task',
    bpmn: 'bpmn:scriptTask',
    supported: true,
    notes: 'FEEL only: `zeebe:script expression resultVariable`, or Camunda 7 `scriptFormat="feel"` with `camunda:resultVariable`',
  },
  { element: 'Task without a type', bpmn: 'bpmn:task', supported: false, notes: 'give it a type: user, service, manual or script task' },
  { element: 'Send task', bpmn: 'bpmn:sendTask', supported: false, notes: 'use a webhook service task' },
  { element: 'Receive task', bpmn: 'bpmn:receiveTask', supported: false, notes: '' },
  { element: 'Business rule task', bpmn: 'bpmn:businessRuleTask', supported: false, notes: '' },

  // Sub-processes
  { element: 'Sub-process', bpmn: 'bpmn:subProcess', supported: false, notes: 'draw its steps in the main process' },
  { element: 'Event sub-process', bpmn: 'bpmn:subProcess triggeredByEvent="true"', supported: false, notes: '' },
  { element: 'Call activity', bpmn: 'bpmn:callActivity', supported: false, notes: '' },

  // Gateways
  { element: 'Exclusive gateway', bpmn: 'bpmn:exclusiveGateway', supported: true, notes: 'the first outgoing flow whose condition holds, else the default flow' },
  { element: 'Parallel gateway', bpmn: 'bpmn:parallelGateway', supported: true, notes: 'split into all outgoing flows; join waits for all incoming ones' },
  { element: 'Inclusive gateway', bpmn: 'bpmn:inclusiveGateway', supported: false, notes: '' },
  { element: 'Event-based gateway', bpmn: 'bpmn:eventBasedGateway', supported: false, notes: '' },
  { element: 'Complex gateway', bpmn: 'bpmn:complexGateway', supported: false, notes: '' },

  // Intermediate events
  {
    element: 'Timer intermediate catch event',
    bpmn: 'bpmn:intermediateCatchEvent + bpmn:timerEventDefinition',
    supported: true,
    notes: 'waits for a `timeDuration` or until a `timeDate`; see Timers below',
  },
  { element: 'Message intermediate catch event', bpmn: 'bpmn:intermediateCatchEvent + bpmn:messageEventDefinition', supported: false, notes: '' },
  { element: 'Signal intermediate catch event', bpmn: 'bpmn:intermediateCatchEvent + bpmn:signalEventDefinition', supported: false, notes: '' },
  { element: 'Intermediate throw event', bpmn: 'bpmn:intermediateThrowEvent', supported: false, notes: '' },

  // Boundary events
  {
    element: 'Timer boundary event, interrupting',
    bpmn: 'bpmn:boundaryEvent + bpmn:timerEventDefinition',
    supported: true,
    notes: 'on user and service tasks; when it fires the task is cancelled and the case goes on from the event',
  },
  {
    element: 'Timer boundary event, non-interrupting',
    bpmn: 'bpmn:boundaryEvent cancelActivity="false" + bpmn:timerEventDefinition',
    supported: true,
    notes: 'on user and service tasks; when it fires the task stays open and a new path starts from the event',
  },
  { element: 'Message boundary event', bpmn: 'bpmn:boundaryEvent + bpmn:messageEventDefinition', supported: false, notes: '' },
  { element: 'Error boundary event', bpmn: 'bpmn:boundaryEvent + bpmn:errorEventDefinition', supported: false, notes: '' },
  { element: 'Escalation boundary event', bpmn: 'bpmn:boundaryEvent + bpmn:escalationEventDefinition', supported: false, notes: '' },
  { element: 'Signal boundary event', bpmn: 'bpmn:boundaryEvent + bpmn:signalEventDefinition', supported: false, notes: '' },

  // Activity markers
  { element: 'Multi-instance activity', bpmn: 'bpmn:multiInstanceLoopCharacteristics', supported: false, notes: '' },
  { element: 'Loop activity', bpmn: 'bpmn:standardLoopCharacteristics', supported: false, notes: 'model the loop with an exclusive gateway' },

  // Across elements
  {
    element: 'Timers',
    bpmn: 'bpmn:timeDuration, bpmn:timeDate',
    supported: true,
    notes:
      'ISO-8601 duration (`PT2H`, `P3D`) or date-time with an offset (`2026-12-01T09:00:00+07:00`), or a FEEL expression (`=tenggat`) evaluated when the timer starts',
  },
  { element: 'Repeating timer', bpmn: 'bpmn:timeCycle', supported: false, notes: '' },
  {
    element: 'Conditions',
    bpmn: 'bpmn:conditionExpression',
    supported: true,
    notes: 'FEEL (a leading `=` is accepted), on the flows leaving an exclusive gateway',
  },
  { element: 'Conditional flow from a task', bpmn: 'bpmn:conditionExpression', supported: false, notes: 'put an exclusive gateway before the choice' },
  {
    element: 'Candidate roles',
    bpmn: 'zeebe:assignmentDefinition, camunda:candidateGroups, bpmn:lane',
    supported: true,
    notes: 'a user task goes to its `candidateGroups` (fixed names, or a FEEL list literal), else to the name of its lane',
  },
];

/** The table as Markdown: Element | Supported | Notes. */
export function renderCoverageTable(rows: readonly CoverageRow[] = BPMN_COVERAGE): string {
  const lines = ['| Element | Supported | Notes |', '| --- | --- | --- |'];
  for (const row of rows) {
    const element = `${row.element} (${row.bpmn.replace(XML_NAME, (name) => `\`${name}\``)})`;
    lines.push(`| ${cell(element)} | ${row.supported ? '✅ yes' : '❌ not yet'} | ${cell(row.notes)} |`);
  }
  return lines.join('\n');
}

/** `bpmn:subProcess triggeredByEvent="true"`, `zeebe:assignmentDefinition`: set in code in the Element column. */
const XML_NAME = /[a-z]+:\w+(?: \w+="[^"]*")?/g;

/** Pipes would end the cell; line breaks the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
