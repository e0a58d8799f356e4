import { describe, expect, it } from 'vitest';
import { topLevelSteps } from '../src/sop-steps';

describe('steps a supervisor can send a case to', () => {
  it('are the tasks of the process in document order, not gateways or events', () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p">
      <bpmn:startEvent id="Start" /><bpmn:userTask id="Periksa" name="Periksa berkas" />
      <bpmn:exclusiveGateway id="Lengkap" /><bpmn:serviceTask id="Kirim" name="Kirim surat" /><bpmn:endEvent id="End" />
    </bpmn:process></bpmn:definitions>`;
    expect(topLevelSteps(xml)).toEqual([
      { id: 'Periksa', name: 'Periksa berkas' },
      { id: 'Kirim', name: 'Kirim surat' },
    ]);
  });

  it('include sub-processes but not their inner steps nor event sub-processes', () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p">
      <bpmn:subProcess id="Sub" name="Verifikasi"><bpmn:userTask id="Inner" /></bpmn:subProcess>
      <bpmn:subProcess id="Events" triggeredByEvent="true" />
      <bpmn:manualTask id="Arsip" />
    </bpmn:process></bpmn:definitions>`;
    expect(topLevelSteps(xml)).toEqual([
      { id: 'Sub', name: 'Verifikasi' },
      { id: 'Arsip', name: 'Arsip' },
    ]);
  });

  it('are none for what is not a process', () => {
    expect(topLevelSteps('<nope/>')).toEqual([]);
  });
});
