// Camunda models as they come (issue 15): untyped tasks, isExecutable, call
// activities as Web Modeler writes them, user tasks without a candidate role,
// and one root error per refused element.
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import type { IrCallActivity, IrUserTask } from '../src/ir';
import { between, definitions, flow, processXml, userTask } from './support/bpmn';
import { compiled, errorsOf } from './support/compile';

/** A small executable-or-not process `id` with one user task. */
const pool = (id: string, executable?: boolean, name = id) =>
  `<bpmn:process id="${id}" name="${name}"${executable === undefined ? '' : ` isExecutable="${executable}"`}>` +
  `<bpmn:startEvent id="${id}_s"/>${flow(`${id}_f1`, `${id}_s`, `${id}_t`)}${userTask(`${id}_t`)}${flow(`${id}_f2`, `${id}_t`, `${id}_e`)}<bpmn:endEvent id="${id}_e"/></bpmn:process>`;

const collaboration = (...participants: [id: string, processRef?: string][]) =>
  `<bpmn:collaboration id="collab">${participants
    .map(([id, ref]) => `<bpmn:participant id="${id}"${ref ? ` processRef="${ref}"` : ''}/>`)
    .join('')}<bpmn:messageFlow id="mf" sourceRef="warga" targetRef="${participants[0]![0]}"/></bpmn:collaboration>`;

describe('untyped tasks (bpmn:task)', () => {
  it('pass through as a manual task, marked as untyped', async () => {
    const ir = await compiled(between('<bpmn:task id="x" name="Catat di buku"/>', 'x'));
    expect(ir.nodes.x).toEqual({
      type: 'manualTask',
      untyped: true,
      id: 'x',
      name: 'Catat di buku',
      incoming: ['fIn'],
      outgoing: ['fOut'],
      boundaryEvents: [],
    });
  });

  it('take multi-instance and input/output mappings like a manual task', async () => {
    const task =
      '<bpmn:task id="x"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=true" target="dicatat"/></zeebe:ioMapping></bpmn:extensionElements>' +
      '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=berkas" inputElement="b"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:task>';
    const ir = await compiled(between(task, 'x'));
    expect(ir.nodes.x).toMatchObject({
      type: 'manualTask',
      untyped: true,
      io: { outputs: [{ source: 'true', target: 'dicatat' }] },
      multiInstance: { inputCollection: 'berkas' },
    });
  });
});

describe('isExecutable', () => {
  it('a collaboration deploys its one executable pool; isExecutable="false" pools and black boxes are documentation', async () => {
    const xml = definitions(`${collaboration(['kantor', 'p'], ['dinas', 'dok'], ['warga'])}${pool('p', true)}${pool('dok', false)}`);
    const result = await compileBpmn(xml);
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.key).toBe('p');
    expect(Object.keys(result.ir.nodes)).toEqual(['p_s', 'p_t', 'p_e']);
  });

  it('a process that does not say counts as executable', async () => {
    expect((await compiled(definitions(`${pool('dok', false)}${pool('p')}`))).key).toBe('p');
  });

  it('a diagram whose only process is not executable is refused, saying so', async () => {
    expect(await errorsOf(definitions(pool('p', false, 'Layanan KTP')))).toEqual([
      { elementId: 'p', message: 'Process "Layanan KTP" is marked not executable (isExecutable=false); set it executable to deploy' },
    ]);
  });

  it('several executable processes are refused, naming them', async () => {
    const errors = await errorsOf(definitions(`${pool('a', true)}${pool('b')}${pool('dok', false)}`));
    expect(errors.map((e) => e.elementId)).toEqual(['a', 'b']);
    expect(errors[0]!.message).toBe(
      'Process "a" is one of 2 executable processes with steps ("a", "b"); an SOP must be exactly one process, so mark the others not executable (isExecutable=false) if they only document other parties',
    );
  });
});

describe('call activities as Camunda Web Modeler writes them', () => {
  const call = (attribute: string, processId: string) =>
    `<bpmn:callActivity id="c" calledElement="${attribute}"><bpmn:extensionElements><zeebe:calledElement processId="${processId}" propagateAllChildVariables="false"/></bpmn:extensionElements></bpmn:callActivity>`;

  it('accept calledElement and zeebe:calledElement naming the same SOP', async () => {
    const ir = await compiled(between(call('verifikasi', 'verifikasi'), 'c'));
    expect((ir.nodes.c as IrCallActivity).calledElement).toMatchObject({ processId: 'verifikasi', propagateAllChildVariables: false });
  });

  it('refuse them when they differ', async () => {
    expect(await errorsOf(between(call('verifikasi', 'arsip'), 'c'))).toEqual([
      {
        elementId: 'c',
        message:
          'Call activity "c" calls "arsip" in zeebe:calledElement but "verifikasi" in its calledElement attribute; make them the same SOP key, or keep one',
      },
    ]);
  });
});

describe('user tasks with no candidate role', () => {
  it('compile with no roles (the staff of the unit take them), camunda:assignee and candidateUsers only warned about', async () => {
    const result = await compileBpmn(between('<bpmn:userTask id="t" camunda:assignee="budi" camunda:candidateUsers="ani, budi"/>', 't'));
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect((result.ir.nodes.t as IrUserTask).candidateRoles).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'User task "t" names users (camunda:assignee "budi"), which Alur does not apply yet: the task goes to roles, its candidate groups or lane, or with none to the staff of the case\'s unit',
      'User task "t" names users (camunda:candidateUsers "ani, budi"), which Alur does not apply yet: the task goes to roles, its candidate groups or lane, or with none to the staff of the case\'s unit',
      expect.stringContaining('User task "t" has no candidate role (no candidate groups, no named lane): it goes to the staff of the case\'s handling unit'),
    ]);
  });

  it('a Camunda 8 assignee with no candidate groups is the same', async () => {
    const task =
      '<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="=pemohon.petugas"/></bpmn:extensionElements></bpmn:userTask>';
    const result = await compileBpmn(between(task, 't'));
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect((result.ir.nodes.t as IrUserTask).candidateRoles).toEqual([]);
    expect(result.warnings[0]!.message).toContain('(zeebe:assignmentDefinition assignee "=pemohon.petugas"), which Alur does not apply yet');
  });
});

describe('messages that point at the cause', () => {
  it('a step with no outgoing flow is told so, and the steps before it are not told they are in a loop', async () => {
    const errors = await errorsOf(processXml(`<bpmn:startEvent id="s"/>${flow('f1', 's', 'a')}${userTask('a')}${flow('f2', 'a', 'x')}${userTask('x')}`));
    expect(errors).toEqual([
      {
        elementId: 'x',
        message:
          'User task "x" has no outgoing sequence flow and is not an end event, so a case that reaches it could not go on; connect it to the next step or to an end event',
      },
    ]);
  });

  it('a real loop with no way out is still called a loop', async () => {
    const errors = await errorsOf(
      processXml(`<bpmn:startEvent id="s"/>${flow('f1', 's', 'a')}${userTask('a')}${flow('f2', 'a', 'b')}${userTask('b')}${flow('f3', 'b', 'a')}`),
    );
    expect(errors.map((e) => e.elementId)).toEqual(['s', 'a', 'b']);
    expect(errors[1]!.message).toContain('every way on from it leads back into a loop');
  });

  it('"not supported yet" hints list the message and signal events that are', async () => {
    const catchEvent = await errorsOf(between('<bpmn:intermediateCatchEvent id="x"><bpmn:conditionalEventDefinition/></bpmn:intermediateCatchEvent>', 'x'));
    expect(catchEvent[0]!.message).toBe(
      'Conditional intermediate catch event "x" is not supported yet; only timer, message, signal and link intermediate catch events are supported',
    );
    // From the element catalogue, so a kind that comes to run is named at once (link events were not).
    const conditionalThrow = await errorsOf(
      between('<bpmn:intermediateThrowEvent id="x"><bpmn:conditionalEventDefinition/></bpmn:intermediateThrowEvent>', 'x'),
    );
    expect(conditionalThrow[0]!.message).toBe(
      'Conditional intermediate throw event "x" is not supported yet; only none, escalation, message, signal and link intermediate throw events are supported',
    );
    const end = await errorsOf(
      between(userTask('t'), 't').replace('<bpmn:endEvent id="end"/>', '<bpmn:endEvent id="end"><bpmn:cancelEventDefinition/></bpmn:endEvent>'),
    );
    expect(end[0]!.message).toBe('Cancel end event "end" is not supported yet; use a none, terminate, error, escalation, message or signal end event');
    const start = await errorsOf(
      between(userTask('t'), 't').replace('<bpmn:startEvent id="start"/>', '<bpmn:startEvent id="start"><bpmn:conditionalEventDefinition/></bpmn:startEvent>'),
    );
    expect(start).toEqual([
      { elementId: 'start', message: 'Conditional start event "start" is not supported yet; use a none, timer, message or signal start event' },
    ]);
  });

  it('link events compile (issue 15): the throw event goes on at its catch event (workflows/test/link-events.test.ts)', async () => {
    const result = await compileBpmn(
      processXml(
        `<bpmn:startEvent id="s"/>${flow('f1', 's', 'a')}${userTask('a')}${flow('f2', 'a', 'lt')}<bpmn:intermediateThrowEvent id="lt"><bpmn:linkEventDefinition name="L"/></bpmn:intermediateThrowEvent>` +
          `<bpmn:intermediateCatchEvent id="lc"><bpmn:linkEventDefinition name="L"/></bpmn:intermediateCatchEvent>${flow('f3', 'lc', 'b')}${userTask('b')}${flow('f4', 'b', 'e')}<bpmn:endEvent id="e"/>`,
      ),
    );
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.flows['link:lt']).toEqual({ id: 'link:lt', source: 'lt', target: 'lc' });
  });

  it('compensation: one error for the boundary event and one for the handler', async () => {
    const errors = await errorsOf(
      processXml(
        `<bpmn:startEvent id="s"/>${flow('f1', 's', 'a')}${userTask('a')}<bpmn:boundaryEvent id="cb" attachedToRef="a"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>` +
          '<bpmn:serviceTask id="h" isForCompensation="true"/><bpmn:association id="as" associationDirection="One" sourceRef="cb" targetRef="h"/>' +
          `${flow('f2', 'a', 'e')}<bpmn:endEvent id="e"/>`,
      ),
    );
    expect(errors).toEqual([
      { elementId: 'cb', message: 'Compensation boundary event "cb" is not supported yet; model the undoing as steps on an error or escalation path instead' },
      {
        elementId: 'h',
        message:
          'Service task "h" is a compensation handler; compensation is not supported yet, so model the undoing as steps on an error or escalation path instead',
      },
    ]);
  });

  it('a sequence flow without an id: one error naming its ends, its steps still count as connected', async () => {
    const errors = await errorsOf(
      processXml(`<bpmn:startEvent id="s"/><bpmn:sequenceFlow sourceRef="s" targetRef="a"/>${userTask('a')}${flow('f2', 'a', 'e')}<bpmn:endEvent id="e"/>`),
    );
    expect(errors).toEqual([{ message: 'The sequence flow from "s" to "a" has no id; give it one (the modeler does when you redraw it)' }]);
  });
});
