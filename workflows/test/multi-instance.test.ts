// Compiling multi-instance tasks: the IR they give (Camunda 8 and Camunda 7
// forms), and the deploy errors, each naming the element.
import { describe, expect, it } from 'vitest';
import { between, userTask } from './support/bpmn';
import { compiled, errorsOf } from './support/compile';

/** A multi-instance marker with zeebe:loopCharacteristics `attrs` and `inner` (e.g. a completion condition). */
const marker = (attrs: string, inner = '', markerAttrs = '') =>
  `<bpmn:multiInstanceLoopCharacteristics ${markerAttrs}><bpmn:extensionElements><zeebe:loopCharacteristics ${attrs}/></bpmn:extensionElements>${inner}</bpmn:multiInstanceLoopCharacteristics>`;

describe('multi-instance tasks', () => {
  it('compile the Camunda 8 loop characteristics of a parallel user task', async () => {
    const ir = await compiled(
      between(
        userTask(
          't',
          'staf',
          marker(
            'inputCollection="=pemeriksa" inputElement="p" outputCollection="hasil" outputElement="={oleh: p, setuju: setuju}"',
            '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=numberOfCompletedInstances &gt;= 2</bpmn:completionCondition>',
          ),
        ),
        't',
      ),
    );
    expect(ir.nodes.t).toMatchObject({
      type: 'userTask',
      multiInstance: {
        sequential: false,
        inputCollection: 'pemeriksa',
        inputElement: 'p',
        outputCollection: 'hasil',
        outputElement: '{oleh: p, setuju: setuju}',
        completionCondition: 'numberOfCompletedInstances >= 2',
      },
    });
  });

  it('compile sequential script, service and manual tasks, and a loop cardinality', async () => {
    const script = `<bpmn:scriptTask id="s"><bpmn:extensionElements><zeebe:script expression="=x * 2" resultVariable="y"/></bpmn:extensionElements>${marker('inputCollection="=[1,2]" inputElement="x"', '', 'isSequential="true"')}</bpmn:scriptTask>`;
    const manual = `<bpmn:manualTask id="m"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">=3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:manualTask>`;
    const ir = await compiled(between(`${script}<bpmn:sequenceFlow id="f9" sourceRef="s" targetRef="m"/>${manual}`, 's', 'm'));
    expect(ir.nodes.s!.multiInstance).toEqual({ sequential: true, inputCollection: '[1,2]', inputElement: 'x' });
    expect(ir.nodes.m!.multiInstance).toEqual({ sequential: false, loopCardinality: '3' });
  });

  it('read Camunda 7 camunda:collection and camunda:elementVariable', async () => {
    const ir = await compiled(
      between(userTask('t', 'staf', '<bpmn:multiInstanceLoopCharacteristics camunda:collection="${daftar}" camunda:elementVariable="item"/>'), 't'),
    );
    expect(ir.nodes.t!.multiInstance).toEqual({ sequential: false, inputCollection: 'daftar', inputElement: 'item' });
  });

  it('leave tasks without the marker as they were', async () => {
    const ir = await compiled(between(userTask('t'), 't'));
    expect(ir.nodes.t).not.toHaveProperty('multiInstance');
  });

  it('reject what they cannot run, naming the element', async () => {
    const cases: [string, string][] = [
      [marker('inputCollection="=[1,"'), 'The input collection "=[1," of User task "t" is not valid FEEL'],
      [marker('inputCollection="=xs" inputElement="bukan nama"'), 'The input element "bukan nama" of User task "t" must be'],
      [marker('inputCollection="=xs" outputCollection="hasil"'), 'User task "t" has output collection "hasil" but no output element'],
      [marker('inputCollection="=xs" outputElement="=x"'), 'User task "t" has an output element but no output collection'],
      [
        marker(
          'inputCollection="=xs"',
          '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${loop.selesai(nrOfCompletedInstances)}</bpmn:completionCondition>',
        ),
        'The completion condition of user task "t" is the Camunda 7 (JUEL) expression ${loop.selesai(nrOfCompletedInstances)}, which Alur cannot translate',
      ],
      [
        '<bpmn:multiInstanceLoopCharacteristics camunda:collection="${a.b()}"/>',
        'The collection "${a.b()}" of User task "t" is a Camunda 7 expression Alur cannot read',
      ],
      ['<bpmn:multiInstanceLoopCharacteristics/>', 'User task "t" is multi-instance without an input collection or a loop cardinality'],
    ];
    for (const [loop, message] of cases) {
      const errors = await errorsOf(between(userTask('t', 'staf', loop), 't'));
      expect(
        errors.map((e) => e.elementId),
        message,
      ).toEqual(['t']);
      expect(errors[0]!.message).toContain(message);
    }
  });

  it('stay rejected on receive and send tasks, with the reason', async () => {
    const receive = '<bpmn:receiveTask id="r" messageRef="M"><bpmn:multiInstanceLoopCharacteristics/></bpmn:receiveTask>';
    const errors = await errorsOf(between(receive, 'r').replace('</bpmn:process>', '</bpmn:process><bpmn:message id="M" name="m"/>'));
    expect(errors.find((e) => e.elementId === 'r')?.message).toBe(
      'Receive task "r" is multi-instance; multi-instance is supported only on user, service, script and manual tasks, sub-processes and call activities',
    );
    const send =
      '<bpmn:sendTask id="k"><bpmn:extensionElements><zeebe:taskDefinition type="webhook"/><zeebe:taskHeaders><zeebe:header key="url" value="https://x.test/"/></zeebe:taskHeaders></bpmn:extensionElements>' +
      '<bpmn:multiInstanceLoopCharacteristics/></bpmn:sendTask>';
    const sendErrors = await errorsOf(between(send, 'k'));
    expect(sendErrors).toEqual([
      {
        elementId: 'k',
        message: expect.stringContaining(
          'is multi-instance; multi-instance is supported only on user, service, script and manual tasks, sub-processes and call activities',
        ),
      },
    ]);
  });
});
