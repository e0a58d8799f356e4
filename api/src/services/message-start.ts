// A plain start (POST /api/sops/:key/instances) of an SOP that starts only by
// message or signal is refused here, at the API. Which SOPs a message or a
// signal starts is the case core's (cases/src/messages.ts, signals.ts).
import type { SopIR } from '@alur/workflows';
import { HttpError } from './http-error';

/** A plain start needs a none start event. */
export function assertStartsWithoutMessage(ir: SopIR): void {
  const start = ir.nodes[ir.startEventId];
  if (start?.type === 'startEvent' && start.message) {
    throw new HttpError(409, `SOP "${ir.key}" starts only by message "${start.message.name}"; publish it with POST /api/messages`);
  }
  if (start?.type === 'startEvent' && start.signal) {
    throw new HttpError(409, `SOP "${ir.key}" starts only by signal "${start.signal.name}"; broadcast it with POST /api/signals`);
  }
}
