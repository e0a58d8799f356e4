// Call activities: another deployed SOP, run as a case of its own. Camunda 8
// writes zeebe:calledElement processId with propagateAllChildVariables /
// propagateAllParentVariables (and, from 8.6, bindingType); Camunda 7 writes
// the BPMN calledElement attribute with camunda:calledElementBinding /
// camunda:calledElementVersion and camunda:in / camunda:out. Both compile to
// one IrCalledElement; camunda:in/out become input/output mappings.
import type { IrCallActivity, IrCalledElement, IrCalledElementBinding, IrIoMapping } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, extensions, idOf, stringProp, type BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';
import { isVariableName, VARIABLE_NAME_RULE } from './variable-name';

const BINDINGS: readonly IrCalledElementBinding[] = ['latest', 'deployment', 'version'];
const DYNAMIC = /^=|[$#]\{/;

export function compileCallActivity(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrCallActivity | undefined {
  const id = idOf(el);
  const before = diag.errors.length;
  checkActivityMarkers(el, diag);
  const zeebe = extensions(el, 'zeebe:CalledElement');
  const camundaKey = stringProp(el, 'calledElement')?.trim();
  if (zeebe.length > 1) diag.error(id, `${describe(el)} has more than one zeebe:calledElement`);
  // Camunda Web Modeler writes both, with the same key: fine. Two different keys are a contradiction.
  const zeebeKey = zeebe[0] && stringProp(zeebe[0], 'processId')?.trim();
  if (zeebe.length > 0 && camundaKey && zeebeKey !== camundaKey) {
    diag.error(
      id,
      `${describe(el)} calls "${zeebeKey ?? ''}" in zeebe:calledElement but "${camundaKey}" in its calledElement attribute; make them the same SOP key, or keep one`,
    );
  }
  if (stringProp(el, 'caseRef')?.trim()) diag.error(id, `${describe(el)} calls a CMMN case (camunda:caseRef); only SOPs (BPMN processes) can be called`);
  for (const p of ['variableMappingClass', 'variableMappingDelegateExpression']) {
    if (stringProp(el, p)?.trim())
      diag.error(id, `${describe(el)} maps variables with Java code (camunda:${p}); use camunda:in / camunda:out or zeebe:ioMapping`);
  }
  const calledElement = zeebe[0] ? zeebeCalledElement(el, zeebe[0], diag) : camundaCalledElement(el, camundaKey, diag);
  const inOut = camundaInOutMapping(el);
  if (inOut && extensions(el, 'zeebe:IoMapping').length + extensions(el, 'camunda:InputOutput').length > 0) {
    diag.error(id, `${describe(el)} has both camunda:in/out and input/output mappings; keep one of them`);
  }
  if (!calledElement || diag.errors.length > before) return undefined;
  return { type: 'callActivity', ...baseNode(el, graph), calledElement, ...(inOut ? { io: inOut } : {}) };
}

function zeebeCalledElement(el: BpmnElement, definition: BpmnElement, diag: Diagnostics): IrCalledElement | undefined {
  if (stringProp(definition, 'processIdExpression')?.trim()) {
    diag.error(
      idOf(el),
      `${describe(el)} computes the called SOP with an expression (processIdExpression); name the SOP key in processId so it can be checked at deploy`,
    );
    return undefined;
  }
  const processId = checkKey(el, stringProp(definition, 'processId')?.trim(), 'zeebe:calledElement processId', diag);
  // bindingType and versionTag arrived in Camunda 8.6, after the zeebe moddle Alur reads with.
  const attrs = (definition.$attrs ?? {}) as Record<string, string>;
  const bindingType = (stringProp(definition, 'bindingType') ?? attrs.bindingType)?.trim() || 'latest';
  const binding = checkBinding(el, bindingType, 'bindingType', diag);
  if (!processId || !binding) return undefined;
  // Camunda 8: with output mappings, only what they map comes back.
  const outputs = extensions(el, 'zeebe:IoMapping').some((io) => Array.isArray(io.outputParameters) && io.outputParameters.length > 0);
  return {
    processId,
    binding,
    propagateAllParentVariables: definition.propagateAllParentVariables !== false,
    propagateAllChildVariables: definition.propagateAllChildVariables !== false && !outputs,
  };
}

function camundaCalledElement(el: BpmnElement, key: string | undefined, diag: Diagnostics): IrCalledElement | undefined {
  const processId = checkKey(el, key, 'calledElement', diag);
  const binding = checkBinding(el, stringProp(el, 'calledElementBinding')?.trim() || 'latest', 'camunda:calledElementBinding', diag);
  let version: number | undefined;
  if (binding === 'version') {
    const text = stringProp(el, 'calledElementVersion')?.trim() ?? '';
    version = /^[1-9]\d*$/.test(text) ? Number(text) : undefined;
    if (version === undefined) {
      diag.error(idOf(el), `${describe(el)} binds version "${text}" of the called SOP; camunda:calledElementVersion must be a version number (1, 2, ...)`);
    }
  }
  const bindings = camundaBindings(el, diag);
  if (!processId || !binding || !bindings || (binding === 'version' && version === undefined)) return undefined;
  return {
    processId,
    binding,
    ...(version === undefined ? {} : { version }),
    // Camunda 7 passes nothing unless told: camunda:in/out variables="all".
    propagateAllParentVariables: bindings.allIn,
    propagateAllChildVariables: bindings.allOut,
  };
}

function checkKey(el: BpmnElement, key: string | undefined, attribute: string, diag: Diagnostics): string | undefined {
  if (!key) {
    diag.error(idOf(el), `${describe(el)} calls no SOP; set ${attribute} to the key (process id) of a deployed SOP`);
    return undefined;
  }
  if (DYNAMIC.test(key)) {
    diag.error(idOf(el), `${describe(el)} computes the called SOP with the expression "${key}"; name the SOP key itself so it can be checked at deploy`);
    return undefined;
  }
  return key;
}

function checkBinding(el: BpmnElement, binding: string, attribute: string, diag: Diagnostics): IrCalledElementBinding | undefined {
  if ((BINDINGS as readonly string[]).includes(binding)) return binding as IrCalledElementBinding;
  const hint =
    binding === 'versionTag'
      ? 'Alur SOP versions carry no version tags; bind a version number instead (camunda:calledElementBinding="version" with camunda:calledElementVersion)'
      : `use ${BINDINGS.join(', ')}`;
  diag.error(idOf(el), `${describe(el)} binds the called SOP by "${binding}" (${attribute}); ${hint}`);
  return undefined;
}

/** camunda:in / camunda:out: named variables (source → target) and `variables="all"`. */
function camundaBindings(el: BpmnElement, diag: Diagnostics): { allIn: boolean; allOut: boolean } | undefined {
  const before = diag.errors.length;
  let allIn = false;
  let allOut = false;
  for (const [type, direction] of [
    ['camunda:In', 'in'],
    ['camunda:Out', 'out'],
  ] as const) {
    for (const b of extensions(el, type)) {
      if (stringProp(b, 'variables')?.trim() === 'all') {
        if (direction === 'in') allIn = true;
        else allOut = true;
        continue;
      }
      if (stringProp(b, 'businessKey') !== undefined) continue; // the child case gets a tracking code of its own
      if (stringProp(b, 'sourceExpression')?.trim()) {
        diag.error(
          idOf(el),
          `${describe(el)} has camunda:${direction} with sourceExpression "${stringProp(b, 'sourceExpression')}" (JUEL); use source with a variable name, or zeebe:ioMapping with FEEL`,
        );
        continue;
      }
      const source = stringProp(b, 'source')?.trim() ?? '';
      const target = stringProp(b, 'target')?.trim() || source;
      if (!isVariableName(source) || !isVariableName(target)) {
        diag.error(idOf(el), `${describe(el)} has camunda:${direction} source "${source}" target "${target}"; both must be ${VARIABLE_NAME_RULE}`);
      }
    }
  }
  return diag.errors.length > before ? undefined : { allIn, allOut };
}

/** camunda:in / camunda:out source → target pairs as input/output mappings (undefined without any). */
function camundaInOutMapping(el: BpmnElement): IrIoMapping | undefined {
  const pairs = (type: string) =>
    extensions(el, type)
      .filter((b) => stringProp(b, 'source')?.trim())
      .map((b) => ({ target: stringProp(b, 'target')?.trim() || stringProp(b, 'source')!.trim(), source: stringProp(b, 'source')!.trim() }));
  const io = { inputs: pairs('camunda:In'), outputs: pairs('camunda:Out') };
  return io.inputs.length + io.outputs.length > 0 ? io : undefined;
}
