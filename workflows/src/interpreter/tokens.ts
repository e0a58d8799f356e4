// Moves tokens through the diagram. A token runs one node at a time; a node
// with several outgoing flows forks new tokens; a node that returns no flow
// ends its token (an end event, or a join still waiting for its siblings).
import type { IrNode } from '../ir';
import type { CaseRuntime } from './case-runtime';
import { runActivityWithBoundaries } from './elements/boundary-event';
import { endEvent } from './elements/end-event';
import { exclusiveGateway } from './elements/exclusive-gateway';
import { intermediateCatchEvent } from './elements/intermediate-catch-event';
import { manualTask } from './elements/manual-task';
import { parallelGateway } from './elements/parallel-gateway';
import { scriptTask } from './elements/script-task';
import { businessRuleTask } from './elements/business-rule-task';
import { serviceTask } from './elements/service-task';
import { startEvent } from './elements/start-event';
import { userTask } from './elements/user-task';
import { CaseIncident } from './errors';
import { inclusiveGateway } from './elements/inclusive-gateway';
import { intermediateThrowEvent } from './elements/intermediate-throw-event';
import { subProcess } from './elements/sub-process';
import { eventBasedGateway } from './elements/event-based-gateway';
import { messageThrowEvent, sendMessage } from './elements/message-throw';
import { receiveTask } from './elements/receive-task';
import { signalThrowEvent } from './elements/signal-throw';
import type { Scope } from './scope';
import { runMultiInstance, type MultiInstanceNode } from './multi-instance';
import { callActivity } from './elements/call-activity';

/** The scope a token runs in: where it ends up when it terminates, fails or throws. */
export type TokenHooks = Scope;

export function spawnToken(rt: CaseRuntime, nodeId: string, hooks: TokenHooks): void {
  rt.liveTokens++;
  const token = hooks.enter();
  hooks.paths
    .run(() => runToken(rt, nodeId, hooks, token))
    .catch((err) => hooks.fail(err))
    .finally(() => {
      hooks.leave(token);
      rt.liveTokens--;
    });
}

async function runToken(rt: CaseRuntime, firstNodeId: string, hooks: TokenHooks, token: number): Promise<void> {
  let nodeId: string | undefined = firstNodeId;
  while (nodeId !== undefined) {
    hooks.positions.set(token, nodeId);
    const node = rt.ir.nodes[nodeId];
    if (!node) throw new CaseIncident(nodeId, `Unknown flow node "${nodeId}"`);
    const flows = await executeNode(rt, node, hooks);
    const targets = flows.map((flowId) => rt.ir.flows[flowId]!.target);
    for (const target of targets.slice(1)) spawnToken(rt, target, hooks);
    nodeId = targets[0];
  }
}

/** Runs one node; returns the sequence flows the token leaves by. */
async function executeNode(rt: CaseRuntime, node: IrNode, hooks: TokenHooks): Promise<string[]> {
  const fork = (flowIds: string[]) => {
    for (const flowId of flowIds) spawnToken(rt, rt.ir.flows[flowId]!.target, hooks);
  };
  if (isMultiInstance(node)) return runActivityWithBoundaries(rt, node, (_step, boundary) => runMultiInstance(rt, node, { scope: hooks, fire: boundary }), fork);
  switch (node.type) {
    case 'startEvent':
      return startEvent(rt, node);
    case 'endEvent':
      if (node.signal) return signalThrowEvent(rt, node, node.signal);
      return node.send ? messageThrowEvent(rt, node, node.send) : endEvent(rt, node, hooks.terminate, hooks);
    case 'exclusiveGateway':
      return exclusiveGateway(rt, node);
    case 'parallelGateway':
      return parallelGateway(rt, node, hooks.joinArrivals);
    case 'inclusiveGateway':
      return inclusiveGateway(rt, node, hooks);
    case 'subProcess':
      return runActivityWithBoundaries(rt, node, (_step, boundary) => subProcess(hooks, node, boundary), fork);
    case 'callActivity':
      return runActivityWithBoundaries(rt, node, (step, boundary) => callActivity(rt, node, step, { scope: hooks, fire: boundary }), fork);
    case 'intermediateThrowEvent':
      if (node.signal) return signalThrowEvent(rt, node, node.signal);
      return node.send ? messageThrowEvent(rt, node, node.send) : intermediateThrowEvent(rt, node, hooks);
    case 'eventSubProcess':
      throw new CaseIncident(node.id, `Event sub-process "${node.id}" cannot be reached by a sequence flow`);
    case 'userTask':
      return runActivityWithBoundaries(rt, node, (step) => userTask(rt, node, step), fork);
    case 'serviceTask':
      return runActivityWithBoundaries(rt, node, (step) => serviceTask(rt, node, step), fork);
    case 'manualTask':
      return manualTask(rt, node);
    case 'scriptTask':
      return scriptTask(rt, node);
    case 'businessRuleTask':
      return businessRuleTask(rt, node);
    case 'intermediateCatchEvent':
      return intermediateCatchEvent(rt, node);
    case 'receiveTask':
      return runActivityWithBoundaries(rt, node, (step) => receiveTask(rt, node, step), fork);
    case 'sendTask':
      return runActivityWithBoundaries(rt, node, (step) => sendMessage(rt, node, node.send, step), fork);
    case 'eventBasedGateway':
      return eventBasedGateway(rt, node);
    case 'boundaryEvent':
      throw new CaseIncident(node.id, `Boundary event "${node.id}" cannot be reached by a sequence flow`);
  }
}

function isMultiInstance(node: IrNode): node is MultiInstanceNode {
  return node.multiInstance !== undefined && ['userTask', 'serviceTask', 'scriptTask', 'manualTask', 'subProcess', 'callActivity'].includes(node.type);
}
