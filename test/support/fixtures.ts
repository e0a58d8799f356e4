import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The complaint SOP (three lanes, exclusive + parallel gateway, timer boundary, terminate end). */
export function pengaduanXml(opts: { webhookUrl: string; responseDeadline?: string }): string {
  const xml = readFileSync(fileURLToPath(new URL('../../workflows/test/fixtures/pengaduan.bpmn', import.meta.url)), 'utf8');
  return xml
    .replace('http://127.0.0.1:1/notify', opts.webhookUrl)
    .replace('<bpmn:timeDuration>PT2S</bpmn:timeDuration>', `<bpmn:timeDuration>${opts.responseDeadline ?? 'PT2S'}</bpmn:timeDuration>`);
}

export interface TwoStepSop {
  key: string;
  name: string;
  /** Element ids of the start and end events. */
  start: string;
  end: string;
  /** The two user tasks, in order: [id, name]. */
  steps: [[string, string], [string, string]];
}

/** The shape of most counter services: two user tasks in sequence, both for the lane (role) `petugas`. */
export function twoStepSopXml({ key, name, start, end, steps: [[a, aName], [b, bName]] }: TwoStepSop): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="https://alur.go.id/test">
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:laneSet id="Lanes"><bpmn:lane id="LanePetugas" name="petugas">
      <bpmn:flowNodeRef>${start}</bpmn:flowNodeRef><bpmn:flowNodeRef>${a}</bpmn:flowNodeRef>
      <bpmn:flowNodeRef>${b}</bpmn:flowNodeRef><bpmn:flowNodeRef>${end}</bpmn:flowNodeRef>
    </bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="${start}"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="${a}" name="${aName}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="${b}" name="${bName}"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="${end}"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="${start}" targetRef="${a}" />
    <bpmn:sequenceFlow id="f2" sourceRef="${a}" targetRef="${b}" />
    <bpmn:sequenceFlow id="f3" sourceRef="${b}" targetRef="${end}" />
  </bpmn:process>
</bpmn:definitions>`;
}
