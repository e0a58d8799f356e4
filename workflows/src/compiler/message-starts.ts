// Message start events of a process: any number besides the (at most one)
// none start event, each for a different message.
import { triggerOfDefinition } from '../ir/elements';
import type { Diagnostics } from './diagnostics';
import { describe, displayName, elementProp, eventDefinitions, idOf, stringProp, type BpmnElement } from './model';

/** The message start events among `startEvents`; two for the same message name are reported. */
export function messageStartEvents(startEvents: BpmnElement[], diag: Diagnostics): BpmnElement[] {
  const starts = startEvents.filter((n) => {
    const definitions = eventDefinitions(n);
    return definitions.length === 1 && triggerOfDefinition(definitions[0]!) === 'message';
  });
  const byName = new Map<string, BpmnElement>();
  for (const start of starts) {
    const message = elementProp(eventDefinitions(start)[0]!, 'messageRef');
    const name = message && stringProp(message, 'name')?.trim();
    if (!name) continue; // reported when the event compiled
    const other = byName.get(name);
    if (other)
      diag.error(idOf(start), `${describe(start)} and "${displayName(other)}" both start on message "${name}"; each message start event needs its own message`);
    else byName.set(name, start);
  }
  return starts;
}
