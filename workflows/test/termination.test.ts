import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';

const process = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:laneSet id="ls"><bpmn:lane id="l" name="petugas"><bpmn:flowNodeRef>t</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    ${body}
  </bpmn:process>
</bpmn:definitions>`;

const errorsOf = async (xml: string) => {
  const result = await compileBpmn(xml);
  return result.ok ? [] : result.errors;
};

describe('every step can finish', () => {
  it('refuses a loop with no way out, naming each step in it', async () => {
    const errors = await errorsOf(
      process(`
      <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:userTask id="t" name="Periksa"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
      <bpmn:exclusiveGateway id="g" name="Lengkap?"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:exclusiveGateway>
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
      <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="g"/>
      <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="t"/>`),
    );
    expect(errors.map((e) => e.elementId).sort()).toEqual(['g', 's', 't']);
    expect(errors.find((e) => e.elementId === 't')?.message).toMatch(/^User task "Periksa" has no path to an end event/);
  });

  it('accepts a loop with a way out, and a way out through a boundary event', async () => {
    expect(
      await errorsOf(
        process(`
      <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:userTask id="t"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
      <bpmn:exclusiveGateway id="g" default="f4"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:exclusiveGateway>
      <bpmn:endEvent id="e"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
      <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="g"/>
      <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="t"><bpmn:conditionExpression>=kurang</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f4" sourceRef="g" targetRef="e"/>`),
      ),
    ).toEqual([]);

    expect(
      await errorsOf(
        process(`
      <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:userTask id="t"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
      <bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="e"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
      <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="t"/>
      <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="e"/>`),
      ),
    ).toEqual([]);
  });
});
