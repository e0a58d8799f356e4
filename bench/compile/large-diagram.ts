// A generated SOP of about `elements` flow elements, laid out with DI the way
// Camunda Modeler writes it: stages of user tasks in lanes, each stage an
// exclusive decision (with a loop back for "berkas kurang") and a parallel
// fan-out of two service tasks joined again.
export function largeSopXml(elements: number): string {
  const model: string[] = [];
  const shapes: string[] = [];
  const edges: string[] = [];
  const lanes = ['Petugas', 'Verifikator', 'Kepala Seksi'];
  const laneRefs: string[][] = lanes.map(() => []);
  let x = 150;
  let count = 0;
  let flowNo = 0;

  const node = (tag: string, id: string, name: string, lane: number, inner = '') => {
    model.push(`<bpmn:${tag} id="${id}" name="${name}">${inner}</bpmn:${tag}>`);
    laneRefs[lane]!.push(id);
    const isTask = tag.endsWith('Task');
    shapes.push(
      `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"${tag.endsWith('Gateway') ? ' isMarkerVisible="true"' : ''}><dc:Bounds x="${x}" y="${100 + lane * 200}" width="${isTask ? 100 : 36}" height="${isTask ? 80 : 36}" /></bpmndi:BPMNShape>`,
    );
    x += isTask ? 150 : 86;
    count++;
  };
  const flow = (source: string, target: string, condition?: string, name?: string) => {
    const id = `Flow_${++flowNo}`;
    const body = condition ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>` : '';
    model.push(`<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"${name ? ` name="${name}"` : ''}>${body}</bpmn:sequenceFlow>`);
    edges.push(`<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${x - 50}" y="118" /><di:waypoint x="${x}" y="118" /></bpmndi:BPMNEdge>`);
    count++;
    return id;
  };
  const webhook =
    '<bpmn:extensionElements><zeebe:taskDefinition type="webhook" /><zeebe:taskHeaders><zeebe:header key="url" value="http://127.0.0.1:9/hook" /></zeebe:taskHeaders></bpmn:extensionElements>';

  node('startEvent', 'Mulai', 'Permohonan diterima', 0);
  let previous = 'Mulai';
  for (let stage = 1; count < elements - 2; stage++) {
    const task = `Periksa_${stage}`,
      decide = `Lengkap_${stage}`,
      fork = `Bagi_${stage}`,
      a = `Kirim_A_${stage}`,
      b = `Kirim_B_${stage}`,
      join = `Gabung_${stage}`;
    node('userTask', task, `Periksa berkas tahap ${stage}`, stage % 3);
    flow(previous, task);
    node('exclusiveGateway', decide, `Berkas lengkap ${stage}?`, stage % 3);
    flow(task, decide);
    flow(decide, task, `=lengkap_${stage} = false`, 'kurang');
    node('parallelGateway', fork, '', stage % 3);
    flow(decide, fork, `=lengkap_${stage} = true`, 'lengkap');
    node('serviceTask', a, `Notifikasi A ${stage}`, stage % 3, webhook);
    node('serviceTask', b, `Notifikasi B ${stage}`, stage % 3, webhook);
    flow(fork, a);
    flow(fork, b);
    node('parallelGateway', join, '', stage % 3);
    flow(a, join);
    flow(b, join);
    previous = join;
  }
  node('endEvent', 'Selesai', 'Selesai', 0);
  flow(previous, 'Selesai');

  const laneXml = lanes
    .map((name, i) => `<bpmn:lane id="Lane_${i}" name="${name}">${laneRefs[i]!.map((r) => `<bpmn:flowNodeRef>${r}</bpmn:flowNodeRef>`).join('')}</bpmn:lane>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_besar" targetNamespace="https://alur.go.id/bench">
<bpmn:collaboration id="Kolaborasi"><bpmn:participant id="Peserta" name="Layanan besar" processRef="layanan_besar" /></bpmn:collaboration>
<bpmn:process id="layanan_besar" name="Layanan besar" isExecutable="true"><bpmn:laneSet id="LaneSet_1">${laneXml}</bpmn:laneSet>${model.join('\n')}</bpmn:process>
<bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="Kolaborasi">${shapes.join('\n')}${edges.join('\n')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** Flow elements (nodes and sequence flows) in the generated XML. */
export function countFlowElements(xml: string): number {
  return (xml.match(/<bpmn:(startEvent|endEvent|userTask|serviceTask|exclusiveGateway|parallelGateway|sequenceFlow) /g) ?? []).length;
}
