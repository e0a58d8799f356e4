// Service tasks: a built-in task type (zeebe:taskDefinition) with headers.
import { BUILT_IN_TASK_TYPES, type IrServiceTask } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, elementsProp, extensions, idOf, stringProp, type BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';
import { checkWebhookHeaders } from './webhook';

const DEFAULT_RETRIES = 3;
const CAMUNDA_7_IMPLEMENTATIONS = ['class', 'expression', 'delegateExpression', 'topic'];

export function compileServiceTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrServiceTask | undefined {
  const id = idOf(el);
  const before = diag.errors.length;
  checkActivityMarkers(el, diag);

  const definitions = extensions(el, 'zeebe:TaskDefinition');
  if (definitions.length > 1) diag.error(id, `${describe(el)} has more than one zeebe:taskDefinition`);
  const definition = definitions[0];
  const taskType = (definition && stringProp(definition, 'type'))?.trim() ?? '';
  const supported: readonly string[] = BUILT_IN_TASK_TYPES;
  if (!taskType) {
    const camunda7 = CAMUNDA_7_IMPLEMENTATIONS.some((p) => stringProp(el, p)?.trim());
    diag.error(
      id,
      `${describe(el)} has no zeebe:taskDefinition type${camunda7 ? ' (Camunda 7 implementations are not supported)' : ''}; set its type to one of: ${supported.join(', ')}`,
    );
  } else if (taskType.startsWith('=')) {
    diag.error(id, `${describe(el)} computes its task type with a FEEL expression ("${taskType}"); use a fixed type, one of: ${supported.join(', ')}`);
  } else if (!supported.includes(taskType)) {
    diag.error(id, `${describe(el)} has task type "${taskType}", which Alur does not know; supported types: ${supported.join(', ')}`);
  }

  const retries = parseRetries(definition && stringProp(definition, 'retries'));
  if (retries === undefined) {
    diag.error(id, `${describe(el)} has retries "${definition && stringProp(definition, 'retries')}"; retries must be a whole number of at least 1`);
  }

  const headers = readHeaders(el, diag);
  const checkedHeaders = taskType === 'webhook' ? checkWebhookHeaders(el, headers, diag) : headers;

  if (diag.errors.length > before || retries === undefined) return undefined;
  return { type: 'serviceTask', ...baseNode(el, graph), taskType, headers: checkedHeaders, retries };
}

/** Absent or blank → the default; otherwise a positive whole number, else undefined. */
function parseRetries(raw: string | undefined): number | undefined {
  const text = raw?.trim();
  if (!text) return DEFAULT_RETRIES;
  if (!/^\d+$/.test(text)) return undefined;
  const retries = Number(text);
  return Number.isSafeInteger(retries) && retries >= 1 ? retries : undefined;
}

/** zeebe:taskHeaders as key → value; blank or repeated keys are reported. */
function readHeaders(el: BpmnElement, diag: Diagnostics): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of extensions(el, 'zeebe:TaskHeaders').flatMap((h) => elementsProp(h, 'values'))) {
    const key = stringProp(header, 'key')?.trim() ?? '';
    const value = stringProp(header, 'value') ?? '';
    if (!key) {
      diag.error(idOf(el), `${describe(el)} has a task header without a key (value "${value}")`);
    } else if (Object.hasOwn(headers, key)) {
      diag.error(idOf(el), `${describe(el)} has the task header "${key}" more than once`);
    } else {
      headers[key] = value;
    }
  }
  return headers;
}
