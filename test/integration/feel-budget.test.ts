// A designer's FEEL cannot take the worker down (issues 11 and 14): a script
// task that would build a 2,000,000-item list, with the range computed at run
// time so no deploy check sees it, ends its case at that task with a clear
// message while the worker keeps serving other cases; a catastrophic-
// backtracking pattern runs in linear time (RE2); a literal range over the
// budget is refused at deploy with the element id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps } from '../support/cases';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';

/** start → one script task (`expression` into `hasil`) → end. */
function scriptSop(key: string, taskId: string, name: string, expression: string): string {
  const escaped = expression.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="d-${key}" targetNamespace="t">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="S"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="${taskId}"/>
    <bpmn:scriptTask id="${taskId}" name="${name}"><bpmn:extensionElements><zeebe:script expression="${escaped}" resultVariable="hasil"/></bpmn:extensionElements></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="${taskId}" targetRef="E"/>
    <bpmn:endEvent id="E"/>
  </bpmn:process>
</bpmn:definitions>`;
}

let alur: TestAlur;
let admin: string;
let steps: ReturnType<typeof caseSteps>;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  steps = caseSteps(alur, admin);
  for (const xml of [
    scriptSop('hitung-besar', 'HitungBesar', 'Hitung besar', '=count(for i in 1..n return i)'),
    scriptSop('hitung-biasa', 'HitungBiasa', 'Hitung biasa', '=n + 1'),
    scriptSop('cek-pola', 'CekPola', 'Cek pola', '=matches(s, "^(a+)+$")'),
  ]) {
    await alur.mustCall('POST', '/api/sops', { token: admin, xml });
  }
});
afterAll(() => alur?.close());

describe('FEEL with a budget', () => {
  it('a runaway script task ends its case at that task; the worker keeps serving other cases', async () => {
    const runaway = await steps.start('hitung-besar', { n: 2_000_000 });
    const c = await steps.ended(runaway, 30_000);
    // A failed case (its error) or, once incidents exist, a case in incident
    // (its incident): either way the message names the step and the limit.
    expect(['failed', 'incident']).toContain(c.status);
    const told = JSON.stringify([c, await steps.events(runaway)]);
    expect(told).toContain('Hitung besar');
    expect(told).toContain('HitungBesar');
    expect(told).toContain('FEEL budget exceeded: range 1..2000000 has 2000000 items, at most 10000');

    const ordinary = await steps.start('hitung-biasa', { n: 41 });
    const done = await steps.ended(ordinary, 30_000);
    expect(done.status).toBe('completed');
    expect(done.variables.hasil).toBe(42);
    expect((await alur.call('GET', '/api/health')).status).toBe(200);
  });

  it('a catastrophic-backtracking pattern is matched in linear time', async () => {
    const id = await steps.start('cek-pola', { s: `${'a'.repeat(40)}!` });
    const c = await steps.ended(id, 30_000);
    expect(c.status).toBe('completed');
    expect(c.variables.hasil).toBe(false);
  });

  it('refuses at deploy a literal range over the budget, naming the element and the expression', async () => {
    const xml = scriptSop('hitung-literal', 'HitungLiteral', 'Hitung literal', '=count(for i in 1..2000000 return i)');
    const res = await alur.call('POST', '/api/sops', { token: admin, xml });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        elementId: 'HitungLiteral',
        message: expect.stringContaining('"=count(for i in 1..2000000 return i)"') as unknown as string,
      }),
    ]);
    expect(res.body.errors[0].message).toContain('range 1..2000000 has 2000000 items, at most 10000');
  });
});
