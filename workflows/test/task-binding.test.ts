// Binding user tasks to units: alur:unit in the compiler, and the rules the
// interpreter's validators apply (who is a candidate, who supervises).
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import type { IrUserTask } from '../src/ir';
import type { Actor } from '../src/messages';
import { isCandidate, notCandidateMessage, supervisesTask } from '../src/task-candidates';

const withUnit = (attr: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:laneSet><bpmn:lane id="L" name="petugas"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="T"/>
    <bpmn:userTask id="T" name="Tanda tangan" ${attr}/>
    <bpmn:sequenceFlow id="f2" sourceRef="T" targetRef="e"/><bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>`;

async function userTaskOf(xml: string): Promise<IrUserTask> {
  const result = await compileBpmn(xml);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ir.nodes.T as IrUserTask;
}

describe('alur:unit on a user task', () => {
  it('names the fixed unit by its code', async () => {
    expect(await userTaskOf(withUnit('alur:unit=" dinkes "'))).toMatchObject({ candidateRoles: ['petugas'], unit: 'dinkes' });
  });

  it('is absent when not set or blank: the case\'s handling unit applies', async () => {
    expect(await userTaskOf(withUnit(''))).not.toHaveProperty('unit');
    expect(await userTaskOf(withUnit('alur:unit=""'))).not.toHaveProperty('unit');
  });
});

describe('candidates and supervisors', () => {
  const inUptA = { candidateRoles: ['petugas'], unitId: 'upt-a' };
  const unbound = { candidateRoles: ['petugas'] };
  const ani: Actor = { username: 'ani', roles: [], unitRoles: { 'upt-a': ['petugas'] } };
  const citra: Actor = { username: 'citra', roles: ['petugas'], unitRoles: { 'upt-b': ['petugas'] } };

  it('counts the roles held in the task\'s unit, or the global ones for a task bound to no unit', () => {
    expect(isCandidate(ani, inUptA)).toBe(true);
    expect(isCandidate(citra, inUptA)).toBe(false); // petugas elsewhere and globally, not in upt-a
    expect(isCandidate(citra, unbound)).toBe(true);
    expect(isCandidate(ani, unbound)).toBe(false);
    expect(isCandidate({ username: 'x', roles: ['petugas'] }, inUptA)).toBe(false);
  });

  it('lets global admins and supervisors, and supervisors of the unit, supervise', () => {
    expect(supervisesAll(['admin'])).toBe(true);
    expect(supervisesAll(['supervisor'])).toBe(true);
    expect(supervisesTask({ username: 'k', roles: [], supervises: ['upt-a'] }, inUptA)).toBe(true);
    expect(supervisesTask({ username: 'k', roles: [], supervises: ['upt-b'] }, inUptA)).toBe(false);
    expect(supervisesTask({ username: 'k', roles: [], supervises: ['upt-a'] }, unbound)).toBe(false);
    expect(supervisesTask(ani, inUptA)).toBe(false);
  });

  it('says which roles were needed where and which the actor holds', () => {
    expect(notCandidateMessage(citra, { ...inUptA, id: 't1' }, 'upt-a')).toBe('citra has none of the roles of task t1 (petugas) in unit upt-a (holds: none)');
  });
});

function supervisesAll(roles: string[]): boolean {
  return supervisesTask({ username: 's', roles }, { candidateRoles: ['petugas'], unitId: 'upt-a' }) && supervisesTask({ username: 's', roles }, { candidateRoles: ['petugas'] });
}
