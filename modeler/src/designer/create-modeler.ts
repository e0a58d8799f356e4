// The process designer: bpmn-js with the Zeebe properties panel (Camunda 8
// attributes Alur executes: candidate groups, task definitions, headers,
// conditions) plus Alur's own attributes and form editor in their own groups.
// Problems come from the compiler itself while drawing (live-check.ts). Its
// texts speak the page's language (designer-i18n.ts).
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import { AlurPropertiesProviderModule } from './alur-properties-provider';
import { FormPropertiesProviderModule } from './form-properties-provider';
import { moddleExtensions, modellingBehaviors } from './diagram-model';
import { DesignerTranslateModule } from './designer-i18n';

export { emptyDiagram } from './diagram-model';

export function createModeler(canvas: HTMLElement, panel: HTMLElement): BpmnModeler {
  return new BpmnModeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ...modellingBehaviors,
      AlurPropertiesProviderModule,
      FormPropertiesProviderModule,
      DesignerTranslateModule,
    ],
    moddleExtensions,
  });
}
