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
  {
    element: 'Message start event',
    bpmn: 'bpmn:startEvent + bpmn:messageEventDefinition',
    supported: true,
    notes:
      'a case started by a published message (`POST /api/messages`, e.g. from SP4N-LAPOR!); any number beside at most one none start event; the name must be fixed at deploy; at most one running case per correlation key',
  },
  {
    element: 'Timer start event',
    bpmn: 'bpmn:startEvent + bpmn:timerEventDefinition',
    supported: true,
    notes:
      "a Temporal Schedule starts a case of the version in force at the event: `timeDate` (once), `timeCycle` as an ISO-8601 repeating interval (`R/P1D`, `R3/PT1H`, `R5/2026-12-01T09:00:00+07:00/P1D`; without a start the first run is one interval after the version came into force) or a cron expression as Camunda writes it (seconds first: `0 0 8 * * MON-FRI`, `@daily`; read in the SOP calendar's time zone, WIB by default); fixed values only. A new version in force replaces the schedule, retiring removes it; `GET /api/sops/:key` lists each with its next run (`timerStarts`). See Timers below",
  },
  {
    element: 'Signal start event',
    bpmn: 'bpmn:startEvent + bpmn:signalEventDefinition',
    supported: true,
    notes:
      'a broadcast signal (`POST /api/signals`, or a signal throw or end event of a case) starts a case of every SOP whose latest version has a signal start event with that name; the name must be fixed; in an event sub-process it starts that sub-process (interrupting or not)',
  },
  { element: 'None end event', bpmn: 'bpmn:endEvent', supported: true, notes: 'ends its path; the case ends when no path is left' },
  {
    element: 'Terminate end event',
    bpmn: 'bpmn:endEvent + bpmn:terminateEventDefinition',
    supported: true,
    notes: 'ends every other path of its scope: the whole case at process level; inside a sub-process only that sub-process, which then goes on',
  },
  {
    element: 'Error end event',
    bpmn: 'bpmn:endEvent + bpmn:errorEventDefinition',
    supported: true,
    notes:
      'throws the `errorCode` of its `bpmn:error` (a fixed code, required) outwards: an error event sub-process of its scope, else an error boundary event of the sub-process, else the next scope out; uncaught, the case fails naming the event and the code',
  },
  {
    element: 'Escalation end event',
    bpmn: 'bpmn:endEvent + bpmn:escalationEventDefinition',
    supported: true,
    notes:
      'escalates the `escalationCode` of its `bpmn:escalation` outwards, as an error travels, from a called case on to its call activity in the calling case; uncaught, nothing happens (BPMN)',
  },
  {
    element: 'Message end event',
    bpmn: 'bpmn:endEvent + bpmn:messageEventDefinition',
    supported: true,
    notes:
      'sent through a service, as in Camunda 8: `zeebe:taskDefinition type="webhook"` and task headers as on a service task (the receiver gets `messageName`, `trackingCode` and the variables), or any other type (or a Camunda 7 external task): a job a worker completes (see Job workers)',
  },
  {
    element: 'Signal end event',
    bpmn: 'bpmn:endEvent + bpmn:signalEventDefinition',
    supported: true,
    notes:
      "broadcasts its signal, then ends its path: every element waiting for it in this case and in every other running case takes it, and SOPs with a signal start event for it start; its input mappings are the signal's variables",
  },

  // Tasks
  { element: 'User task', bpmn: 'bpmn:userTask', supported: true, notes: 'done by someone holding one of its candidate roles' },
  {
    element: 'Service task',
    bpmn: 'bpmn:serviceTask',
    supported: true,
    notes:
      'any other `zeebe:taskDefinition type` (Camunda 8 job workers, connectors Alur does not run itself), and Camunda 7 external tasks (`camunda:type="external" camunda:topic`), are jobs for external workers, served at Camunda\'s own REST paths (see Job workers); built in: Camunda\'s REST connector `io.camunda:http-json:1` (see REST connector) and `zeebe:taskDefinition type="webhook"` (optional `retries`, default 3); task headers `url`, `method`, `resultVariable`; an answer (any status) with the JSON body `{"bpmnError": {"code": "...", "message": "...", "variables": {...}}}` throws that BPMN error from the task, as a Camunda 8 job worker does; so does an answer its `errorExpression` header maps to one (FEEL over the variables and `response` `{status, body}`, e.g. `=if response.status = 404 then bpmnError("TIDAK_ADA", "...") else null`, as on Camunda 8 connectors): caught by an error boundary event or error event sub-process, else the case fails naming the task and the code',
  },
  { element: 'Manual task', bpmn: 'bpmn:manualTask', supported: true, notes: 'work outside the system; recorded in the case history, nothing to wait for' },
  {
    element: 'Script task',
    bpmn: 'bpmn:scriptTask',
    supported: true,
    notes: 'FEEL only: `zeebe:script expression resultVariable`, or Camunda 7 `scriptFormat="feel"` with `camunda:resultVariable`',
  },
  {
    element: 'Task without a type',
    bpmn: 'bpmn:task',
    supported: true,
    notes: 'passes through, recorded in the case history, as in Camunda 8 (runs as a manual task)',
  },
  {
    element: 'Send task',
    bpmn: 'bpmn:sendTask',
    supported: true,
    notes:
      'sent through a service, as in Camunda 8: `zeebe:taskDefinition type="webhook"` and task headers as on a service task (the receiver gets `messageName`, `trackingCode` and the variables), or any other type (or a Camunda 7 external task): a job a worker completes (see Job workers)',
  },
  {
    element: 'Receive task',
    bpmn: 'bpmn:receiveTask',
    supported: true,
    notes: 'waits for its message like a message catch event, and can carry timer and message boundary events',
  },
  {
    element: 'Business rule task',
    bpmn: 'bpmn:businessRuleTask',
    supported: true,
    notes:
      '`zeebe:calledDecision decisionId resultVariable` (or Camunda 7 `camunda:decisionRef`, `camunda:resultVariable`, `camunda:mapDecisionResult`): a DMN decision table deployed with `POST /api/decisions` (hit policies UNIQUE, FIRST, ANY, PRIORITY, COLLECT with or without SUM/MIN/MAX/COUNT, RULE ORDER; FEEL), bound at SOP deploy',
  },

  // Sub-processes
  {
    element: 'Sub-process',
    bpmn: 'bpmn:subProcess',
    supported: true,
    notes:
      'embedded, with one none start event; its steps see the case variables; timer, error and escalation boundary events on it; sequence flows stay inside or outside it',
  },
  {
    element: 'Event sub-process',
    bpmn: 'bpmn:subProcess triggeredByEvent="true"',
    supported: true,
    notes:
      'in the process or a sub-process, started by a timer, error (always interrupting), escalation, message or signal start event, interrupting or not (`isInterrupting`); an interrupting one first cancels everything else in its scope; a non-interrupting message or signal one starts at every message or signal while its scope runs',
  },
  {
    element: 'Call activity',
    bpmn: 'bpmn:callActivity',
    supported: true,
    notes:
      'calls another deployed SOP by key (`zeebe:calledElement processId`, or `calledElement`; both, as Camunda Web Modeler writes them, when they name the same key), checked at deploy; the called SOP runs as a case of its own (own tracking code and tasks, linked to the caller, shown under it in the case API) and the caller waits. Version binding: latest (default), `deployment` (the latest version that existed when the calling SOP was deployed) or `camunda:calledElementBinding="version"` with `camunda:calledElementVersion`; no version tags. Variables: `propagateAllParentVariables`/`propagateAllChildVariables` and `zeebe:ioMapping`, or `camunda:in`/`camunda:out` (`source`/`target`, `variables="all"`). An error end event the called case does not catch goes to the error boundary events of the call activity; an escalation it does not catch goes, while it keeps running, to the escalation boundary events of the call activity (interrupting: the called case is cancelled), else to the escalation event sub-processes and boundary events around the call activity, else is ignored; cancelling the caller, or an interrupting boundary event, cancels the called case',
  },

  // Gateways
  {
    element: 'Exclusive gateway',
    bpmn: 'bpmn:exclusiveGateway',
    supported: true,
    notes: 'the first outgoing flow whose condition holds, else the default flow',
  },
  { element: 'Parallel gateway', bpmn: 'bpmn:parallelGateway', supported: true, notes: 'split into all outgoing flows; join waits for all incoming ones' },
  {
    element: 'Inclusive gateway',
    bpmn: 'bpmn:inclusiveGateway',
    supported: true,
    notes:
      'split: every outgoing flow whose condition holds, else the default flow (neither: the case fails); join: waits only for the paths that can still arrive',
  },
  {
    element: 'Event-based gateway',
    bpmn: 'bpmn:eventBasedGateway',
    supported: true,
    notes:
      'waits for the first of the message, signal and timer intermediate catch events it leads to; the other timers are cancelled and the other subscriptions closed',
  },
  { element: 'Complex gateway', bpmn: 'bpmn:complexGateway', supported: false, notes: '' },

  // Intermediate events
  {
    element: 'Timer intermediate catch event',
    bpmn: 'bpmn:intermediateCatchEvent + bpmn:timerEventDefinition',
    supported: true,
    notes: 'waits for a `timeDuration` or until a `timeDate`; see Timers below',
  },
  {
    element: 'Message intermediate catch event',
    bpmn: 'bpmn:intermediateCatchEvent + bpmn:messageEventDefinition',
    supported: true,
    notes: "waits until a message with its name and correlation key is published (see Message correlation); the message's variables merge into the case",
  },
  {
    element: 'Signal intermediate catch event',
    bpmn: 'bpmn:intermediateCatchEvent + bpmn:signalEventDefinition',
    supported: true,
    notes:
      "waits for a signal: its subscription opens when it is reached; every signal broadcast with its name (`POST /api/signals`, or a signal throw or end event of any case, this one included) reaches it; the signal's variables merge into the case; also after an event-based gateway",
  },
  { element: 'None intermediate throw event', bpmn: 'bpmn:intermediateThrowEvent', supported: true, notes: 'a milestone recorded in the case history' },
  {
    element: 'Escalation intermediate throw event',
    bpmn: 'bpmn:intermediateThrowEvent + bpmn:escalationEventDefinition',
    supported: true,
    notes: 'escalates its code outwards (from a called case on to its call activity), then goes on, unless an interrupting catcher cancels its scope',
  },
  {
    element: 'Signal intermediate throw event',
    bpmn: 'bpmn:intermediateThrowEvent + bpmn:signalEventDefinition',
    supported: true,
    notes: 'broadcasts its signal as a signal end event does, then goes on',
  },
  {
    element: 'Message intermediate throw event',
    bpmn: 'bpmn:intermediateThrowEvent + bpmn:messageEventDefinition',
    supported: true,
    notes:
      'sent through a service, as in Camunda 8: `zeebe:taskDefinition type="webhook"` and task headers as on a service task (the receiver gets `messageName`, `trackingCode` and the variables), or any other type (or a Camunda 7 external task): a job a worker completes (see Job workers)',
  },
  {
    element: 'Link intermediate events',
    bpmn: 'bpmn:intermediateThrowEvent + bpmn:linkEventDefinition, bpmn:intermediateCatchEvent + bpmn:linkEventDefinition',
    supported: true,
    notes:
      'as in Camunda 8: a link throw event goes on at the link catch event with the same link name in the same scope (the process or one sub-process), exactly as a sequence flow between them would (loops, skips); several throw events may lead to one catch event. Both are recorded in the case history. A throw event with no catch event of its name in its scope, two catch events of one name, a catch event no throw event leads to, and flows into a catch event or out of a throw event are deploy errors naming the events',
  },

  // Boundary events
  {
    element: 'Timer boundary event, interrupting',
    bpmn: 'bpmn:boundaryEvent + bpmn:timerEventDefinition',
    supported: true,
    notes:
      'on user and service tasks and sub-processes; when it fires the task (everything inside the sub-process) is cancelled and the case goes on from the event',
  },
  {
    element: 'Timer boundary event, non-interrupting',
    bpmn: 'bpmn:boundaryEvent cancelActivity="false" + bpmn:timerEventDefinition',
    supported: true,
    notes: 'on user and service tasks and sub-processes; when it fires the task stays open and a new path starts from the event',
  },
  {
    element: 'Message boundary event, interrupting',
    bpmn: 'bpmn:boundaryEvent + bpmn:messageEventDefinition',
    supported: true,
    notes:
      'on user, service, send and receive tasks and sub-processes; its subscription opens with the task; the message cancels the task and the case goes on from the event',
  },
  {
    element: 'Message boundary event, non-interrupting',
    bpmn: 'bpmn:boundaryEvent cancelActivity="false" + bpmn:messageEventDefinition',
    supported: true,
    notes: 'the task stays open and every message starts a new path from the event',
  },
  {
    element: 'Error boundary event',
    bpmn: 'bpmn:boundaryEvent + bpmn:errorEventDefinition',
    supported: true,
    notes:
      'on sub-processes and service tasks (a webhook answering `{"bpmnError": {"code", "message", "variables"}}`, a job worker throwing a BPMN error), always interrupting; catches its `errorCode`, or every error when it names none',
  },
  {
    element: 'Escalation boundary event',
    bpmn: 'bpmn:boundaryEvent + bpmn:escalationEventDefinition',
    supported: true,
    notes:
      'on sub-processes and call activities (an escalation the called case does not catch), interrupting or not; catches its `escalationCode`, or every escalation when it names none',
  },
  {
    element: 'Signal boundary event',
    bpmn: 'bpmn:boundaryEvent + bpmn:signalEventDefinition',
    supported: true,
    notes:
      "on user, service, send and receive tasks and sub-processes, interrupting or not (then every broadcast starts a new path); its subscription opens when it is reached; every signal broadcast with its name (`POST /api/signals`, or a signal throw or end event of any case, this one included) reaches it; the signal's variables merge into the case",
  },

  // Activity markers
  {
    element: 'Multi-instance activity',
    bpmn: 'bpmn:multiInstanceLoopCharacteristics',
    supported: true,
    notes:
      'user, service, script and manual tasks, sub-processes and call activities; sequential or parallel over `zeebe:loopCharacteristics` `inputCollection` (or `camunda:collection`, or `loopCardinality`), with `inputElement`, `loopCounter`, `outputCollection`/`outputElement` and a FEEL `completionCondition`; not on other activities',
  },
  {
    element: 'Multi-instance sub-process',
    bpmn: 'bpmn:subProcess + bpmn:multiInstanceLoopCharacteristics',
    supported: true,
    notes:
      'each instance is a scope with its own variables: `inputElement` and `loopCounter`, and the `outputElement` variable when it names one (the steps inside fill it); other variables the steps set go to the case. Boundary events and the SLA belong to the whole',
  },
  {
    element: 'Loop activity',
    bpmn: 'bpmn:standardLoopCharacteristics',
    supported: true,
    notes:
      'on the activities that can be multi-instance: runs again, one iteration after the other, as long as its `loopCondition` holds (BPMN; FEEL over the case and `loopCounter`, or Camunda 7 JUEL with a plain FEEL equivalent), checked after each iteration or, with `testBefore="true"`, before it; at most `loopMaximum` times. Each iteration is a step of its own with `loopCounter` (1, 2, ...) as its local variable; boundary events and the SLA belong to the whole. A loop with neither a condition nor a maximum is a deploy error; a condition that gives neither true nor false, an incident',
  },

  // Across elements
  {
    element: 'Timers',
    bpmn: 'bpmn:timeDuration, bpmn:timeDate',
    supported: true,
    notes:
      'ISO-8601 duration (`PT2H`, `P3D`) or date-time with an offset (`2026-12-01T09:00:00+07:00`), or a FEEL expression (`=tenggat`) evaluated when the timer starts',
  },
  {
    element: 'Message correlation',
    bpmn: 'bpmn:message, zeebe:subscription',
    supported: true,
    notes:
      "the `name` of `bpmn:message` (fixed, or `=FEEL`) and `zeebe:subscription correlationKey` (FEEL), both evaluated when the case starts waiting; without a key (Camunda 7 models) the key is the case's tracking code. `POST /api/messages` answers `correlated` (a waiting case took it), `started`, or, when nothing takes it, `buffered` (202) if it carries a `timeToLive` (ISO-8601): kept until then for the first case that subscribes with that name and key, as in Zeebe; without one it is dropped (404)",
  },
  { element: 'Repeating timer', bpmn: 'bpmn:timeCycle', supported: false, notes: '' },
  {
    element: 'Conditions',
    bpmn: 'bpmn:conditionExpression',
    supported: true,
    notes:
      "FEEL (a leading `=` is accepted), on the flows leaving an exclusive or inclusive gateway. Camunda 7 JUEL (`${amount > 1000}`, `#{approved}`, `${status == 'ok' && !urgent}`) is translated to FEEL at deploy, with a warning showing the FEEL it became; method calls, brackets and engine objects (`${execution...}`) are refused naming the flow and the expression",
  },
  { element: 'Conditional flow from a task', bpmn: 'bpmn:conditionExpression', supported: false, notes: 'put an exclusive gateway before the choice' },
  {
    element: 'Input/output mappings',
    bpmn: 'zeebe:ioMapping, camunda:inputOutput',
    supported: true,
    notes:
      "on user, service, script, manual and business rule tasks: inputs (FEEL `=expr` or fixed text) become variables local to the task; outputs map its result into the case, else the result merges as it is. On events, as in Camunda 8: output mappings on start, intermediate (throw and catch), boundary and end events (not error or terminate end events), evaluated when the event completes over the case and what the event brought (a message's or signal's variables: with outputs only they reach the case); input mappings only on signal and message throw events (what they send). Camunda 7 JUEL (`${...}`) with a plain FEEL equivalent is translated, with a warning (in `camunda:list`/`camunda:map` values it is refused), and non-FEEL scripts are refused",
  },
  {
    element: 'User task forms',
    bpmn: 'zeebe:formDefinition, zeebe:userTaskForm, camunda:formKey, camunda:formRef',
    supported: true,
    notes:
      'an embedded form-js schema (`formKey="camunda-forms:bpmn:<id>"`) or a form deployed with `POST /api/forms` (`formId`, latest version bound at SOP deploy): submissions are checked against it (422 naming each field). `externalReference` and other form keys are shown on the task only; `camunda:formData` is refused. A form on the start event checks the variables a case starts with',
  },
  {
    element: 'Task due dates',
    bpmn: 'zeebe:taskSchedule, camunda:dueDate, camunda:followUpDate',
    supported: true,
    notes:
      '`dueDate` and `followUpDate`: a date-time with an offset or a FEEL expression (`=now() + duration("P3D")`), worked out when the task opens and kept on the task',
  },
  {
    element: 'SLAs',
    bpmn: 'alur:sla, alur:slaPaused',
    supported: true,
    notes:
      'on a waiting task or on the process (the whole case): working time (`3 hari kerja`, `2 jam kerja`), calendar time (`P3D`, `14 hari`) or `=FEEL` giving one, on the business calendar of the case\'s unit; without `alur:sla` a task\'s `zeebe:taskSchedule dueDate` or first interrupting timer boundary event is its deadline. At-risk (80%) and breach are recorded as deviations; `alur:slaPaused="true"`: the clock stops while the task waits for the citizen',
  },
  {
    element: 'Candidate roles',
    bpmn: 'zeebe:assignmentDefinition, camunda:candidateGroups, bpmn:lane',
    supported: true,
    notes:
      "a user task goes to its `candidateGroups` (fixed names, or a FEEL list literal), else to the name of its lane; holders of that role in the case's handling unit, or in the unit named by `alur:unit`. With neither (Camunda allows it) it goes to the staff of that unit (any role there), or, for a case with no unit, to holders of the global role `petugas`; a warning says so at deploy. `assignee` and `candidateUsers` are not applied yet (a warning at deploy)",
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
