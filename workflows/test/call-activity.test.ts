// Compiling call activities (Camunda 8 and Camunda 7 forms), the deploy-time
// check that the called SOP exists, and multi-instance sub-processes.
import { describe, expect, it } from 'vitest';
import { checkCalledSops } from '../src/compiler';
import type { IrCallActivity } from '../src/ir';
import { between, flow, userTask } from './support/bpmn';
import { compiled, errorsOf } from './support/compile';

const callActivity = (attrs: string, extensions = '') =>
  between(`<bpmn:callActivity id="c" name="Survei" ${attrs}><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:callActivity>`, 'c');
const calledOf = async (xml: string) => (await compiled(xml)).nodes.c as IrCallActivity;

describe('call activities', () => {
  it('compile zeebe:calledElement: latest by default, all variables both ways unless told', async () => {
    expect((await calledOf(callActivity('', '<zeebe:calledElement processId="survei"/>'))).calledElement).toEqual({
      processId: 'survei',
      binding: 'latest',
      propagateAllParentVariables: true,
      propagateAllChildVariables: true,
    });
    const flags = await calledOf(callActivity('', '<zeebe:calledElement processId="survei" propagateAllParentVariables="false" bindingType="deployment"/>'));
    expect(flags.calledElement).toMatchObject({ binding: 'deployment', propagateAllParentVariables: false, propagateAllChildVariables: true });
  });

  it('bring back only what output mappings map, when a zeebe call activity has them', async () => {
    const node = await calledOf(
      callActivity(
        '',
        '<zeebe:calledElement processId="survei"/><zeebe:ioMapping><zeebe:input source="=alamat" target="lokasi"/><zeebe:output source="=temuan" target="hasilSurvei"/></zeebe:ioMapping>',
      ),
    );
    expect(node.calledElement.propagateAllChildVariables).toBe(false);
    expect(node.io).toEqual({ inputs: [{ target: 'lokasi', source: 'alamat' }], outputs: [{ target: 'hasilSurvei', source: 'temuan' }] });
  });

  it('compile Camunda 7: calledElement, a version binding, camunda:in/out as mappings and variables="all"', async () => {
    const node = await calledOf(
      callActivity(
        'calledElement="survei" camunda:calledElementBinding="version" camunda:calledElementVersion="3"',
        '<camunda:in variables="all"/><camunda:in businessKey="#{execution.processBusinessKey}"/><camunda:out source="temuan" target="hasilSurvei"/>',
      ),
    );
    expect(node.calledElement).toEqual({
      processId: 'survei',
      binding: 'version',
      version: 3,
      propagateAllParentVariables: true,
      propagateAllChildVariables: false,
    });
    expect(node.io).toEqual({ inputs: [], outputs: [{ target: 'hasilSurvei', source: 'temuan' }] });
  });

  it('reject what cannot be checked at deploy or run, naming the call activity', async () => {
    const cases: [string, string, string][] = [
      ['', '', 'calls no SOP; set calledElement'],
      ['', '<zeebe:calledElement processIdExpression="=jenis"/>', 'computes the called SOP with an expression'],
      ['calledElement="${jenis}"', '', 'computes the called SOP with the expression "${jenis}"'],
      ['calledElement="survei" camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="v1"', '', 'Alur SOP versions carry no version tags'],
      [
        'calledElement="survei" camunda:calledElementBinding="version" camunda:calledElementVersion="${v}"',
        '',
        'camunda:calledElementVersion must be a version number',
      ],
      ['calledElement="survei"', '<camunda:in sourceExpression="${a + 1}" target="b"/>', 'sourceExpression "${a + 1}" (JUEL)'],
      ['calledElement="survei"', '<camunda:in source="a b" target="c"/>', 'both must be a variable name'],
      ['calledElement="survei" camunda:variableMappingClass="x.Y"', '', 'maps variables with Java code'],
    ];
    for (const [attrs, extensions, message] of cases) {
      expect(await errorsOf(callActivity(attrs, extensions)), message).toEqual([{ elementId: 'c', message: expect.stringContaining(message) }]);
    }
  });

  it('take timer and error boundary events', async () => {
    const ir = await compiled(
      between(
        '<bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="survei"/></bpmn:extensionElements></bpmn:callActivity>' +
          '<bpmn:boundaryEvent id="err" attachedToRef="c"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>' +
          '<bpmn:boundaryEvent id="late" attachedToRef="c"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>' +
          `${flow('fe', 'err', 'end')}${flow('fl', 'late', 'end')}`,
        'c',
      ),
    );
    expect(ir.nodes.c!.boundaryEvents).toEqual(['err', 'late']);
  });

  it('take escalation boundary events, interrupting or not, for a code or every escalation (the called SOP escalates)', async () => {
    const called = '<bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="survei"/></bpmn:extensionElements></bpmn:callActivity>';
    const escalations =
      '<bpmn:boundaryEvent id="lambat" attachedToRef="c"><bpmn:escalationEventDefinition escalationRef="Lambat"/></bpmn:boundaryEvent>' +
      '<bpmn:boundaryEvent id="semua" attachedToRef="c" cancelActivity="false"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>' +
      `${flow('fe1', 'lambat', 'end')}${flow('fe2', 'semua', 'end')}`;
    const xml = between(called + escalations, 'c').replace(
      '</bpmn:definitions>',
      '<bpmn:escalation id="Lambat" name="Lambat" escalationCode="SURVEI_LAMBAT"/></bpmn:definitions>',
    );
    const ir = await compiled(xml);
    expect(ir.nodes.c!.boundaryEvents).toEqual(['lambat', 'semua']);
    expect(ir.nodes.lambat).toMatchObject({ type: 'boundaryEvent', attachedTo: 'c', cancelActivity: true, escalation: { code: 'SURVEI_LAMBAT' } });
    expect(ir.nodes.semua).toMatchObject({ type: 'boundaryEvent', attachedTo: 'c', cancelActivity: false, escalation: {} });

    const onTask = await errorsOf(
      between(
        `${userTask('t')}<bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>${flow('fb', 'b', 'end')}`,
        't',
      ),
    );
    expect(onTask).toEqual([
      {
        elementId: 'b',
        message:
          'Escalation boundary event "b" is attached to User task "t"; escalation boundary events can only be attached to sub-processes and call activities (only an escalation event inside one, or in the called SOP, escalates)',
      },
    ]);
  });
});

describe('the deploy-time check of called SOPs', () => {
  const deployed: Record<string, number[]> = { survei: [1, 2] };
  const versionsOf = async (key: string) => deployed[key] ?? [];

  it('names the call activity and the missing key or version; an SOP may call itself', async () => {
    expect(await checkCalledSops(await compiled(callActivity('', '<zeebe:calledElement processId="survei"/>')), versionsOf)).toEqual([]);
    expect(await checkCalledSops(await compiled(callActivity('', '<zeebe:calledElement processId="p"/>')), versionsOf)).toEqual([]);
    expect(await checkCalledSops(await compiled(callActivity('', '<zeebe:calledElement processId="audit"/>')), versionsOf)).toEqual([
      { elementId: 'c', message: 'Call activity "Survei" calls the SOP "audit", which is not deployed; deploy it first (POST /api/sops)' },
    ]);
    const pinned = await compiled(callActivity('calledElement="survei" camunda:calledElementBinding="version" camunda:calledElementVersion="7"'));
    expect(await checkCalledSops(pinned, versionsOf)).toEqual([
      { elementId: 'c', message: 'Call activity "Survei" calls version 7 of the SOP "survei", which has versions 1, 2' },
    ]);
  });
});

describe('multi-instance sub-processes', () => {
  const inner = `<bpmn:startEvent id="s"/>${flow('s1', 's', 'a')}${userTask('a')}${flow('s2', 'a', 'e')}<bpmn:endEvent id="e"/>`;

  it("compile their loop characteristics like a task's", async () => {
    const ir = await compiled(
      between(
        `<bpmn:subProcess id="sub"><bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=lokasi" inputElement="l"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>${inner}</bpmn:subProcess>`,
        'sub',
      ),
    );
    expect(ir.nodes.sub).toMatchObject({
      type: 'subProcess',
      startEventId: 's',
      multiInstance: { sequential: true, inputCollection: 'lokasi', inputElement: 'l' },
    });
  });
});
