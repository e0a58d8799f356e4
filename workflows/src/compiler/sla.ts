// SLAs declared in the diagram: alur:sla on a task or on the process ("3 hari
// kerja", "2 jam kerja", ISO-8601 "P3D", or "=FEEL" giving one of those), and
// alur:slaPaused="true" on a task whose clock stops while it waits for the
// citizen. zeebe:taskSchedule dueDate and interrupting timer boundary events
// need nothing here: the interpreter reads them from the IR they compile to.
import { parseSla } from '../calendar';
import { feelSyntaxError } from '../feel';
import type { IrNode } from '../ir';
import { BPMN_ELEMENTS } from '../ir/elements';
import type { Diagnostics } from './diagnostics';
import { describe, idOf, stringProp, type BpmnElement } from './model';

/** A plain-English message when `value` is not a usable SLA (phrase, ISO-8601 duration or `=FEEL`), else undefined. */
export function slaValueError(value: string): string | undefined {
  const text = value.trim();
  if (text.startsWith('=')) {
    const error = feelSyntaxError(text);
    return error && `the expression "${text}" is not valid FEEL: ${error}`;
  }
  const parsed = parseSla(text);
  return 'error' in parsed ? parsed.error : undefined;
}

/** Adds `sla` / `slaPaused` to an activity's IR node from its alur attributes. */
export function withSla<T extends IrNode>(node: T, el: BpmnElement, diag: Diagnostics): T {
  const sla = stringProp(el, 'sla')?.trim();
  const paused = el.slaPaused === true;
  if (!sla && !paused) return node;
  const element = BPMN_ELEMENTS[node.type];
  // Only tasks that wait (for a person, a call, a sub-case) give a deadline meaning.
  if (element.kind === 'task' && element.instant) {
    diag.warn(idOf(el), `${describe(el)} has an SLA (alur:sla / alur:slaPaused), but it completes as soon as it is reached; the SLA is ignored`);
    return node;
  }
  if (sla) {
    const error = slaValueError(sla);
    if (error) {
      diag.error(idOf(el), `${describe(el)} has an invalid SLA (alur:sla): ${error}`);
      return node;
    }
  }
  return { ...node, ...(sla ? { sla } : {}), ...(paused ? { slaPaused: true } : {}) };
}

/** The case-level SLA (alur:sla on the process), checked; undefined when none or invalid (reported). */
export function processSla(process: BpmnElement, diag: Diagnostics): string | undefined {
  const sla = stringProp(process, 'sla')?.trim();
  if (!sla) return undefined;
  const error = slaValueError(sla);
  if (error) {
    diag.error(idOf(process), `${describe(process)} has an invalid case SLA (alur:sla): ${error}`);
    return undefined;
  }
  return sla;
}
