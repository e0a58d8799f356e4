import type { IrSubProcess } from '../../ir';
import type { Scope } from '../scope';
import type { FireBoundary } from './boundary-event';

/**
 * Runs an embedded sub-process: a scope of its own from its start event until
 * no token is left inside. It sees the case's variables. An error nothing
 * inside catches fails the body (its error boundary events take it); an
 * escalation fires its escalation boundary events through `fire`.
 */
export async function subProcess(parent: Scope, node: IrSubProcess, fire: FireBoundary): Promise<undefined> {
  await parent.child(node, fire).run(node.startEventId);
  return undefined;
}
