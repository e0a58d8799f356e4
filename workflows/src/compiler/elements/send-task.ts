import type { IrSendTask } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import type { BpmnElement } from '../model';
import { baseNode } from './base';
import { compileMessageThrow } from './message';

/** A send task sends through a service, as in Camunda 8: zeebe:taskDefinition (type webhook) and task headers, like a service task. */
export function compileSendTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrSendTask | undefined {
  const send = compileMessageThrow(el, el, graph, diag);
  return send && { type: 'sendTask', ...baseNode(el, graph), send };
}
