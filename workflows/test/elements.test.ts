// The element catalogue's entries agree with each other and with the compiler.
import { describe, expect, it } from 'vitest';
import { BPMN_ELEMENT_LIST, BPMN_ELEMENTS, elementOf, elementOfBpmnType, xmlLocalNames } from '../src/ir/elements';
import { label } from '../src/compiler/model';

describe('BPMN element catalogue', () => {
  it('finds every entry back from its bpmn-moddle types, and the XML local names from them', () => {
    for (const element of BPMN_ELEMENT_LIST) {
      for (const bpmnType of element.bpmnTypes) {
        expect(elementOfBpmnType(bpmnType, element.type === 'eventSubProcess')).toBe(element);
      }
      expect(elementOf(element.type)).toBe(element);
    }
    expect(xmlLocalNames(BPMN_ELEMENTS.manualTask)).toEqual(['manualTask', 'task']);
    expect(elementOf('toString')).toBeUndefined();
    expect(elementOfBpmnType('bpmn:ComplexGateway')).toBeUndefined();
  });

  it('keeps capabilities consistent', () => {
    for (const e of BPMN_ELEMENT_LIST) {
      // A wait state cannot pass in an instant; only activities host boundary events or run many instances.
      if (e.waitsFor) expect(e.instant, e.type).toBe(false);
      if (e.boundaryTriggers.length > 0 || e.multiInstance || e.ioMapping) expect(['task', 'subProcess'], e.type).toContain(e.kind);
      if (e.boundaryTriggers.length > 0) expect(e.instant, e.type).toBe(false);
      if (e.citizenStep) expect(e.workStep, e.type).toBe(true);
      expect(e.name.id && e.name.en, e.type).toBeTruthy();
    }
  });

  it('names elements in compiler messages as the catalogue does', () => {
    expect(label({ $type: 'bpmn:UserTask' } as never)).toBe('User task');
    expect(label({ $type: 'bpmn:Task' } as never)).toBe('Task');
    expect(label({ $type: 'bpmn:SubProcess', triggeredByEvent: true } as never)).toBe('Event sub-process');
  });
});
