// The codes of error and escalation events: bpmn:errorEventDefinition errorRef
// → bpmn:error errorCode, bpmn:escalationEventDefinition escalationRef →
// bpmn:escalation escalationCode. A throw event must name a fixed code; a catch
// event without one (no reference, or a reference without a code) catches
// every error or escalation, as in Camunda 8.
import type { IrCatchCode, IrThrowCode } from '../../ir';
import { triggerOfDefinition } from '../../ir/elements';
import type { Diagnostics } from '../diagnostics';
import { describe, displayName, elementProp, idOf, stringProp, type BpmnElement } from '../model';

export type ThrowKind = 'error' | 'escalation';

const KINDS: Record<ThrowKind, { ref: string; code: string; element: string }> = {
  error: { ref: 'errorRef', code: 'errorCode', element: 'bpmn:error' },
  escalation: { ref: 'escalationRef', code: 'escalationCode', element: 'bpmn:escalation' },
};

/** The throw kind of an event definition (an error or escalation one), by the catalogue's triggers. */
export function throwKindOf(definition: BpmnElement): ThrowKind | undefined {
  const trigger = triggerOfDefinition(definition);
  return trigger === 'error' || trigger === 'escalation' ? trigger : undefined;
}

/** The code an error or escalation throw event throws; reported when missing or computed. */
export function throwCode(event: BpmnElement, definition: BpmnElement, kind: ThrowKind, diag: Diagnostics): IrThrowCode | undefined {
  const { ref, code, element } = KINDS[kind];
  const referenced = elementProp(definition, ref);
  if (!referenced) {
    // An unresolved reference was reported while parsing.
    if (!diag.hasErrorFor(idOf(event))) {
      diag.error(idOf(event), `${describe(event)} names no ${kind}; reference a ${element} with an ${kind} code (${ref})`);
    }
    return undefined;
  }
  const value = fixedCode(event, referenced, kind, diag);
  if (value === null) return undefined;
  if (value === undefined) {
    diag.error(idOf(event), `${describe(event)} throws ${kind} "${displayName(referenced)}", which has no ${kind} code (${code}); give it one`);
    return undefined;
  }
  return { code: value };
}

/** What an error or escalation catch event catches: a code, or everything (`{}`). */
export function catchCode(event: BpmnElement, definition: BpmnElement, kind: ThrowKind, diag: Diagnostics): IrCatchCode | undefined {
  const referenced = elementProp(definition, KINDS[kind].ref);
  if (!referenced) return {};
  const value = fixedCode(event, referenced, kind, diag);
  if (value === null) return undefined;
  return value === undefined ? {} : { code: value };
}

/** The trimmed code; undefined when blank; null when it is a FEEL expression (reported). */
function fixedCode(event: BpmnElement, referenced: BpmnElement, kind: ThrowKind, diag: Diagnostics): string | undefined | null {
  const value = stringProp(referenced, KINDS[kind].code)?.trim() || undefined;
  if (value?.startsWith('=')) {
    diag.error(
      idOf(event),
      `${describe(event)} uses ${kind} "${displayName(referenced)}", whose code "${value}" is a FEEL expression; only a fixed code is supported`,
    );
    return null;
  }
  return value;
}
