// The compiler reads a citizen-facing outcome on end events (alur:outcome,
// alur:outcomeMessage) and the unit choice on the process (alur:unit,
// alur:unitField) into the IR.
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import { compiled, errorsOf } from './support/compile';

const diagram = (process: string, ends: string, inner = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true" ${process}>
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="ss"/>
      <bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="se"/>
      <bpmn:endEvent id="se" ${inner}/>
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e"/>
    <bpmn:endEvent id="e" ${ends}/>
  </bpmn:process>
</bpmn:definitions>`;

describe('end event outcomes', () => {
  it('keeps a fixed message or a FEEL one without its =', async () => {
    const fixed = await compiled(diagram('', 'alur:outcome="selesai" alur:outcomeMessage="Surat dapat diambil."'));
    expect(fixed.nodes.e).toMatchObject({ outcome: { kind: 'selesai', message: 'Surat dapat diambil.' } });
    const feel = await compiled(diagram('', 'alur:outcome="ditolak" alur:outcomeMessage="=alasanPenolakan"'));
    expect(feel.nodes.e).toMatchObject({ outcome: { kind: 'ditolak', messageExpression: 'alasanPenolakan' } });
    expect((await compiled(diagram('', ''))).nodes.e).not.toHaveProperty('outcome');
  });

  it('refuses an unknown outcome, a message without one and FEEL that does not parse', async () => {
    expect((await errorsOf(diagram('', 'alur:outcome="gagal"')))[0]).toMatchObject({
      elementId: 'e',
      message: expect.stringContaining('use one of selesai, ditolak, dibatalkan'),
    });
    expect((await errorsOf(diagram('', 'alur:outcomeMessage="Maaf"')))[0]).toMatchObject({ elementId: 'e', message: expect.stringContaining('no outcome') });
    expect((await errorsOf(diagram('', 'alur:outcome="ditolak" alur:outcomeMessage="=alasan +"')))[0]).toMatchObject({
      elementId: 'e',
      message: expect.stringContaining('not valid FEEL'),
    });
  });

  it('ignores, with a warning, an outcome on an end event that does not end the case', async () => {
    const result = await compileBpmn(diagram('', '', 'alur:outcome="ditolak"'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ir.nodes.se).not.toHaveProperty('outcome');
    expect(result.warnings).toContainEqual({ elementId: 'se', message: expect.stringContaining('it ends a sub-process, not the case') });
  });
});

describe('the handling unit on the process', () => {
  it('reads alur:unit and alur:unitField, and refuses a field key that cannot be one', async () => {
    const ir = await compiled(diagram('alur:unit="kel-a" alur:unitField="kelurahan"', ''));
    expect(ir).toMatchObject({ unit: 'kel-a', unitField: 'kelurahan' });
    expect(await compiled(diagram('', ''))).not.toHaveProperty('unitField');
    expect((await errorsOf(diagram('alur:unitField="kelurahan pemohon"', '')))[0]).toMatchObject({
      elementId: 'p',
      message: expect.stringContaining('alur:unitField'),
    });
  });
});
