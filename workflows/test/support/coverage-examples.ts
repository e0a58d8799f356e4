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
  processXml(
    `<bpmn:startEvent id="${X}">${definition}</bpmn:startEvent>${flow('f1', X, 't')}${userTask('t')}${flow('f2', 't', 'end')}<bpmn:endEvent id="end"/>`,
  );

/** start → t → the end event `x` holding `definition`. */
const endWith = (definition: string) =>
  processXml(
    `<bpmn:startEvent id="start"/>${flow('f1', 'start', 't')}${userTask('t')}${flow('f2', 't', X)}<bpmn:endEvent id="${X}">${definition}</bpmn:endEvent>`,
  );

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
  xml.replace(
    '<bpmn:startEvent',
    `<bpmn:laneSet id="ls"><bpmn:lane id="lane" name="${lane}"><bpmn:flowNodeRef>${X}</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet><bpmn:startEvent`,
  );

/** `xml` with a bpmn:error (E, code PALSU) and a bpmn:escalation (S, code KURANG) next to the process. */
const withCodes = (xml: string) =>
  xml.replace('</bpmn:definitions>', '<bpmn:error id="E" errorCode="PALSU"/><bpmn:escalation id="S" escalationCode="KURANG"/></bpmn:definitions>');

/** Sub-process `sub` (start → end inside) with the boundary event `x` holding `definition`, leading to the end event. */
const onSubProcess = (definition: string, attrs = ''): CoverageExample => ({
  xml: withCodes(
    between(
      `<bpmn:subProcess id="sub"><bpmn:startEvent id="subStart"/>${flow('s1', 'subStart', 'subEnd')}<bpmn:endEvent id="subEnd"/></bpmn:subProcess>` +
        `<bpmn:boundaryEvent id="${X}" attachedToRef="sub" ${attrs}>${definition}</bpmn:boundaryEvent>${flow('fx', X, 'end')}`,
      'sub',
    ),
  ),
  elementId: X,
});

/** An event sub-process `x` whose start event holds `definition`, next to a user task. */
const eventSubProcess = (definition: string, startAttrs = '') =>
  withCodes(
    between(
      `${userTask('t')}<bpmn:subProcess id="${X}" triggeredByEvent="true"><bpmn:startEvent id="espStart" ${startAttrs}>${definition}</bpmn:startEvent>` +
        `${flow('e1', 'espStart', 'espEnd')}<bpmn:endEvent id="espEnd"/></bpmn:subProcess>`,
      't',
    ),
  );

const zeebeScript = (expression: string, resultVariable: string) =>
  `<bpmn:scriptTask id="${X}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${resultVariable}"/></bpmn:extensionElements></bpmn:scriptTask>`;

const FORM_JSON = JSON.stringify({ id: 'f', components: [{ type: 'textfield', key: 'nama', validate: { required: true } }] }).replace(/"/g, '&quot;');

/** `xml` with the messages M ("berkas-susulan", keyed by =nomorPermohonan) and N ("pemberitahuan", no key). */
const withMessages = (xml: string) =>
  xml.replace(
    '<bpmn:process',
    '<bpmn:message id="M" name="berkas-susulan"><bpmn:extensionElements><zeebe:subscription correlationKey="=nomorPermohonan"/></bpmn:extensionElements></bpmn:message><bpmn:message id="N" name="pemberitahuan"/><bpmn:process',
  );
const WEBHOOK =
  '<bpmn:extensionElements><zeebe:taskDefinition type="webhook"/><zeebe:taskHeaders><zeebe:header key="url" value="https://contoh.go.id/hook"/></zeebe:taskHeaders></bpmn:extensionElements>';
/** start → `element` (with id x, using the messages above) → end. */
const messageStep = (element: string): CoverageExample => ({ xml: withMessages(between(element, X)), elementId: X });
const SENT = { send: { messageName: 'pemberitahuan', taskType: 'webhook', headers: { url: 'https://contoh.go.id/hook' }, retries: 3 } };
const WAITS = { message: { name: 'berkas-susulan', correlationKey: 'nomorPermohonan' } };
const messageBoundary = (attrs = ''): CoverageExample => {
  const example = boundary('<bpmn:messageEventDefinition messageRef="M"/>', attrs);
  return { ...example, xml: withMessages(example.xml) };
};

/** `xml` with the signal G ("banjir") next to the process. */
const withSignal = (xml: string) => xml.replace('<bpmn:process', '<bpmn:signal id="G" name="banjir"/><bpmn:process');
const signalStep = (element: string): CoverageExample => ({ xml: withSignal(between(element, X)), elementId: X });
const signalBoundary = (attrs = ''): CoverageExample => {
  const example = boundary('<bpmn:signalEventDefinition signalRef="G"/>', attrs);
  return { ...example, xml: withSignal(example.xml) };
};

export const COVERAGE_EXAMPLES: Record<string, CoverageExample | CoverageExample[]> = {
  'None start event': { xml: startWith(''), elementId: X, compilesTo: { type: 'startEvent' } },
  'Message start event': {
    xml: withMessages(startWith('<bpmn:messageEventDefinition messageRef="N"/>')),
    elementId: X,
    compilesTo: { type: 'startEvent', message: { name: 'pemberitahuan' } },
  },
  'Timer start event': {
    xml: startWith('<bpmn:timerEventDefinition><bpmn:timeCycle>0 0 8 * * MON-FRI</bpmn:timeCycle></bpmn:timerEventDefinition>'),
    elementId: X,
    compilesTo: { type: 'startEvent', startTimer: { cron: '0 0 8 * * MON-FRI' } },
  },
  'Signal start event': {
    xml: withSignal(startWith('<bpmn:signalEventDefinition signalRef="G"/>')),
    elementId: X,
    compilesTo: { type: 'startEvent', signal: { name: 'banjir' } },
  },
  'None end event': { xml: endWith(''), elementId: X, compilesTo: { type: 'endEvent', terminate: false } },
  'Terminate end event': { xml: endWith('<bpmn:terminateEventDefinition/>'), elementId: X, compilesTo: { type: 'endEvent', terminate: true } },
  'Error end event': {
    xml: withCodes(endWith('<bpmn:errorEventDefinition errorRef="E"/>')),
    elementId: X,
    compilesTo: { type: 'endEvent', error: { code: 'PALSU' } },
  },
  'Escalation end event': {
    xml: withCodes(endWith('<bpmn:escalationEventDefinition escalationRef="S"/>')),
    elementId: X,
    compilesTo: { type: 'endEvent', escalation: { code: 'KURANG' } },
  },
  'Message end event': {
    xml: withMessages(endWith(`${WEBHOOK}<bpmn:messageEventDefinition messageRef="N"/>`)),
    elementId: X,
    compilesTo: { type: 'endEvent', ...SENT },
  },
  'Signal end event': {
    xml: withSignal(endWith('<bpmn:signalEventDefinition signalRef="G"/>')),
    elementId: X,
    compilesTo: { type: 'endEvent', signal: { name: 'banjir' } },
  },

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
  'Task without a type': { ...step(`<bpmn:task id="${X}" name="Catat"/>`), compilesTo: { type: 'manualTask', name: 'Catat', untyped: true } },
  'Send task': { ...messageStep(`<bpmn:sendTask id="${X}" messageRef="N">${WEBHOOK}</bpmn:sendTask>`), compilesTo: { type: 'sendTask', ...SENT } },
  'Receive task': { ...messageStep(`<bpmn:receiveTask id="${X}" messageRef="M"/>`), compilesTo: { type: 'receiveTask', ...WAITS } },
  'Business rule task': [
    {
      ...step(
        `<bpmn:businessRuleTask id="${X}"><bpmn:extensionElements><zeebe:calledDecision decisionId="kategori" resultVariable="hasil"/></bpmn:extensionElements></bpmn:businessRuleTask>`,
      ),
      compilesTo: { type: 'businessRuleTask', decision: { decisionId: 'kategori', resultVariable: 'hasil' } },
    },
    {
      ...step(`<bpmn:businessRuleTask id="${X}" camunda:decisionRef="kategori" camunda:resultVariable="hasil" camunda:mapDecisionResult="singleResult"/>`),
      compilesTo: { type: 'businessRuleTask', decision: { decisionId: 'kategori', resultVariable: 'hasil', camunda7Result: 'singleResult' } },
    },
  ],

  'Sub-process': {
    ...step(
      `<bpmn:subProcess id="${X}"><bpmn:startEvent id="subStart"/>${flow('s1', 'subStart', 'a')}${userTask('a')}${flow('s2', 'a', 'subEnd')}<bpmn:endEvent id="subEnd"/></bpmn:subProcess>`,
    ),
    compilesTo: { type: 'subProcess', startEventId: 'subStart' },
  },
  'Event sub-process': [
    {
      xml: eventSubProcess(`<bpmn:timerEventDefinition>${duration('P3D')}</bpmn:timerEventDefinition>`),
      elementId: X,
      compilesTo: { type: 'eventSubProcess', startEventId: 'espStart', interrupting: true, timer: { duration: 'P3D' } },
    },
    { xml: eventSubProcess('<bpmn:errorEventDefinition errorRef="E"/>'), elementId: X, compilesTo: { interrupting: true, error: { code: 'PALSU' } } },
    { xml: eventSubProcess('<bpmn:escalationEventDefinition/>', 'isInterrupting="false"'), elementId: X, compilesTo: { interrupting: false, escalation: {} } },
    {
      xml: withMessages(eventSubProcess('<bpmn:messageEventDefinition messageRef="M"/>', 'isInterrupting="false"')),
      elementId: X,
      compilesTo: { interrupting: false, ...WAITS },
    },
    {
      xml: withSignal(eventSubProcess('<bpmn:signalEventDefinition signalRef="G"/>', 'isInterrupting="false"')),
      elementId: X,
      compilesTo: { interrupting: false, signal: { name: 'banjir' } },
    },
  ],
  'Call activity': [
    {
      ...step(
        `<bpmn:callActivity id="${X}"><bpmn:extensionElements><zeebe:calledElement processId="survei-lokasi" propagateAllChildVariables="false"/></bpmn:extensionElements></bpmn:callActivity>`,
      ),
      compilesTo: {
        type: 'callActivity',
        calledElement: { processId: 'survei-lokasi', binding: 'latest', propagateAllParentVariables: true, propagateAllChildVariables: false },
      },
    },
    {
      ...step(
        `<bpmn:callActivity id="${X}" calledElement="survei-lokasi" camunda:calledElementBinding="version" camunda:calledElementVersion="2">` +
          '<bpmn:extensionElements><camunda:in source="alamat" target="lokasi"/><camunda:out variables="all"/></bpmn:extensionElements></bpmn:callActivity>',
      ),
      compilesTo: {
        calledElement: { processId: 'survei-lokasi', binding: 'version', version: 2, propagateAllParentVariables: false, propagateAllChildVariables: true },
        io: { inputs: [{ target: 'lokasi', source: 'alamat' }], outputs: [] },
      },
    },
  ],

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
  'Inclusive gateway': {
    xml: between(
      `<bpmn:inclusiveGateway id="${X}" default="fb"/>${flow('fa', X, 'a', '=survei')}${flow('fb', X, 'b')}${userTask('a')}${userTask('b')}` +
        `${flow('fa2', 'a', 'join')}${flow('fb2', 'b', 'join')}<bpmn:inclusiveGateway id="join"/>`,
      X,
      'join',
    ),
    elementId: X,
    compilesTo: { type: 'inclusiveGateway', outgoing: ['fa', 'fb'], defaultFlow: 'fb' },
  },
  'Event-based gateway': {
    xml: withMessages(
      between(
        `<bpmn:eventBasedGateway id="${X}"/>${flow('fa', X, 'a')}${flow('fb', X, 'b')}<bpmn:intermediateCatchEvent id="a"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>${timerCatch('b', duration('P3D'))}${flow('fb2', 'b', 'end2')}<bpmn:endEvent id="end2"/>`,
        X,
        'a',
      ),
    ),
    elementId: X,
    compilesTo: { type: 'eventBasedGateway', outgoing: ['fa', 'fb'] },
  },
  'Complex gateway': step(`<bpmn:complexGateway id="${X}"/>`),

  'Timer intermediate catch event': { ...step(timerCatch(X, duration('P3D'))), compilesTo: { type: 'intermediateCatchEvent', timer: { duration: 'P3D' } } },
  'Message intermediate catch event': {
    ...messageStep(`<bpmn:intermediateCatchEvent id="${X}"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>`),
    compilesTo: { type: 'intermediateCatchEvent', ...WAITS },
  },
  'Message intermediate throw event': {
    ...messageStep(`<bpmn:intermediateThrowEvent id="${X}">${WEBHOOK}<bpmn:messageEventDefinition messageRef="N"/></bpmn:intermediateThrowEvent>`),
    compilesTo: { type: 'intermediateThrowEvent', ...SENT },
  },
  'Signal intermediate catch event': {
    ...signalStep(`<bpmn:intermediateCatchEvent id="${X}"><bpmn:signalEventDefinition signalRef="G"/></bpmn:intermediateCatchEvent>`),
    compilesTo: { type: 'intermediateCatchEvent', signal: { name: 'banjir' } },
  },
  'Signal intermediate throw event': {
    ...signalStep(`<bpmn:intermediateThrowEvent id="${X}"><bpmn:signalEventDefinition signalRef="G"/></bpmn:intermediateThrowEvent>`),
    compilesTo: { type: 'intermediateThrowEvent', signal: { name: 'banjir' } },
  },
  'None intermediate throw event': {
    ...step(`<bpmn:intermediateThrowEvent id="${X}" name="Berkas diterima"/>`),
    compilesTo: { type: 'intermediateThrowEvent', name: 'Berkas diterima' },
  },
  'Link intermediate events': {
    xml: between(
      `<bpmn:intermediateThrowEvent id="${X}" name="Ke lanjut"><bpmn:linkEventDefinition name="lanjut"/></bpmn:intermediateThrowEvent>` +
        `<bpmn:intermediateCatchEvent id="catch" name="Dari lanjut"><bpmn:linkEventDefinition name="lanjut"/></bpmn:intermediateCatchEvent>`,
      X,
      'catch',
    ),
    elementId: X,
    compilesTo: { type: 'intermediateThrowEvent', link: 'lanjut', outgoing: [`link:${X}`] },
  },
  'Escalation intermediate throw event': {
    xml: withCodes(between(`<bpmn:intermediateThrowEvent id="${X}"><bpmn:escalationEventDefinition escalationRef="S"/></bpmn:intermediateThrowEvent>`, X)),
    elementId: X,
    compilesTo: { type: 'intermediateThrowEvent', escalation: { code: 'KURANG' } },
  },

  'Timer boundary event, interrupting': {
    ...boundary(`<bpmn:timerEventDefinition>${duration('PT2H')}</bpmn:timerEventDefinition>`),
    compilesTo: { type: 'boundaryEvent', attachedTo: 't', cancelActivity: true, timer: { duration: 'PT2H' } },
  },
  'Timer boundary event, non-interrupting': {
    ...boundary(`<bpmn:timerEventDefinition>${duration('PT2H')}</bpmn:timerEventDefinition>`, 'cancelActivity="false"'),
    compilesTo: { type: 'boundaryEvent', attachedTo: 't', cancelActivity: false, timer: { duration: 'PT2H' } },
  },
  'Message boundary event, interrupting': { ...messageBoundary(), compilesTo: { type: 'boundaryEvent', attachedTo: 't', cancelActivity: true, ...WAITS } },
  'Message boundary event, non-interrupting': {
    ...messageBoundary('cancelActivity="false"'),
    compilesTo: { type: 'boundaryEvent', cancelActivity: false, ...WAITS },
  },
  'Message correlation': [
    { ...messageStep(`<bpmn:intermediateCatchEvent id="${X}"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>`), compilesTo: WAITS },
    { ...messageStep(`<bpmn:receiveTask id="${X}" messageRef="N"/>`), compilesTo: { message: { name: 'pemberitahuan' } } },
  ],
  'Error boundary event': [
    {
      ...onSubProcess('<bpmn:errorEventDefinition errorRef="E"/>'),
      compilesTo: { type: 'boundaryEvent', attachedTo: 'sub', cancelActivity: true, error: { code: 'PALSU' } },
    },
    { ...onSubProcess('<bpmn:errorEventDefinition/>'), compilesTo: { error: {} } },
    {
      xml: withCodes(
        between(
          `${webhookTask('t', { url: 'https://contoh.go.id/hook' })}<bpmn:boundaryEvent id="${X}" attachedToRef="t"><bpmn:errorEventDefinition errorRef="E"/></bpmn:boundaryEvent>${flow('fx', X, 'end')}`,
          't',
        ),
      ),
      elementId: X,
      compilesTo: { attachedTo: 't', error: { code: 'PALSU' } },
    },
  ],
  'Escalation boundary event': [
    { ...onSubProcess('<bpmn:escalationEventDefinition escalationRef="S"/>'), compilesTo: { cancelActivity: true, escalation: { code: 'KURANG' } } },
    { ...onSubProcess('<bpmn:escalationEventDefinition/>', 'cancelActivity="false"'), compilesTo: { cancelActivity: false, escalation: {} } },
  ],
  'Signal boundary event': [
    { ...signalBoundary(), compilesTo: { type: 'boundaryEvent', attachedTo: 't', cancelActivity: true, signal: { name: 'banjir' } } },
    { ...signalBoundary('cancelActivity="false"'), compilesTo: { cancelActivity: false, signal: { name: 'banjir' } } },
  ],

  'Multi-instance activity': {
    ...step(
      userTask(
        X,
        'staf',
        '<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=berkas" inputElement="b"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>',
      ),
    ),
    compilesTo: { multiInstance: { sequential: true, inputCollection: 'berkas', inputElement: 'b' } },
  },
  'Multi-instance sub-process': {
    ...step(
      `<bpmn:subProcess id="${X}"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=lokasi" inputElement="l" outputCollection="hasil" outputElement="=temuan"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>` +
        `<bpmn:startEvent id="subStart"/>${flow('s1', 'subStart', 'a')}${userTask('a')}${flow('s2', 'a', 'subEnd')}<bpmn:endEvent id="subEnd"/></bpmn:subProcess>`,
    ),
    compilesTo: {
      type: 'subProcess',
      multiInstance: { sequential: false, inputCollection: 'lokasi', inputElement: 'l', outputCollection: 'hasil', outputElement: 'temuan' },
    },
  },
  'Loop activity': {
    ...step(userTask(X, 'staf', '<bpmn:standardLoopCharacteristics testBefore="true" loopMaximum="3"/>')),
    compilesTo: { loop: { testBefore: true, maximum: 3 } },
  },

  Timers: [
    { ...step(timerCatch(X, date('2026-12-01T09:00:00+07:00'))), compilesTo: { timer: { date: '2026-12-01T09:00:00+07:00' } } },
    { ...step(timerCatch(X, date('=tanggalSidang'))), compilesTo: { timer: { date: '=tanggalSidang' } } },
    { xml: between(`${userTask('t')}${timerOn('t', duration('=tenggat'), '', X)}`, 't'), elementId: X, compilesTo: { timer: { duration: '=tenggat' } } },
  ],
  'Repeating timer': boundary(`<bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>`, 'cancelActivity="false"'),
  Conditions: { xml: exclusiveGateway, elementId: 'fa', compilesTo: { source: X, condition: 'jumlah > 100' } },
  'Conditional flow from a task': { xml: between(`${userTask('t')}${flow(X, 't', 'a', '=ok')}${userTask('a')}${flow('fa', 'a', 'end')}`, 't'), elementId: X },
  SLAs: [
    {
      ...step(
        userTask(X).replace('<bpmn:userTask ', '<bpmn:userTask xmlns:alur="https://alur.go.id/schema/bpmn/1.0" alur:sla="3 hari kerja" alur:slaPaused="true" '),
      ),
      compilesTo: { sla: '3 hari kerja', slaPaused: true },
    },
    {
      ...step(userTask(X).replace('<bpmn:userTask ', '<bpmn:userTask xmlns:alur="https://alur.go.id/schema/bpmn/1.0" alur:sla="=slaKategori" ')),
      compilesTo: { sla: '=slaKategori' },
    },
  ],
  'Candidate roles': [
    { ...step(userTask(X, 'kasi, kabid')), compilesTo: { candidateRoles: ['kasi', 'kabid'] } },
    { ...step(`<bpmn:userTask id="${X}" camunda:candidateGroups="kasi"/>`), compilesTo: { candidateRoles: ['kasi'] } },
    { xml: inLane('Loket', between(`<bpmn:userTask id="${X}"/>`, X)), elementId: X, compilesTo: { lane: 'Loket', candidateRoles: ['Loket'] } },
    { ...step(`<bpmn:userTask id="${X}"/>`), compilesTo: { candidateRoles: [] } },
  ],
  'Input/output mappings': [
    {
      xml: processXml(
        `<bpmn:startEvent id="start"/>${flow('f1', 'start', X)}<bpmn:intermediateThrowEvent id="${X}"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=&quot;diterima&quot;" target="status"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:intermediateThrowEvent>${flow('f2', X, 'end')}<bpmn:endEvent id="end"/>`,
      ),
      elementId: X,
      compilesTo: { type: 'intermediateThrowEvent', io: { inputs: [], outputs: [{ source: '"diterima"', target: 'status' }] } },
    },
    {
      ...step(
        userTask(X, 'staf', '').replace(
          '</bpmn:extensionElements>',
          '<zeebe:ioMapping><zeebe:input source="=pemohon.nama" target="nama"/><zeebe:output source="=setuju" target="hasil.setuju"/></zeebe:ioMapping></bpmn:extensionElements>',
        ),
      ),
      compilesTo: { io: { inputs: [{ source: 'pemohon.nama', target: 'nama' }], outputs: [{ source: 'setuju', target: 'hasil.setuju' }] } },
    },
    {
      ...step(
        `<bpmn:manualTask id="${X}"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="loket">A</camunda:inputParameter><camunda:outputParameter name="selesai">=true</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:manualTask>`,
      ),
      compilesTo: { io: { inputs: [{ target: 'loket', value: 'A' }], outputs: [{ target: 'selesai', source: 'true' }] } },
    },
  ],
  'User task forms': [
    {
      xml: processXml(
        `<bpmn:extensionElements><zeebe:userTaskForm id="uf">${FORM_JSON}</zeebe:userTaskForm></bpmn:extensionElements><bpmn:startEvent id="start"/>${flow('fIn', 'start', X)}` +
          userTask(X, 'staf').replace('</bpmn:extensionElements>', '<zeebe:formDefinition formKey="camunda-forms:bpmn:uf"/></bpmn:extensionElements>') +
          `${flow('fOut', X, 'end')}<bpmn:endEvent id="end"/>`,
      ),
      elementId: X,
      compilesTo: { form: { formKey: 'camunda-forms:bpmn:uf', schema: { id: 'f' } } },
    },
    {
      ...step(userTask(X, 'staf').replace('</bpmn:extensionElements>', '<zeebe:formDefinition formId="formulir-izin"/></bpmn:extensionElements>')),
      compilesTo: { form: { formId: 'formulir-izin' } },
    },
    { ...step(`<bpmn:userTask id="${X}" camunda:candidateGroups="staf" camunda:formRef="formulir-izin"/>`), compilesTo: { form: { formId: 'formulir-izin' } } },
  ],
  'Task due dates': [
    {
      ...step(
        userTask(X, 'staf').replace(
          '</bpmn:extensionElements>',
          '<zeebe:taskSchedule dueDate="=now() + duration(&quot;P3D&quot;)" followUpDate="2026-12-01T09:00:00+07:00"/></bpmn:extensionElements>',
        ),
      ),
      compilesTo: { schedule: { dueDate: '=now() + duration("P3D")', followUpDate: '2026-12-01T09:00:00+07:00' } },
    },
    {
      ...step(`<bpmn:userTask id="${X}" camunda:candidateGroups="staf" camunda:dueDate="2026-12-01T09:00:00Z"/>`),
      compilesTo: { schedule: { dueDate: '2026-12-01T09:00:00Z' } },
    },
  ],
};
