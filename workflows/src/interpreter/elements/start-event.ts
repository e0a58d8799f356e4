import type { IrStartEvent } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import { passEvent } from '../event-mappings';

/** A message start event records the message that started the case (its variables are the case's first ones). */
export function startEvent(rt: CaseRuntime, node: IrStartEvent): string[] {
  const start = rt.input.startMessage;
  if (node.message && start?.elementId === node.id) rt.messages.recordStartMessage(node, start);
  passEvent(rt, node);
  return node.outgoing;
}
