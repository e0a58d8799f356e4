// Binding user tasks to units: alur:unit in the compiler, and the rules the
// interpreter's validators apply (who is a candidate, who supervises).
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import type { IrUserTask } from '../src/ir';
import type { Actor } from '../src/contract/updates';
import { isCandidate, notCandidateMessage, supervisesTask } from '../src/contract/task-candidates';

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

  it("is absent when not set or blank: the case's handling unit applies", async () => {
    expect(await userTaskOf(withUnit(''))).not.toHaveProperty('unit');
    expect(await userTaskOf(withUnit('alur:unit=""'))).not.toHaveProperty('unit');
  });
});

describe('candidates and supervisors', () => {
  const inUptA = { candidateRoles: ['petugas'], unitId: 'upt-a' };
  const unbound = { candidateRoles: ['petugas'] };
  const ani: Actor = { username: 'ani', roles: [], unitRoles: { 'upt-a': ['petugas'] } };
  const citra: Actor = { username: 'citra', roles: ['petugas'], unitRoles: { 'upt-b': ['petugas'] } };

  it("counts the roles held in the task's unit, or the global ones for a task bound to no unit", () => {
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
  return (
    supervisesTask({ username: 's', roles }, { candidateRoles: ['petugas'], unitId: 'upt-a' }) &&
    supervisesTask({ username: 's', roles }, { candidateRoles: ['petugas'] })
  );
}

describe('a task with no candidate role (Camunda allows it)', () => {
  const budi: Actor = { username: 'budi', roles: [], unitRoles: { U1: ['arsiparis'] } };
  const petugas: Actor = { username: 'sari', roles: ['petugas'] };

  it('goes to anyone holding a role in its unit', () => {
    expect(isCandidate(budi, { candidateRoles: [], unitId: 'U1' })).toBe(true);
    expect(isCandidate(budi, { candidateRoles: [], unitId: 'U2' })).toBe(false);
    expect(isCandidate(petugas, { candidateRoles: [], unitId: 'U1' })).toBe(false);
  });

  it('with no unit, goes to holders of the global petugas role', () => {
    expect(isCandidate(petugas, { candidateRoles: [] })).toBe(true);
    expect(isCandidate(budi, { candidateRoles: [] })).toBe(false);
    expect(isCandidate({ username: 'admin', roles: ['admin'] }, { candidateRoles: [], unitId: null })).toBe(false);
  });

  it('says who takes it when refusing', () => {
    expect(notCandidateMessage(budi, { id: 'T', candidateRoles: [] })).toBe('budi has none of the roles of task T (no candidate role: petugas) (holds: none)');
    expect(notCandidateMessage(petugas, { id: 'T', candidateRoles: [], unitId: 'U1' }, 'dinkes')).toBe(
      'sari has none of the roles of task T (no candidate role: any role in its unit) in unit dinkes (holds: none)',
    );
  });
});
