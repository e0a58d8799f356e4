// Alur's properties-panel group edits the attributes the compiler reads: the
// names it writes must be the ones in workflows/resources/alur.json.
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import alurDescriptor from '@alur/workflows/moddle/alur.json';
import { ACTIVITY_ATTRIBUTES, alurTarget, PROCESS_ATTRIBUTES } from '../src/designer/alur-attributes';

const moddle = new BpmnModdle({ alur: alurDescriptor });

describe('Alur properties group', () => {
  it('offers the activity attributes on tasks and the SLA on the process (also through its pool)', () => {
    const task = moddle.create('bpmn:UserTask', { id: 'T' });
    const processBo = moddle.create('bpmn:Process', { id: 'P' });
    const pool = moddle.create('bpmn:Participant', { id: 'Pool', processRef: processBo });
    expect(alurTarget({ businessObject: task })).toEqual({ bo: task, attributes: ACTIVITY_ATTRIBUTES });
    expect(alurTarget({ businessObject: processBo })).toEqual({ bo: processBo, attributes: PROCESS_ATTRIBUTES });
    expect(alurTarget({ businessObject: pool })?.bo).toBe(processBo);
    expect(alurTarget({ businessObject: moddle.create('bpmn:ExclusiveGateway') })).toBeNull();
  });

  it('names only attributes the Alur moddle descriptor defines', async () => {
    const task = moddle.create('bpmn:UserTask', { id: 'T' });
    for (const [name, kind] of ACTIVITY_ATTRIBUTES) task.set(`alur:${name}`, kind === 'checkbox' ? true : `v-${name}`);
    const definitions = moddle.create('bpmn:Definitions', { targetNamespace: 'x', rootElements: [moddle.create('bpmn:Process', { id: 'P', flowElements: [task] })] });
    const { xml } = await moddle.toXML(definitions);
    const { warnings, rootElement } = await moddle.fromXML(xml);
    expect(warnings).toEqual([]);
    const read = rootElement.rootElements[0].flowElements[0];
    expect(read.get('alur:kelengkapan')).toBe('v-kelengkapan');
    expect(read.get('alur:slaPaused')).toBe(true);
    expect(Object.keys(read.$attrs)).toEqual([]); // no attribute unknown to the descriptor
  });
});
