// Alur's properties-panel group edits the attributes the compiler reads: the
// names it writes must be the ones in workflows/resources/alur.json.
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import alurDescriptor from '@alur/workflows/moddle/alur.json';
import { ACTIVITY_ATTRIBUTES, alurTarget, END_EVENT_ATTRIBUTES, PROCESS_ATTRIBUTES } from '../src/designer/alur-attributes';

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
    const definitions = moddle.create('bpmn:Definitions', {
      targetNamespace: 'x',
      rootElements: [moddle.create('bpmn:Process', { id: 'P', flowElements: [task] })],
    });
    const { xml } = await moddle.toXML(definitions);
    const { warnings, rootElement } = await moddle.fromXML(xml);
    expect(warnings).toEqual([]);
    const read = rootElement.rootElements[0].flowElements[0];
    expect(read.get('alur:kelengkapan')).toBe('v-kelengkapan');
    expect(read.get('alur:slaPaused')).toBe(true);
    expect(Object.keys(read.$attrs)).toEqual([]); // no attribute unknown to the descriptor
  });

  it('offers the citizen-facing outcome on end events and the unit choice on the process, as the descriptor defines them', async () => {
    const end = moddle.create('bpmn:EndEvent', { id: 'E' });
    expect(alurTarget({ businessObject: end })).toEqual({ bo: end, attributes: END_EVENT_ATTRIBUTES });
    expect(alurTarget({ businessObject: moddle.create('bpmn:StartEvent', { id: 'S' }) })).toBeNull();
    for (const [name] of END_EVENT_ATTRIBUTES) end.set(`alur:${name}`, name === 'outcome' ? 'ditolak' : '=alasanPenolakan');
    const processBo = moddle.create('bpmn:Process', { id: 'P', flowElements: [end] });
    for (const [name] of PROCESS_ATTRIBUTES) processBo.set(`alur:${name}`, `v-${name}`);
    const { xml } = await moddle.toXML(moddle.create('bpmn:Definitions', { targetNamespace: 'x', rootElements: [processBo] }));
    const { warnings, rootElement } = await moddle.fromXML(xml);
    expect(warnings).toEqual([]);
    const read = rootElement.rootElements[0];
    expect(read.get('alur:unitField')).toBe('v-unitField');
    expect(read.flowElements[0].get('alur:outcome')).toBe('ditolak');
    expect(read.flowElements[0].get('alur:outcomeMessage')).toBe('=alasanPenolakan');
    expect(Object.keys(read.$attrs)).toEqual([]);
    expect(Object.keys(read.flowElements[0].$attrs)).toEqual([]);
  });
});
