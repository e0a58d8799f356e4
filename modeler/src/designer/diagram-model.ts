// What the designer's diagram is made of, apart from what draws and edits it:
// the moddle extensions (Zeebe, Alur), the behaviours that keep the Camunda 8
// extension elements consistent while modelling, and a new SOP's diagram.
// Kept apart from create-modeler.ts (properties panel, lint, CSS) so tests can
// run a bpmn-js modeler with exactly these.
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import alurModdle from '@alur/workflows/moddle/alur.json';
import { AlurFormsBehaviorModule } from './forms-behavior';

export const moddleExtensions = { zeebe: zeebeModdle, alur: alurModdle };

/** AlurFormsBehaviorModule after ZeebeBehaviorsModule: it replaces its formsBehavior (embedded forms stay on zeebe:userTask tasks). */
export const modellingBehaviors: Record<string, unknown>[] = [ZeebeBehaviorsModule, AlurFormsBehaviorModule];

/** A new SOP: one start event on an otherwise empty canvas, with Alur's namespaces declared. */
export function emptyDiagram(key: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="Definitions_1" targetNamespace="http://alur.go.id/sop">
  <bpmn:process id="${escapeXml(key)}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${escapeXml(key)}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
