// Standard loops at deploy (issue 15): bpmn:standardLoopCharacteristics with a
// loopCondition (FEEL, or Camunda 7 JUEL translated), loopMaximum and
// testBefore compile onto the activity; a loop that could never end, a bad
// maximum, or a loop on an activity that cannot repeat is an error naming it.
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import { between, userTask } from './support/bpmn';

const looped = (attrs: string, condition?: string) =>
  `<bpmn:standardLoopCharacteristics ${attrs}>${condition === undefined ? '' : `<bpmn:loopCondition xsi:type="bpmn:tFormalExpression">${condition}</bpmn:loopCondition>`}</bpmn:standardLoopCharacteristics>`;
const withXsi = (xml: string) => xml.replace('<bpmn:definitions ', '<bpmn:definitions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ');

async function compileLoop(marker: string, element = (inner: string) => userTask('x', 'staf', inner)) {
  return compileBpmn(withXsi(between(element(marker), 'x')));
}

describe('standard loops', () => {
  it('compiles the condition, the maximum and testBefore onto the activity', async () => {
    const result = await compileLoop(looped('testBefore="true" loopMaximum="5"', '=not(lengkap)'));
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.nodes.x!.loop).toEqual({ testBefore: true, maximum: 5, condition: 'not(lengkap)' });
  });

  it('translates a Camunda 7 condition with a plain FEEL equivalent, with a warning', async () => {
    const result = await compileLoop(looped('', '${!approved}'));
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.nodes.x!.loop).toEqual({ testBefore: false, condition: 'not(approved)' });
    expect(result.warnings.map((w) => w.elementId)).toContain('x');
  });

  it('runs on sub-processes and script tasks too', async () => {
    const sub = await compileLoop(
      looped('loopMaximum="2"'),
      (inner) =>
        `<bpmn:subProcess id="x">${inner}<bpmn:startEvent id="s0"/><bpmn:sequenceFlow id="g" sourceRef="s0" targetRef="s1"/><bpmn:endEvent id="s1"/></bpmn:subProcess>`,
    );
    if (!sub.ok) expect.fail(JSON.stringify(sub.errors));
    expect(sub.ir.nodes.x!.loop).toEqual({ testBefore: false, maximum: 2 });
  });

  it.each([
    ['no condition and no maximum', looped(''), /has a loop marker with neither a loop condition nor a loop maximum, so it would loop for ever/],
    ['a maximum that is not a whole number', looped('loopMaximum="0"', '=true'), /^The loop maximum "0" of user task "x" must be a whole number of at least 1/],
    ['a condition that is not FEEL', looped('', '=lengkap ='), /^The loop condition "=lengkap =" of user task "x" is not valid FEEL/],
  ])('refuses %s, naming the activity', async (_what, marker, message) => {
    const result = await compileLoop(marker);
    if (result.ok) expect.fail('expected errors');
    expect(result.errors).toEqual([{ elementId: 'x', message: expect.stringMatching(message) }]);
  });

  it('refuses a loop on an activity that cannot repeat (a business rule task)', async () => {
    const result = await compileLoop(
      looped('loopMaximum="2"'),
      (inner) =>
        `<bpmn:businessRuleTask id="x"><bpmn:extensionElements><zeebe:calledDecision decisionId="d" resultVariable="r"/></bpmn:extensionElements>${inner}</bpmn:businessRuleTask>`,
    );
    if (result.ok) expect.fail('expected errors');
    expect(result.errors).toContainEqual({
      elementId: 'x',
      message: 'Business rule task "x" has a loop marker; loops run only on user, service, script and manual tasks, sub-processes and call activities',
    });
  });
});
