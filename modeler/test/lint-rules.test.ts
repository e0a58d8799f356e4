// The designer's live lint, run by bpmnlint itself on diagrams read by
// bpmn-moddle with the Zeebe extension, as bpmn-js reads them (bpmn-js writes
// incoming/outgoing on every node; `connect` adds them here).
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import { describe, expect, it } from 'vitest';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { lintConfig } from '../src/designer/lint/config';
import { listIssues } from '../src/designer/lint/issues';

const moddle = new BpmnModdle({ zeebe });

async function lint(body: string, laneSet = '') {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true">${laneSet}
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task" />
    ${body}
    <bpmn:sequenceFlow id="f2" sourceRef="Task" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;
  const { rootElement } = await moddle.fromXML(connect(xml));
  const results: Record<string, { id: string; message: string; category: string }[]> = await new Linter(lintConfig).lint(rootElement);
  const byElement: Record<string, { id: string; message: string; category: string }[]> = {};
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) (byElement[r.id] ??= []).push({ ...r, message: `${rule}: ${r.message}` });
  }
  return listIssues(byElement);
}

/** Adds <bpmn:incoming>/<bpmn:outgoing> to each node for the flows that name it. */
function connect(xml: string): string {
  const flows = [...xml.matchAll(/<bpmn:sequenceFlow id="(\w+)" sourceRef="(\w+)" targetRef="(\w+)"/g)];
  return xml.replace(/<bpmn:(\w+) id="(\w+)"([^>]*?)(\/?)>/g, (tag, type: string, id: string, rest: string, selfClosing: string) => {
    if (type === 'sequenceFlow' || type === 'process' || type === 'laneSet' || type === 'lane') return tag;
    const refs = [
      ...flows.filter((f) => f[3] === id).map((f) => `<bpmn:incoming>${f[1]}</bpmn:incoming>`),
      ...flows.filter((f) => f[2] === id).map((f) => `<bpmn:outgoing>${f[1]}</bpmn:outgoing>`),
    ].join('');
    return selfClosing ? `<bpmn:${type} id="${id}"${rest}>${refs}</bpmn:${type}>` : `${tag}${refs}`;
  });
}

describe('Alur lint rules', () => {
  it('warns about a user task with no candidate role (candidate groups, Zeebe or Camunda 7, or a named lane): the unit\'s staff take it', async () => {
    expect(await lint('<bpmn:userTask id="Task" name="Periksa" />')).toEqual([
      {
        elementId: 'Task',
        category: 'warn',
        message:
          'alur/user-task-candidate-role: User task "Periksa" has no candidate role (no candidate groups, no named lane): it goes to the staff of the case\'s handling unit (any role there), or, for a case with no unit, to holders of the global role petugas',
      },
    ]);
    expect(await lint('<bpmn:userTask id="Task"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas" /></bpmn:extensionElements></bpmn:userTask>')).toEqual([]);
    expect(await lint('<bpmn:userTask id="Task" camunda:candidateGroups="petugas" />')).toEqual([]);
    const lanes = '<bpmn:laneSet id="LS"><bpmn:lane id="L" name="verifikator"><bpmn:flowNodeRef>Task</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>';
    expect(await lint('<bpmn:userTask id="Task" />', lanes)).toEqual([]);
  });

  it('wants a task type on a service task', async () => {
    expect((await lint('<bpmn:serviceTask id="Task" />')).map((i) => i.message)).toEqual([
      'alur/service-task-type: Service task Task has no task type; set zeebe:taskDefinition type (e.g. webhook)',
    ]);
    expect(await lint('<bpmn:serviceTask id="Task"><bpmn:extensionElements><zeebe:taskDefinition type="webhook" /></bpmn:extensionElements></bpmn:serviceTask>')).toEqual([]);
  });

  it("runs bpmnlint's structural rules too, errors listed before warnings", async () => {
    const issues = await lint('<bpmn:manualTask id="Task" /><bpmn:manualTask id="Lost" /><bpmn:sequenceFlow id="f3" sourceRef="Task" targetRef="End2" /><bpmn:endEvent id="End2" />');
    expect(issues.map((i) => [i.elementId, i.category])).toEqual([['Lost', 'error'], ['Task', 'warn']]);
    expect(issues[0]!.message).toMatch(/^no-disconnected:/);
    expect(issues[1]!.message).toMatch(/^no-implicit-split:/);
  });
});
