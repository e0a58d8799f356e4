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
