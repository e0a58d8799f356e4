// The message of a message event, receive task or send task: bpmn:message
// name (fixed, or `=FEEL` in Camunda 8) and zeebe:subscription correlationKey.
// See IrMessageSubscription for the correlation rule.
import { evaluateFeel, feelSyntaxError, stripFeelPrefix } from '../../feel';
import { HTTP_JSON_CONNECTOR, type IrMessageSubscription, type IrMessageThrow } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import { describe, elementProp, extensions, idOf, stringProp, type BpmnElement } from '../model';
import { compileServiceTask } from './service-task';
import type { ProcessGraph } from '../graph';

const JUEL = /[$#]\{/;

/** `owner` holds `messageRef`: the event definition of an event, or a receive/send task itself. */
function messageOf(el: BpmnElement, owner: BpmnElement, diag: Diagnostics): BpmnElement | undefined {
  const message = elementProp(owner, 'messageRef');
  if (!message) {
    // An unresolved messageRef was reported while parsing.
    if (!diag.hasErrorFor(idOf(el))) diag.error(idOf(el), `${describe(el)} has no message; choose or create one (bpmn:message with a name) in its properties`);
    return undefined;
  }
  return message;
}

/** The message's name, checked: fixed, or `=FEEL` with valid syntax (kept with its `=`). */
function messageName(el: BpmnElement, message: BpmnElement, diag: Diagnostics): string | undefined {
  const id = idOf(el);
  const name = stringProp(message, 'name')?.trim();
  if (!name || name === '=') {
    diag.error(id, `${describe(el)} uses message "${idOf(message) ?? ''}", which has no name; the name is what a published message must carry`);
    return undefined;
  }
  if (JUEL.test(name)) {
    diag.error(id, `${describe(el)} computes its message name with a Camunda 7 expression ("${name}"); use a fixed name or FEEL such as ="dokumen-" + jenis`);
    return undefined;
  }
  if (name.startsWith('=')) {
    const error = feelSyntaxError(name);
    if (error) {
      diag.error(id, `${describe(el)} has the message name "${name}", which is not valid FEEL: ${error}`);
      return undefined;
    }
  }
  return name;
}

/**
 * What a catching element waits for. `start`: a message start event, whose
 * name must be known at deploy (a FEEL name is evaluated now, without
 * variables) and which has no correlation key of its own.
 */
export function compileMessageSubscription(
  el: BpmnElement,
  owner: BpmnElement,
  diag: Diagnostics,
  opts: { start?: boolean } = {},
): IrMessageSubscription | undefined {
  const id = idOf(el);
  const message = messageOf(el, owner, diag);
  if (!message) return undefined;
  let name = messageName(el, message, diag);
  if (name === undefined) return undefined;

  const subscriptions = extensions(message, 'zeebe:Subscription');
  const rawKey = subscriptions.map((s) => stringProp(s, 'correlationKey')?.trim()).find(Boolean);
  if (opts.start) {
    if (name.startsWith('=')) {
      let value: unknown;
      try {
        value = evaluateFeel(name, {});
      } catch (err) {
        value = (err as Error).message;
      }
      if (typeof value !== 'string' || !value.trim()) {
        diag.error(id, `${describe(el)} computes its message name with "${name}"; a message start event needs a name known at deploy, e.g. pengaduan-lapor`);
        return undefined;
      }
      name = value.trim();
    }
    if (rawKey)
      diag.warn(
        id,
        `${describe(el)} starts a case; the correlation key of message "${name}" is not used there (the publisher's key decides which case it starts)`,
      );
    return { name };
  }
  if (!rawKey) return { name };
  if (JUEL.test(rawKey)) {
    diag.error(id, `${describe(el)} computes its correlation key with a Camunda 7 expression ("${rawKey}"); write FEEL such as =nomorLaporan`);
    return undefined;
  }
  if (!rawKey.startsWith('=')) return { name, correlationKey: JSON.stringify(rawKey) };
  const error = feelSyntaxError(rawKey);
  if (error) {
    diag.error(id, `${describe(el)} has the correlation key "${rawKey}", which is not valid FEEL: ${error}`);
    return undefined;
  }
  return { name, correlationKey: stripFeelPrefix(rawKey) };
}

/**
 * How a throwing element (send task, message throw or end event) sends: its
 * zeebe:taskDefinition and headers, checked as a service task's are. The
 * message name, when it refers to one, goes along.
 */
export function compileMessageThrow(el: BpmnElement, owner: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrMessageThrow | undefined {
  const before = diag.errors.length;
  if (extensions(el, 'zeebe:TaskDefinition').length === 0 && stringProp(el, 'type')?.trim() !== 'external') {
    const camunda7 = ['class', 'expression', 'delegateExpression', 'topic'].some((p) => stringProp(el, p)?.trim());
    diag.error(
      idOf(el),
      `${describe(el)} has no service to send its message with${camunda7 ? ' (Camunda 7 Java classes and expressions are not supported; external tasks are)' : ''}; give it zeebe:taskDefinition type="webhook" and a "url" task header, or a job type for job workers`,
    );
    return undefined;
  }
  const message = elementProp(owner, 'messageRef');
  const name = message ? messageName(el, message, diag) : undefined;
  const job = compileServiceTask(el, graph, diag);
  if (job?.taskType === HTTP_JSON_CONNECTOR) {
    diag.error(idOf(el), `${describe(el)} sends with the REST connector (${HTTP_JSON_CONNECTOR}); use it on a service task, or send with type="webhook"`);
    return undefined;
  }
  if (diag.errors.length > before || !job) return undefined;
  return {
    ...(name === undefined ? {} : { messageName: name }),
    taskType: job.taskType,
    headers: job.headers,
    retries: job.retries,
  };
}
