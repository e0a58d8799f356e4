// Standard loops at the interpreter (issue 15): the activity runs again while
// its loop condition holds (BPMN), checked after each iteration (default) or
// before it (testBefore), at most loopMaximum times; each iteration is a step
// of its own with loopCounter as its local variable. A condition that does not
// give true or false stops the case at an incident there.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InterpreterHarness } from './support/harness';

const definitions = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">${body}</bpmn:definitions>`;
const loop = (attrs: string, condition?: string) =>
  `<bpmn:standardLoopCharacteristics ${attrs}>${condition ? `<bpmn:loopCondition xsi:type="bpmn:tFormalExpression">${condition}</bpmn:loopCondition>` : ''}</bpmn:standardLoopCharacteristics>`;

/** Perbaiki berkas until lengkap (do-while, at most 3 times), then count in a while loop with a script task. */
const ULANG = definitions(`
<bpmn:process id="perbaiki-ulang" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Perbaiki" />
  <bpmn:userTask id="Perbaiki" name="Perbaiki berkas"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="pemohon" /></bpmn:extensionElements>${loop('loopMaximum="3"', '=lengkap != true')}</bpmn:userTask>
  <bpmn:sequenceFlow id="f2" sourceRef="Perbaiki" targetRef="Hitung" />
  <bpmn:scriptTask id="Hitung" name="Hitung"><bpmn:extensionElements><zeebe:script expression="=hitung + 1" resultVariable="hitung" /></bpmn:extensionElements>${loop('testBefore="true"', '=hitung &lt; batas')}</bpmn:scriptTask>
  <bpmn:sequenceFlow id="f3" sourceRef="Hitung" targetRef="E" /><bpmn:endEvent id="E" />
</bpmn:process>`);

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(ULANG);
});
afterAll(() => h?.close());

const steps = (c: { history: { elementId: string }[] }, id: string) => c.history.filter((s) => s.elementId === id).length;

it('loops a user task until its condition no longer holds, then a script task while its condition holds (testBefore)', async () => {
  const c = await h.start('perbaiki-ulang', { variables: { hitung: 0, batas: 3 } });
  const first = await c.task('Perbaiki');
  await c.completeTask(first, { lengkap: false });
  await c.until(() => (c.openTasks.some((t) => t.taskId !== first.taskId && t.elementId === 'Perbaiki') ? true : undefined), 10_000, 'second iteration');
  await c.complete('Perbaiki', { lengkap: true });

  const end = await c.ended();
  expect(end.status).toBe('completed');
  expect(steps(c, 'Perbaiki')).toBe(3); // two iterations and the body
  expect(steps(c, 'Hitung')).toBe(4); // three iterations and the body
  expect(end.variables).toMatchObject({ hitung: 3, lengkap: true });
  // loopCounter is each iteration's own variable: it never reaches the case.
  expect(end.variables).not.toHaveProperty('loopCounter');
  await c.recordHistory('standard-loop');
});

it('stops at loopMaximum; testBefore with a condition false at once runs no iteration', async () => {
  const c = await h.start('perbaiki-ulang', { variables: { hitung: 5, batas: 3 } });
  for (let i = 0; i < 3; i++) {
    await c.until(() => (c.openTasks.length === 1 ? true : undefined), 10_000, `iteration ${i + 1}`);
    await c.complete('Perbaiki', { lengkap: false });
  }
  const end = await c.ended();
  expect(end.status).toBe('completed');
  expect(steps(c, 'Perbaiki')).toBe(4);
  expect(steps(c, 'Hitung')).toBe(1);
  expect(end.variables).toMatchObject({ hitung: 5 });
});

it('a loop condition that is not true or false stops the case at an incident at the activity', async () => {
  const c = await h.start('perbaiki-ulang', { variables: { hitung: 0 } });
  await c.complete('Perbaiki', { lengkap: true });
  const incident = await c.incident();
  expect(incident.elementId).toBe('Hitung');
  expect(incident.message).toMatch(/^The loop condition "hitung < batas" of "Hitung" gave null, not true or false/);
  await c.cancel('uji selesai');
});
