// Script tasks: a FEEL expression whose value goes into a case variable.
// Camunda 8 writes `zeebe:script expression="=..." resultVariable="x"`;
// Camunda 7 writes scriptFormat="feel", a bpmn:script body and
// camunda:resultVariable. Other script languages are not run.
import { feelSyntaxError, stripFeelPrefix } from '../../feel';
import type { IrScriptTask } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, extensions, idOf, stringProp, type BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';
import { isVariableName, VARIABLE_NAME_RULE } from './variable-name';

interface Script {
  expression?: string;
  resultVariable?: string;
}

export function compileScriptTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrScriptTask | undefined {
  const id = idOf(el);
  const before = diag.errors.length;
  checkActivityMarkers(el, diag);
  const script = readScript(el, diag);

  let expression: string | undefined;
  if (script && script.expression === undefined) {
    diag.error(id, `${describe(el)} has no expression; write the FEEL expression whose value it stores, e.g. =jumlahBerkas * 5000`);
  } else if (script?.expression !== undefined) {
    const syntaxError = feelSyntaxError(script.expression);
    if (syntaxError) diag.error(id, `The expression "${script.expression}" of ${lowerFirst(describe(el))} is not valid FEEL: ${syntaxError}`);
    else expression = stripFeelPrefix(script.expression);
  }

  const resultVariable = script?.resultVariable;
  if (script && resultVariable === undefined) {
    diag.error(id, `${describe(el)} has no result variable; name the case variable that receives the value`);
  } else if (resultVariable !== undefined && !isVariableName(resultVariable)) {
    diag.error(id, `${describe(el)} has result variable "${resultVariable}"; it must be ${VARIABLE_NAME_RULE}`);
  }

  if (diag.errors.length > before || expression === undefined || resultVariable === undefined) return undefined;
  return { type: 'scriptTask', ...baseNode(el, graph), expression, resultVariable };
}

/** The script's expression and result variable (trimmed, blank → undefined), or undefined when it is not a FEEL script (reported). */
function readScript(el: BpmnElement, diag: Diagnostics): Script | undefined {
  const id = idOf(el);
  const zeebeScripts = extensions(el, 'zeebe:Script');
  const format = trimmed(stringProp(el, 'scriptFormat'));
  const body = trimmed(stringProp(el, 'script'));

  if (zeebeScripts.length > 1) {
    diag.error(id, `${describe(el)} has more than one zeebe:script`);
    return undefined;
  }
  const zeebe = zeebeScripts[0];
  if (zeebe) {
    if (format !== undefined || body !== undefined) diag.warn(id, `${describe(el)} has both a zeebe:script and a bpmn:script; the bpmn:script is ignored`);
    return { expression: trimmed(stringProp(zeebe, 'expression')), resultVariable: trimmed(stringProp(zeebe, 'resultVariable')) };
  }

  if (format === undefined && body === undefined) {
    const jobWorker = extensions(el, 'zeebe:TaskDefinition').length > 0 ? ' (job workers, zeebe:taskDefinition, are not supported)' : '';
    diag.error(id, `${describe(el)} has no script${jobWorker}; give it a FEEL expression and a result variable (zeebe:script)`);
    return undefined;
  }
  if (format === undefined) {
    diag.error(id, `${describe(el)} has a script without a script format; only FEEL expressions are supported, so set scriptFormat="feel"`);
    return undefined;
  }
  if (format.toLowerCase() !== 'feel') {
    diag.error(id, `${describe(el)} is written in "${format}"; only FEEL expressions are supported (zeebe:script, or scriptFormat="feel")`);
    return undefined;
  }
  const resource = trimmed(stringProp(el, 'resource'));
  if (resource !== undefined) {
    diag.error(id, `${describe(el)} loads its script from "${resource}" (camunda:resource); write the FEEL expression in the task itself`);
    return undefined;
  }
  return { expression: body, resultVariable: trimmed(stringProp(el, 'resultVariable')) };
}

function trimmed(text: string | undefined): string | undefined {
  return text?.trim() || undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
