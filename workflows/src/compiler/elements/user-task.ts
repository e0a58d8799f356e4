import type { IrUserTask } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import type { BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';
import { candidateRoles } from './candidate-roles';

/** A user task: a step done by someone holding one of its candidate roles. */
export function compileUserTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrUserTask | undefined {
  const base = baseNode(el, graph);
  const markersOk = checkActivityMarkers(el, diag);
  const candidateRolesOf = candidateRoles(el, base.lane, diag);
  if (!markersOk || !candidateRolesOf) return undefined;
  return { type: 'userTask', ...base, candidateRoles: candidateRolesOf };
}
