// Input/output mappings of an activity: Camunda 8's zeebe:ioMapping and
// Camunda 7's camunda:inputOutput, compiled to FEEL expressions or fixed
// values. Camunda 7's JUEL (${...}) is translated to FEEL when it has a plain
// equivalent (juel.ts); scripts other than FEEL are refused.
import { feelSyntaxError, stripFeelPrefix } from '../../feel';
import type { IrIoMapping, IrNodeType, IrVariableMapping } from '../../ir';
import { BPMN_ELEMENTS, triggerOfDefinition } from '../../ir/elements';
import type { Diagnostics } from '../diagnostics';
import { juelToFeel } from '../juel';
import { describe, elementProp, elementsProp, eventDefinitions, extensions, idOf, stringProp, type BpmnElement } from '../model';
import { signalDefinition } from './signal-events';

const PATH = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u;
const JUEL = /[$#]\{/;

type Direction = 'input' | 'output';

/**
 * The element's mappings, or undefined when it has none or they are wrong
 * (reported). `nodeType` is the type the element compiled to.
 */
export function compileIoMapping(el: BpmnElement, nodeType: IrNodeType, diag: Diagnostics): IrIoMapping | undefined {
  const zeebe = extensions(el, 'zeebe:IoMapping');
  const camunda = extensions(el, 'camunda:InputOutput');
  if (zeebe.length + camunda.length === 0) return undefined;
  const id = idOf(el);
  // Events take output mappings; a signal or message throw's inputs are what it sends (Camunda 8).
  const event = BPMN_ELEMENTS[nodeType].kind === 'event';
  if (!BPMN_ELEMENTS[nodeType].ioMapping && !event) {
    diag.error(id, `${describe(el)} has input/output mappings; they are not supported yet on this element, only on tasks, call activities and events`);
    return undefined;
  }
  if (zeebe.length + camunda.length > 1) {
    diag.error(id, `${describe(el)} has more than one input/output mapping (zeebe:ioMapping, camunda:inputOutput); merge them into one`);
    return undefined;
  }
  const before = diag.errors.length;
  const io: IrIoMapping = { inputs: [], outputs: [] };
  if (zeebe[0]) {
    for (const [direction, property] of [
      ['input', 'inputParameters'],
      ['output', 'outputParameters'],
    ] as const) {
      for (const p of elementsProp(zeebe[0], property)) {
        const mapping = zeebeMapping(el, direction, p, diag);
        if (mapping) (direction === 'input' ? io.inputs : io.outputs).push(mapping);
      }
    }
  } else if (camunda[0]) {
    if (stringProp(camunda[0], 'connectorId')) diag.error(id, `${describe(el)} uses a Camunda 7 connector; connectors are not supported`);
    for (const [direction, property] of [
      ['input', 'inputParameters'],
      ['output', 'outputParameters'],
    ] as const) {
      for (const p of elementsProp(camunda[0], property)) {
        const mapping = camundaMapping(el, direction, p, diag);
        if (mapping) (direction === 'input' ? io.inputs : io.outputs).push(mapping);
      }
    }
  }
  if (event) checkEventDirections(el, nodeType, io, diag);
  if (diag.errors.length > before) return undefined;
  return io.inputs.length + io.outputs.length > 0 ? io : undefined;
}

/**
 * Camunda 8's rules for events: output mappings on every event but error and
 * terminate end events (nothing comes after them); input mappings only where
 * the event sends something (a signal's or a message's variables).
 */
function checkEventDirections(el: BpmnElement, nodeType: IrNodeType, io: IrIoMapping, diag: Diagnostics): void {
  const trigger = eventDefinitions(el).length === 1 ? triggerOfDefinition(eventDefinitions(el)[0]!) : undefined;
  const sends = signalDefinition(el) !== undefined || (trigger === 'message' && (nodeType === 'intermediateThrowEvent' || nodeType === 'endEvent'));
  if (io.inputs.length > 0 && !sends) {
    diag.error(
      idOf(el),
      `${describe(el)} has input mappings (to ${io.inputs.map((i) => `"${i.target}"`).join(', ')}); an event takes only output mappings, except a signal or message throw event, whose inputs are what it sends. Make them output mappings`,
    );
  }
  if (io.outputs.length > 0 && nodeType === 'endEvent' && (trigger === 'error' || trigger === 'terminate')) {
    diag.error(
      idOf(el),
      `${describe(el)} has output mappings; nothing in the case comes after ${trigger === 'error' ? 'an error' : 'a terminate'} end event to read them, so remove them (set the variables in a step before it)`,
    );
  }
}

/** zeebe:input / zeebe:output: `source="=expr"` (FEEL) or static text, `target` a variable name or path. */
function zeebeMapping(el: BpmnElement, direction: Direction, p: BpmnElement, diag: Diagnostics): IrVariableMapping | undefined {
  const target = stringProp(p, 'target')?.trim() ?? '';
  const source = stringProp(p, 'source')?.trim() ?? '';
  if (!checkTarget(el, direction, target, diag)) return undefined;
  if (source === '') {
    diag.error(idOf(el), `The ${direction} mapping to "${target}" of ${lower(describe(el))} has no source; write a FEEL expression such as =pemohon.nama`);
    return undefined;
  }
  if (!source.startsWith('=')) return { target, value: source };
  return feelMapping(el, direction, target, source, diag);
}

/** camunda:inputParameter / camunda:outputParameter: text, `=FEEL`, a FEEL script, a list or a map. */
function camundaMapping(el: BpmnElement, direction: Direction, p: BpmnElement, diag: Diagnostics): IrVariableMapping | undefined {
  const target = stringProp(p, 'name')?.trim() ?? '';
  if (!checkTarget(el, direction, target, diag)) return undefined;
  const definition = elementProp(p, 'definition');
  const text = stringProp(p, 'value');
  if (definition?.$type === 'camunda:Script') {
    const format = stringProp(definition, 'scriptFormat')?.trim().toLowerCase();
    const body = stringProp(definition, 'value')?.trim() ?? '';
    if (format !== 'feel' || stringProp(definition, 'resource')) {
      diag.error(
        idOf(el),
        `The ${direction} parameter "${target}" of ${lower(describe(el))} is a ${format ?? 'script'} script; only FEEL is supported (scriptFormat="feel", or write =expression as its value)`,
      );
      return undefined;
    }
    return feelMapping(el, direction, target, body, diag);
  }
  if (definition) {
    const value = fixedValue(definition);
    if (value.juel) {
      diag.error(
        idOf(el),
        `The ${direction} parameter "${target}" of ${lower(describe(el))} holds a Camunda 7 expression (${value.juel}); JUEL is not supported, write FEEL such as =pemohon.nama`,
      );
      return undefined;
    }
    return { target, value: value.value };
  }
  const trimmed = text?.trim() ?? '';
  if (JUEL.test(trimmed)) {
    // A Camunda 7 expression: translated when it has a plain FEEL equivalent (juel.ts).
    const feel = juelToFeel(diag, el, `${direction} parameter "${target}"`, trimmed, '=pemohon.nama');
    return feel === undefined ? undefined : feelMapping(el, direction, target, feel, diag);
  }
  if (trimmed.startsWith('=')) return feelMapping(el, direction, target, trimmed, diag);
  // Camunda 7: a parameter without a value is null; otherwise its text, as written.
  return { target, value: text === undefined || trimmed === '' ? null : text };
}

function feelMapping(el: BpmnElement, direction: Direction, target: string, source: string, diag: Diagnostics): IrVariableMapping | undefined {
  const syntax = feelSyntaxError(source);
  if (syntax) {
    diag.error(
      idOf(el),
      `The ${direction} mapping to "${target}" of ${lower(describe(el))} has the expression "${source}", which is not valid FEEL: ${syntax}`,
    );
    return undefined;
  }
  return { target, source: stripFeelPrefix(source) };
}

function checkTarget(el: BpmnElement, direction: Direction, target: string, diag: Diagnostics): boolean {
  if (PATH.test(target)) return true;
  diag.error(
    idOf(el),
    target
      ? `The ${direction} mapping target "${target}" of ${lower(describe(el))} is not a variable name or a dotted path of names (letters, digits and _)`
      : `An ${direction} mapping of ${lower(describe(el))} has no target variable`,
  );
  return false;
}

/** camunda:list / camunda:map as a JSON value; `juel` names the first JUEL expression found. */
function fixedValue(definition: BpmnElement): { value: unknown; juel?: string } {
  let juel: string | undefined;
  const walk = (d: BpmnElement | undefined, text: string | undefined): unknown => {
    if (!d) {
      if (text !== undefined && JUEL.test(text)) juel ??= text.trim();
      return text ?? null;
    }
    if (d.$type === 'camunda:List')
      return elementsProp(d, 'items').map((item) => walk(item.$type === 'camunda:Value' ? undefined : item, stringProp(item, 'value')));
    if (d.$type === 'camunda:Map') {
      return Object.fromEntries(
        elementsProp(d, 'entries').map((e) => [stringProp(e, 'key') ?? '', walk(elementProp(e, 'definition'), stringProp(e, 'value'))]),
      );
    }
    if (d.$type === 'camunda:Script') juel ??= `a ${stringProp(d, 'scriptFormat') ?? ''} script`;
    return stringProp(d, 'value') ?? null;
  };
  const value = walk(definition, undefined);
  return juel ? { value, juel } : { value };
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
