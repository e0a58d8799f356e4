// Message boundary events: a message that interrupts the task it is attached
// to, or (non-interrupting) starts a new path at every message while the task
// goes on. The subscription opens when the task starts.
import type { BoundaryTrigger } from './boundary-event';
import { compileMessageSubscription } from './message';

export const MESSAGE_BOUNDARY_TRIGGER: BoundaryTrigger = {
  kind: 'message',
  hostsText: 'user, service, send and receive tasks and sub-processes',
  compile: (el, definition, diag) => {
    const message = compileMessageSubscription(el, definition, diag);
    return message && { message };
  },
};
