import type { IrManualTask } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import type { BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';

/** A manual task: work done outside the system (at the counter, on paper); the case records it and moves on. */
export function compileManualTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrManualTask | undefined {
  if (!checkActivityMarkers(el, diag)) return undefined;
  return { type: 'manualTask', ...baseNode(el, graph) };
}

/**
 * A task without a type (bpmn:task): passes through, recorded in the case
 * history, as in Camunda 8. It runs as a manual task; `untyped` keeps what it was.
 */
export function compileUntypedTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrManualTask | undefined {
  if (!checkActivityMarkers(el, diag)) return undefined;
  return { type: 'manualTask', ...baseNode(el, graph), untyped: true };
}
