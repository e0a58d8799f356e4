// Service tasks: a built-in task type (zeebe:taskDefinition) with headers, or
// a job for external job workers (any other type; Camunda 7 external tasks:
// camunda:type="external" camunda:topic, the topic being the job type).
import { BUILT_IN_TASK_TYPES, HTTP_JSON_CONNECTOR, type IrServiceTask } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, elementsProp, extensions, idOf, stringProp, type BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';
import { checkWebhookHeaders } from './webhook';
import { checkHttpJsonConnector } from './http-json-connector';

const DEFAULT_RETRIES = 3;
const CAMUNDA_7_IMPLEMENTATIONS = ['class', 'expression', 'delegateExpression', 'topic'];
const JUEL = /[$#]\{/;

/** The topic of a Camunda 7 external task (camunda:type="external"), checked; undefined when the element is none. */
export function camunda7Topic(el: BpmnElement, diag: Diagnostics): string | undefined {
  if (stringProp(el, 'type')?.trim() !== 'external') return undefined;
  const topic = stringProp(el, 'topic')?.trim() ?? '';
  if (!topic) {
    diag.error(idOf(el), `${describe(el)} is a Camunda 7 external task without a camunda:topic; set the topic its workers fetch`);
    return '';
  }
  if (JUEL.test(topic)) {
    diag.error(idOf(el), `${describe(el)} computes its external task topic with an expression ("${topic}"); use a fixed topic`);
    return '';
  }
  return topic;
}

export function compileServiceTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrServiceTask | undefined {
  const id = idOf(el);
  const before = diag.errors.length;
  checkActivityMarkers(el, diag);

  const definitions = extensions(el, 'zeebe:TaskDefinition');
  if (definitions.length > 1) diag.error(id, `${describe(el)} has more than one zeebe:taskDefinition`);
  const definition = definitions[0];
  const topic = definition ? undefined : camunda7Topic(el, diag);
  const taskType = topic ?? (definition && stringProp(definition, 'type'))?.trim() ?? '';
  const builtIn: readonly string[] = BUILT_IN_TASK_TYPES;
  if (topic === '') {
    // reported by camunda7Topic
  } else if (!taskType) {
    const camunda7 = CAMUNDA_7_IMPLEMENTATIONS.find((p) => stringProp(el, p)?.trim());
    diag.error(
      id,
      camunda7
        ? `${describe(el)} has a Camunda 7 Java class or expression (camunda:${camunda7}="${stringProp(el, camunda7)?.trim()}"), which Alur cannot run; make it an external task (camunda:type="external" camunda:topic) or give it a zeebe:taskDefinition type (a job type for job workers, or one of: ${builtIn.join(', ')})`
        : `${describe(el)} has no zeebe:taskDefinition type; set its type: a job type for job workers, or one of the built-in types: ${builtIn.join(', ')}`,
    );
  } else if (taskType.startsWith('=')) {
    diag.error(id, `${describe(el)} computes its task type with a FEEL expression ("${taskType}"); use a fixed type`);
  }

  const retries = parseRetries(definition && stringProp(definition, 'retries'));
  if (retries === undefined) {
    diag.error(id, `${describe(el)} has retries "${definition && stringProp(definition, 'retries')}"; retries must be a whole number of at least 1`);
  }

  const headers = readHeaders(el, diag);
  const checkedHeaders = taskType === 'webhook' ? checkWebhookHeaders(el, headers, diag) : headers;

  const base = baseNode(el, graph);
  const headersOut = taskType === HTTP_JSON_CONNECTOR ? checkHttpJsonConnector(el, headers, diag) : checkedHeaders;
  if (diag.errors.length > before || retries === undefined) return undefined;
  return { type: 'serviceTask', ...base, taskType, headers: headersOut, retries };
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
