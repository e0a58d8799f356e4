// XML → bpmn-moddle object tree, with Zeebe (Camunda 8) and Camunda 7
// extensions, and moddle's warnings sorted into errors and warnings.
import { createRequire } from 'node:module';
import { BpmnModdle, type FromXmlError, type ModdleWarning } from 'bpmn-moddle';
import type { Diagnostics } from './diagnostics';
import { describe, idOf, type BpmnElement } from './model';

interface ModdleDescriptor {
  types: { name: string }[];
  [key: string]: unknown;
}

const require = createRequire(import.meta.url);
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as ModdleDescriptor;
const camunda = require('camunda-bpmn-moddle/resources/camunda.json') as ModdleDescriptor;
// Alur's own attributes (alur:sla, mutu baku, ...); the modeler loads the same file.
const alur = require('../../resources/alur.json') as ModdleDescriptor;

// Both extensions define modelerTemplate/modelerTemplateVersion on every flow
// element, and moddle refuses the second definition (every element then fails
// to parse). Templates mean nothing to Alur, so Camunda 7's copy is dropped;
// `camunda:modelerTemplate` then reads as an unknown attribute.
const camundaWithoutTemplates: ModdleDescriptor = {
  ...camunda,
  types: camunda.types.filter((t) => t.name !== 'TemplateSupported'),
};

const moddle = new BpmnModdle({ zeebe, camunda: camundaWithoutTemplates, alur });

export type ParseResult = { ok: true; definitions: BpmnElement } | { ok: false };

/** Parses BPMN XML, reporting what moddle could not read into `diag`. */
export async function parseBpmnXml(xml: string, diag: Diagnostics): Promise<ParseResult> {
  let result;
  try {
    result = await moddle.fromXML(xml, 'bpmn:Definitions');
  } catch (err) {
    const { message, warnings = [] } = err as FromXmlError;
    const details = warnings.map((w) => oneLine(w.message)).filter((m) => !message.includes(m));
    diag.error(undefined, `The file is not valid BPMN XML: ${[oneLine(message), ...details].join('; ')}`);
    return { ok: false };
  }
  for (const warning of result.warnings) triageWarning(warning, diag);
  return { ok: true, definitions: result.rootElement };
}

const UNPARSABLE = /^unparsable content (.*?)\s*detected\s+line: (\d+)\s+column: (\d+)\s+nested error: (.*)$/s;

function triageWarning(warning: ModdleWarning, diag: Diagnostics): void {
  const { message, element, property, value } = warning;
  const elementId = element && idOf(element);
  const inDiagramLayout = element?.$type.startsWith('bpmndi:') ?? false;

  if (message.startsWith('unresolved reference') && element) {
    // A dangling reference in the layout only misplaces a shape; in the model
    // it means a flow, lane or boundary event points at nothing.
    const text = `${describe(element)} refers to "${String(value)}" (${plainProperty(property)}), which is not in the diagram`;
    if (inDiagramLayout) diag.warn(elementId, `${text}; it is ignored`);
    else diag.error(elementId, text);
    return;
  }
  if (message.startsWith('unknown attribute') && element) {
    diag.warn(elementId, `${describe(element)} has an unknown attribute "${plainProperty(property)}", which is ignored`);
    return;
  }
  const unparsable = UNPARSABLE.exec(message);
  if (unparsable) {
    const [, content = '', line = '0', column = '0', nested = ''] = unparsable;
    const where = `line ${Number(line) + 1}, column ${Number(column) + 1}`;
    const unknownType = /^unknown type <([^:>]+):[^>]*>$/.exec(nested.trim());
    if (unknownType && unknownType[1] !== 'bpmn') {
      // An extension (or layout) element this compiler does not know: nothing Alur executes.
      diag.warn(undefined, `The element ${content} at ${where} is not known and is ignored`);
      return;
    }
    if (unknownType) {
      diag.error(undefined, `The element ${content} at ${where} is not a BPMN element Alur knows`);
      return;
    }
    const duplicate = /^duplicate ID <(.*)>$/.exec(nested.trim());
    if (duplicate) {
      diag.error(duplicate[1], `The id "${duplicate[1]}" is used by more than one element (${where}); ids must be unique`);
      return;
    }
    diag.error(undefined, `The content ${content} at ${where} cannot be read: ${nested.trim()}`);
    return;
  }
  if (message.startsWith('unsupported document encoding') || inDiagramLayout) diag.warn(elementId, oneLine(message));
  else diag.error(elementId, oneLine(message));
}

/** `bpmn:targetRef` → `targetRef`. */
function plainProperty(property: string | undefined): string {
  return (property ?? '').replace(/^[^:]*:/, '');
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ').trim();
}
