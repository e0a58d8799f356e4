import type { IrReceiveTask } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import type { BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';
import { compileMessageSubscription } from './message';

/** A receive task waits for its message (bpmn:receiveTask messageRef), like a message catch event that can carry boundary events. */
export function compileReceiveTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrReceiveTask | undefined {
  const markersOk = checkActivityMarkers(el, diag);
  const message = compileMessageSubscription(el, el, diag);
  if (!markersOk || !message) return undefined;
  return { type: 'receiveTask', ...baseNode(el, graph), message };
}
