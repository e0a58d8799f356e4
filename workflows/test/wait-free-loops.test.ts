// Loops with no wait state on them: a warning at deploy naming the steps (issue 11).
import { describe, expect, it } from 'vitest';
import { compileBpmn, type CompileError } from '../src/compiler';
import { between, definitions, flow, processXml, userTask, webhookTask } from './support/bpmn';

async function warningsOf(xml: string): Promise<CompileError[]> {
  const result = await compileBpmn(xml);
  if (!result.ok) expect.fail(`expected the diagram to compile, got:\n${result.errors.map((e) => `${e.elementId}: ${e.message}`).join('\n')}`);
  return result.warnings;
}

const loopWarnings = async (xml: string) => (await warningsOf(xml)).filter((w) => w.message.includes('form a loop with no wait state'));

/** The diagram of issue 11: S -> G1 -> G2 -> G1, and G2 -> E once `selesai` holds. */
const PUTAR = definitions(`<bpmn:process id="putar" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="c1" sourceRef="S" targetRef="G1" />
  <bpmn:exclusiveGateway id="G1" default="c2" /><bpmn:sequenceFlow id="c2" sourceRef="G1" targetRef="G2" />
  <bpmn:exclusiveGateway id="G2" default="c3" /><bpmn:sequenceFlow id="c3" sourceRef="G2" targetRef="G1" />
  <bpmn:sequenceFlow id="c4" sourceRef="G2" targetRef="E"><bpmn:conditionExpression>=selesai = true</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:endEvent id="E" />
</bpmn:process>`);

describe('loops with no wait state', () => {
  it('the diagram of issue 11 compiles, with a warning naming G1 and G2', async () => {
    expect(await warningsOf(PUTAR)).toEqual([
      {
        elementId: 'G1',
        message:
          'Steps G1 -> G2 -> G1 form a loop with no wait state (user task, receive task, timer, message or signal); a case that takes it may loop until its step budget stops it',
      },
    ]);
  });

  it('a loop through a user task, a timer, a receive task or a call activity gives no warning', async () => {
    const through = (step: string, id: string) =>
      processXml(
        `<bpmn:startEvent id="s"/>${flow('f1', 's', 'g')}<bpmn:exclusiveGateway id="g"/>${flow('f2', 'g', id)}${step}${flow('f3', id, 'h')}` +
          `<bpmn:exclusiveGateway id="h" default="back"/>${flow('back', 'h', 'g')}${flow('out', 'h', 'e', '=selesai')}<bpmn:endEvent id="e"/>`,
      ).replace(
        '<bpmn:process',
        '<bpmn:message id="M" name="balasan"><bpmn:extensionElements><zeebe:subscription correlationKey="=kode"/></bpmn:extensionElements></bpmn:message><bpmn:process',
      );
    expect(await loopWarnings(through(userTask('t'), 't'))).toEqual([]);
    expect(
      await loopWarnings(
        through(
          '<bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
          'w',
        ),
      ),
    ).toEqual([]);
    expect(await loopWarnings(through('<bpmn:receiveTask id="r" messageRef="M"/>', 'r'))).toEqual([]);
    expect(
      await loopWarnings(
        through('<bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="lain"/></bpmn:extensionElements></bpmn:callActivity>', 'c'),
      ),
    ).toEqual([]);
  });

  it('a loop through a service task, a script task or a task that passes through is warned about, in order from its first step', async () => {
    const xml = processXml(
      `<bpmn:startEvent id="s"/>${flow('f1', 's', 'g')}<bpmn:exclusiveGateway id="g"/>${flow('f2', 'g', 'kirim')}${webhookTask('kirim', { url: 'https://contoh.go.id/x' })}` +
        `${flow('f3', 'kirim', 'catat')}<bpmn:task id="catat"/>${flow('f4', 'catat', 'h')}` +
        `<bpmn:exclusiveGateway id="h" default="back"/>${flow('back', 'h', 'g')}${flow('out', 'h', 'e', '=terkirim')}<bpmn:endEvent id="e"/>`,
    );
    expect((await loopWarnings(xml)).map((w) => [w.elementId, w.message.split(' form')[0]])).toEqual([['g', 'Steps g -> kirim -> catat -> h -> g']]);
  });

  it('finds the loop with no wait state beside one that waits, and a step that loops to itself', async () => {
    const xml = processXml(
      `<bpmn:startEvent id="s"/>${flow('f1', 's', 'g')}<bpmn:exclusiveGateway id="g" default="toT"/>${flow('toT', 'g', 't')}${flow('toH', 'g', 'h', '=cepat')}` +
        `${userTask('t')}${flow('tBack', 't', 'g')}<bpmn:exclusiveGateway id="h" default="hBack"/>${flow('hBack', 'h', 'g')}${flow('out', 'h', 'm', '=selesai')}` +
        `<bpmn:manualTask id="m"/>${flow('self', 'm', 'm')}${flow('mOut', 'm', 'e')}<bpmn:endEvent id="e"/>`,
    );
    expect((await loopWarnings(xml)).map((w) => w.message.split(' form')[0])).toEqual(['Steps g -> h -> g', 'Steps m -> m']);
  });

  it('a loop through a sub-process counts only when nothing inside it waits', async () => {
    const around = (inside: string) =>
      processXml(
        `<bpmn:startEvent id="s"/>${flow('f1', 's', 'g')}<bpmn:exclusiveGateway id="g"/>${flow('f2', 'g', 'sub')}` +
          `<bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/>${flow('i1', 'ss', 'x')}${inside}${flow('i2', 'x', 'se')}<bpmn:endEvent id="se"/></bpmn:subProcess>` +
          `${flow('f3', 'sub', 'h')}<bpmn:exclusiveGateway id="h" default="back"/>${flow('back', 'h', 'g')}${flow('out', 'h', 'e', '=selesai')}<bpmn:endEvent id="e"/>`,
      );
    expect(
      (
        await loopWarnings(
          around(
            '<bpmn:scriptTask id="x"><bpmn:extensionElements><zeebe:script expression="=n + 1" resultVariable="n"/></bpmn:extensionElements></bpmn:scriptTask>',
          ),
        )
      ).map((w) => w.elementId),
    ).toEqual(['g']);
    expect(await loopWarnings(around(userTask('x')))).toEqual([]);
  });

  it('a loop inside a sub-process is found in its own scope', async () => {
    const xml = between(
      `<bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/>${flow('i1', 'ss', 'a')}<bpmn:exclusiveGateway id="a"/>${flow('i2', 'a', 'b')}` +
        `<bpmn:exclusiveGateway id="b" default="i3"/>${flow('i3', 'b', 'a')}${flow('i4', 'b', 'se', '=ok')}<bpmn:endEvent id="se"/></bpmn:subProcess>`,
      'sub',
    );
    expect((await loopWarnings(xml)).map((w) => w.message.split(' form')[0])).toEqual(['Steps a -> b -> a']);
  });
});
