// Compiling sub-processes, event sub-processes, error and escalation events
// and inclusive gateways: the IR they give, and the deploy errors (each
// naming the element) for what the standard or Alur does not allow.
import { describe, expect, it } from 'vitest';
import type { IrBoundaryEvent, IrEndEvent, IrEventSubProcess, IrInclusiveGateway, IrSubProcess } from '../src/ir';
import { reachableFrom } from '../src/interpreter/reachability';
import { between, definitions, duration, flow, userTask } from './support/bpmn';
import { compiled, errorsOf } from './support/compile';

/** A document with process `p` holding `content`, and bpmn:error / bpmn:escalation root elements. */
const withCodes = (content: string) =>
  definitions(
    `<bpmn:process id="p" isExecutable="true">${content}</bpmn:process>` +
      '<bpmn:error id="E1" name="Berkas palsu" errorCode="BERKAS_PALSU"/><bpmn:error id="ENoCode" name="Tanpa kode"/>' +
      '<bpmn:error id="EFeel" name="Dihitung" errorCode="=kode"/>' +
      '<bpmn:escalation id="S1" name="Kurang" escalationCode="KURANG"/>',
  );

/** start → sub-process `sub` (holding `inner`) → end, with `after` next to it at process level. */
const aroundSub = (inner: string, after = '', attrs = '') =>
  withCodes(
    `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'sub')}<bpmn:subProcess id="sub" name="Periksa" ${attrs}>${inner}</bpmn:subProcess>` +
      `${flow('f2', 'sub', 'end')}<bpmn:endEvent id="end"/>${after}`,
  );

/** A sub-process body: its start → task t → `end` (an end event given whole). */
const body = (endEvent = '<bpmn:endEvent id="subEnd"/>') =>
  `<bpmn:startEvent id="subStart"/>${flow('s1', 'subStart', 't')}${userTask('t')}${flow('s2', 't', endEvent.match(/id="([^"]+)"/)![1]!)}${endEvent}`;

describe('embedded sub-process', () => {
  it('compiles to a scope whose steps name it as their parent', async () => {
    const ir = await compiled(aroundSub(body()));
    expect(ir.nodes.sub).toMatchObject<Partial<IrSubProcess>>({ type: 'subProcess', startEventId: 'subStart', incoming: ['f1'], outgoing: ['f2'] });
    expect(ir.nodes.t).toMatchObject({ type: 'userTask', parent: 'sub' });
    expect(ir.nodes.subEnd).toMatchObject({ type: 'endEvent', parent: 'sub' });
    expect(ir.nodes.start!.parent).toBeUndefined();
    expect(ir.flows.s1).toMatchObject({ source: 'subStart', target: 't' });
  });

  it('without a start event is rejected, naming the sub-process', async () => {
    const errors = await errorsOf(aroundSub(`${userTask('t')}${flow('s2', 't', 'subEnd')}<bpmn:endEvent id="subEnd"/>`));
    expect(errors).toContainEqual({ elementId: 'sub', message: 'Sub-process "Periksa" has no start event; draw one inside it where its steps begin' });
  });

  it('with two start events, or a start event with a trigger, is rejected', async () => {
    const two = await errorsOf(aroundSub(`${body()}<bpmn:startEvent id="lagi"/>${flow('s3', 'lagi', 't')}`));
    expect(two).toContainEqual({
      elementId: 'sub',
      message: 'Sub-process "Periksa" has 2 start events ("subStart", "lagi"); a sub-process must have exactly one',
    });
    const timed = await errorsOf(
      aroundSub(
        body().replace(
          '<bpmn:startEvent id="subStart"/>',
          `<bpmn:startEvent id="subStart"><bpmn:timerEventDefinition>${duration('PT1H')}</bpmn:timerEventDefinition></bpmn:startEvent>`,
        ),
      ),
    );
    expect(timed).toEqual([
      { elementId: 'subStart', message: 'Timer start event "subStart" is not supported yet; the start event of an embedded sub-process has no trigger' },
    ]);
  });

  it('rejects a sequence flow that crosses its border', async () => {
    const errors = await errorsOf(aroundSub(`${body()}`, `${flow('lintas', 't', 'end')}`));
    expect(errors).toEqual([
      {
        elementId: 'lintas',
        message:
          'Sequence flow "lintas" connects User task "t" inside sub-process "Periksa" with End event "end" at process level; a sequence flow cannot cross the border of a sub-process',
      },
    ]);
  });

  it('reports steps inside that cannot be reached from its start event', async () => {
    const errors = await errorsOf(
      aroundSub(`${body()}${userTask('pulau')}${flow('s9', 'pulau', 'pulau2')}${userTask('pulau2')}${flow('s10', 'pulau2', 'pulau')}`),
    );
    expect(errors.map((e) => e.elementId).sort()).toEqual(['pulau', 'pulau2']);
  });

  it('takes a timer boundary event', async () => {
    const ir = await compiled(
      aroundSub(
        body(),
        `<bpmn:boundaryEvent id="b" attachedToRef="sub"><bpmn:timerEventDefinition>${duration('P3D')}</bpmn:timerEventDefinition></bpmn:boundaryEvent>${flow('fb', 'b', 'end')}`,
      ),
    );
    expect(ir.nodes.b).toMatchObject({ type: 'boundaryEvent', attachedTo: 'sub', cancelActivity: true, timer: { duration: 'P3D' } });
    expect(ir.nodes.sub!.boundaryEvents).toEqual(['b']);
  });
});

describe('error and escalation events', () => {
  const errorEnd = (ref: string) => `<bpmn:endEvent id="galat" name="Galat"><bpmn:errorEventDefinition ${ref}/></bpmn:endEvent>`;

  it('compile an error end event to its code, and error boundary events by code or catch-all', async () => {
    const boundaries =
      `<bpmn:boundaryEvent id="bKode" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="E1"/></bpmn:boundaryEvent>${flow('fb1', 'bKode', 'end')}` +
      `<bpmn:boundaryEvent id="bSemua" attachedToRef="sub"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>${flow('fb2', 'bSemua', 'end')}` +
      `<bpmn:boundaryEvent id="bTanpaKode" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="ENoCode"/></bpmn:boundaryEvent>${flow('fb3', 'bTanpaKode', 'end')}`;
    const ir = await compiled(aroundSub(body(errorEnd('errorRef="E1"')), boundaries));
    expect(ir.nodes.galat).toMatchObject<Partial<IrEndEvent>>({ type: 'endEvent', terminate: false, error: { code: 'BERKAS_PALSU' } });
    expect(ir.nodes.bKode).toMatchObject<Partial<IrBoundaryEvent>>({ cancelActivity: true, error: { code: 'BERKAS_PALSU' } });
    expect(ir.nodes.bSemua).toMatchObject({ error: {} });
    expect(ir.nodes.bTanpaKode).toMatchObject({ error: {} });
  });

  it('reject an error end event without an error, or whose error has no code or a FEEL code', async () => {
    expect(await errorsOf(aroundSub(body(errorEnd(''))))).toEqual([
      { elementId: 'galat', message: 'Error end event "Galat" names no error; reference a bpmn:error with an error code (errorRef)' },
    ]);
    expect(await errorsOf(aroundSub(body(errorEnd('errorRef="ENoCode"'))))).toEqual([
      { elementId: 'galat', message: 'Error end event "Galat" throws error "Tanpa kode", which has no error code (errorCode); give it one' },
    ]);
    expect((await errorsOf(aroundSub(body(errorEnd('errorRef="EFeel"')))))[0]).toMatchObject({
      elementId: 'galat',
      message: expect.stringContaining('is a FEEL expression; only a fixed code is supported'),
    });
  });

  it('reject a non-interrupting error boundary event, and error boundary events on a task', async () => {
    const nonInterrupting = await errorsOf(
      aroundSub(
        body(),
        `<bpmn:boundaryEvent id="b" attachedToRef="sub" cancelActivity="false"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>${flow('fb', 'b', 'end')}`,
      ),
    );
    expect(nonInterrupting).toEqual([
      {
        elementId: 'b',
        message: 'Error boundary event "b" is non-interrupting; error boundary events always interrupt (BPMN), so remove cancelActivity="false"',
      },
    ]);
    const onTask = await errorsOf(
      between(`${userTask('t')}<bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>${flow('fb', 'b', 'end')}`, 't'),
    );
    expect(onTask).toEqual([
      {
        elementId: 'b',
        message:
          'Error boundary event "b" is attached to User task "t"; error boundary events can only be attached to sub-processes, call activities and service tasks (an error end event inside, or a service task whose job answers with a bpmnError, throws an error)',
      },
    ]);
  });

  it('compile escalation end and intermediate throw events, and escalation boundary events of both kinds', async () => {
    const inner =
      `<bpmn:startEvent id="subStart"/>${flow('s1', 'subStart', 'naik')}<bpmn:intermediateThrowEvent id="naik"><bpmn:escalationEventDefinition escalationRef="S1"/></bpmn:intermediateThrowEvent>` +
      `${flow('s2', 'naik', 'subEnd')}<bpmn:endEvent id="subEnd"><bpmn:escalationEventDefinition escalationRef="S1"/></bpmn:endEvent>`;
    const boundary = `<bpmn:boundaryEvent id="b" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="S1"/></bpmn:boundaryEvent>${flow('fb', 'b', 'end')}`;
    const ir = await compiled(aroundSub(inner, boundary));
    expect(ir.nodes.naik).toMatchObject({ type: 'intermediateThrowEvent', escalation: { code: 'KURANG' }, parent: 'sub' });
    expect(ir.nodes.subEnd).toMatchObject({ type: 'endEvent', escalation: { code: 'KURANG' } });
    expect(ir.nodes.b).toMatchObject({ cancelActivity: false, escalation: { code: 'KURANG' } });
  });

  it('compile a none intermediate throw event as a recorded milestone', async () => {
    const ir = await compiled(between('<bpmn:intermediateThrowEvent id="x" name="Berkas diterima"/>', 'x'));
    expect(ir.nodes.x).toEqual(expect.objectContaining({ type: 'intermediateThrowEvent', name: 'Berkas diterima' }));
    expect(ir.nodes.x).not.toHaveProperty('escalation');
  });
});

describe('event sub-process', () => {
  const esp = (start: string, inner = `${flow('e1', 'espStart', 'espEnd')}<bpmn:endEvent id="espEnd"/>`, attrs = '') =>
    `<bpmn:subProcess id="esp" name="Tenggat" triggeredByEvent="true" ${attrs}>${start}${inner}</bpmn:subProcess>`;

  it('compiles timer, error and escalation triggers, interrupting or not', async () => {
    const ir = await compiled(
      aroundSub(
        body() + esp('<bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:escalationEventDefinition/></bpmn:startEvent>'),
        esp(
          `<bpmn:startEvent id="espStart2"><bpmn:timerEventDefinition>${duration('=tenggat')}</bpmn:timerEventDefinition></bpmn:startEvent>`,
          `${flow('e2', 'espStart2', 'espEnd2')}<bpmn:endEvent id="espEnd2"/>`,
        ).replace('id="esp"', 'id="esp2"') +
          esp(
            '<bpmn:startEvent id="espStart3"><bpmn:errorEventDefinition errorRef="E1"/></bpmn:startEvent>',
            `${flow('e3', 'espStart3', 'espEnd3')}<bpmn:endEvent id="espEnd3"/>`,
          ).replace('id="esp"', 'id="esp3"'),
      ),
    );
    expect(ir.nodes.esp).toMatchObject<Partial<IrEventSubProcess>>({
      type: 'eventSubProcess',
      parent: 'sub',
      startEventId: 'espStart',
      interrupting: false,
      escalation: {},
    });
    expect(ir.nodes.esp2).toMatchObject({ type: 'eventSubProcess', interrupting: true, timer: { duration: '=tenggat' } });
    expect(ir.nodes.esp2!.parent).toBeUndefined();
    expect(ir.nodes.esp3).toMatchObject({ interrupting: true, error: { code: 'BERKAS_PALSU' } });
    expect(ir.nodes.espStart).toMatchObject({ type: 'startEvent', parent: 'esp' });
  });

  it('rejects sequence flows, a start event without a trigger, a signal start and a non-interrupting error start', async () => {
    const withFlow = await errorsOf(
      aroundSub(body(), esp('<bpmn:startEvent id="espStart"><bpmn:errorEventDefinition/></bpmn:startEvent>') + flow('masuk', 'start', 'esp')),
    );
    expect(withFlow).toContainEqual({
      elementId: 'esp',
      message: 'Event sub-process "Tenggat" must not have sequence flows; its start event\'s trigger starts it',
    });

    const plain = await errorsOf(aroundSub(body(), esp('<bpmn:startEvent id="espStart"/>')));
    expect(plain).toEqual([
      {
        elementId: 'espStart',
        message: expect.stringMatching(/^Start event "espStart" of event sub-process "Tenggat" has no trigger; give it a timer, error, escalation/),
      },
    ]);

    const signal = await errorsOf(aroundSub(body(), esp('<bpmn:startEvent id="espStart"><bpmn:conditionalEventDefinition/></bpmn:startEvent>')));
    expect(signal).toEqual([{ elementId: 'espStart', message: expect.stringMatching(/^Conditional start event "espStart" is not supported yet/) }]);

    const errorNonInterrupting = await errorsOf(
      aroundSub(body(), esp('<bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:errorEventDefinition/></bpmn:startEvent>')),
    );
    expect(errorNonInterrupting).toEqual([
      {
        elementId: 'espStart',
        message: 'Error start event "espStart" is non-interrupting; an error start event always interrupts (BPMN), so remove isInterrupting="false"',
      },
    ]);
  });

  it('rejects a boundary event on an event sub-process', async () => {
    const errors = await errorsOf(
      aroundSub(
        body(),
        esp('<bpmn:startEvent id="espStart"><bpmn:errorEventDefinition/></bpmn:startEvent>') +
          `<bpmn:boundaryEvent id="b" attachedToRef="esp"><bpmn:timerEventDefinition>${duration('PT1H')}</bpmn:timerEventDefinition></bpmn:boundaryEvent>${flow('fb', 'b', 'end')}`,
      ),
    );
    expect(errors.map((e) => e.elementId)).toContain('b');
  });
});

describe('inclusive gateway', () => {
  const split = (flows: string) =>
    between(
      `<bpmn:inclusiveGateway id="x" default="fc"/>${flows}${userTask('a')}${userTask('b')}${userTask('c')}` +
        `${flow('fa2', 'a', 'join')}${flow('fb2', 'b', 'join')}${flow('fc2', 'c', 'join')}<bpmn:inclusiveGateway id="join"/>`,
      'x',
      'join',
    );

  it('compiles its conditions and default flow', async () => {
    const ir = await compiled(split(`${flow('fa', 'x', 'a', '=survei')}${flow('fb', 'x', 'b', '=uji')}${flow('fc', 'x', 'c')}`));
    expect(ir.nodes.x).toMatchObject<Partial<IrInclusiveGateway>>({ type: 'inclusiveGateway', defaultFlow: 'fc', outgoing: ['fa', 'fb', 'fc'] });
    expect(ir.flows.fa).toMatchObject({ condition: 'survei' });
    expect(ir.nodes.join).toMatchObject({ type: 'inclusiveGateway', incoming: ['fa2', 'fb2', 'fc2'] });
  });

  it('rejects a flow without a condition that is not the default', async () => {
    const errors = await errorsOf(split(`${flow('fa', 'x', 'a', '=survei')}${flow('fb', 'x', 'b')}${flow('fc', 'x', 'c')}`));
    expect(errors).toEqual([
      {
        elementId: 'fb',
        message: 'Sequence flow "fb" leaves inclusive gateway "x" without a condition; give it a condition or make it the gateway\'s default flow',
      },
    ]);
  });

  it('lets the interpreter see which nodes a token can still reach (for the join)', async () => {
    const ir = await compiled(split(`${flow('fa', 'x', 'a', '=survei')}${flow('fb', 'x', 'b', '=uji')}${flow('fc', 'x', 'c')}`));
    expect(reachableFrom(ir, 'a').has('join')).toBe(true);
    expect(reachableFrom(ir, 'join').has('a')).toBe(false);
    expect([...reachableFrom(ir, 'x')].sort()).toEqual(['a', 'b', 'c', 'end', 'join']);
  });
});
