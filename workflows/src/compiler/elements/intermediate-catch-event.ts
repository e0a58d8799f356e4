// Timer intermediate catch events: the case waits for a while, or until a date.
import { triggerOfDefinition } from '../../ir/elements';
import type { IrIntermediateCatchEvent } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { eventDefinitions, type BpmnElement } from '../model';
import { baseNode } from './base';
import { compileTimer } from './timer';
import { rejectUnsupported, supportedEventsHint } from './unsupported';

/** A timer intermediate catch event. Message, signal, ... catch events are rejected. */
export function compileIntermediateCatchEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrIntermediateCatchEvent | undefined {
  const definitions = eventDefinitions(el);
  const definition = definitions.length === 1 && triggerOfDefinition(definitions[0]!) === 'timer' ? definitions[0] : undefined;
  if (!definition) return rejectUnsupported(el, diag, supportedEventsHint('intermediateCatchEvent', 'intermediate catch events'));
  const timer = compileTimer(el, definition, diag);
  return timer && { type: 'intermediateCatchEvent', ...baseNode(el, graph), timer };
}
