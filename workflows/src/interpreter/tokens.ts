// Moves tokens through the diagram. A token runs one node at a time; a node
// with several outgoing flows forks new tokens; a node that returns no flow
// ends its token (an end event, or a join still waiting for its siblings).
// A node that fails for a reason a person must fix stops its token at an
// incident (incidents.ts); a token that goes round without ever waiting stops
// there too, before it can run away with the worker.
import { isCancellation, patched } from '@temporalio/workflow';
import type { IrNode } from '../ir';
import { BPMN_ELEMENTS } from '../ir/elements';
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
import { runStandardLoop, type LoopNode } from './standard-loop';
import { callActivity } from './elements/call-activity';
import { BpmnErrorThrow } from './bpmn-throws';
import { stopAtIncident } from './incidents';

/** The scope a token runs in: where it ends up when it terminates, fails or throws. */
export type TokenHooks = Scope;

/** Workflow patch id: failures stop the token at an incident instead of failing the case. */
const INCIDENTS = 'incidents';

/** Times one token may pass the same node without waiting for anything (a loop with no wait state). */
export const MAX_VISITS_WITHOUT_WAIT = 200;
/** Steps one token may take without waiting for anything (a very long chain). */
export const MAX_STEPS_WITHOUT_WAIT = 10_000;

/**
 * What a token (and the tokens it forks) did since it last waited for
 * something (a person, a message, a timer, an activity): a loop that never
 * waits shows as the same node passed again and again.
 */
class RunawayGuard {
  steps = 0;
  readonly visits = new Map<string, number>();
  /** The last nodes passed, to name the loop. */
  readonly recent: string[] = [];

  /** Counts a pass of `nodeId`; returns the incident message when the token runs away. */
  pass(rt: CaseRuntime, nodeId: string): string | undefined {
    this.steps++;
    const visits = (this.visits.get(nodeId) ?? 0) + 1;
    this.visits.set(nodeId, visits);
    this.recent.push(nodeId);
    if (this.recent.length > 50) this.recent.shift();
    if (visits > MAX_VISITS_WITHOUT_WAIT) {
      const previous = this.recent.lastIndexOf(nodeId, this.recent.length - 2);
      const loop = previous >= 0 ? this.recent.slice(previous) : [nodeId, '…', nodeId];
      const names = loop.map((id) => rt.ir.nodes[id]?.name ?? id);
      return `The case went round ${loop.join(' -> ')} (${names.join(' -> ')}) ${MAX_VISITS_WITHOUT_WAIT} times without waiting for anything (no user task, message, timer or service call on the way); the diagram loops without end for these variables. Fix the variables and retry, skip, or cancel the case`;
    }
    if (this.steps > MAX_STEPS_WITHOUT_WAIT) {
      return `The case took ${MAX_STEPS_WITHOUT_WAIT} steps without waiting for anything; the diagram probably loops without end (last at ${nodeId})`;
    }
    return undefined;
  }
}

export function spawnToken(rt: CaseRuntime, nodeId: string, hooks: TokenHooks, guard = new RunawayGuard()): void {
  rt.liveTokens++;
  const token = hooks.enter();
  hooks.paths
    .run(() => runToken(rt, nodeId, hooks, token, guard))
    .catch((err) => hooks.fail(err))
    .finally(() => {
      hooks.leave(token);
      rt.liveTokens--;
    });
}

async function runToken(rt: CaseRuntime, firstNodeId: string, hooks: TokenHooks, token: number, guard: RunawayGuard): Promise<void> {
  let nodeId: string | undefined = firstNodeId;
  while (nodeId !== undefined) {
    hooks.positions.set(token, nodeId);
    const node: IrNode | undefined = rt.ir.nodes[nodeId];
    if (!node) throw new CaseIncident(nodeId, `Unknown flow node "${nodeId}"`);
    if (rt.mustYield()) await rt.yieldActivation();
    const runaway = guard.pass(rt, nodeId);
    const waits = rt.waitsEnded;
    const stepMark = rt.stepsTaken;
    let flows: string[];
    // Awaited directly: one more await per step would reorder the commands of recorded histories.
    try {
      if (runaway !== undefined) throw new CaseIncident(node.id, runaway);
      flows = await executeNode(rt, node, hooks);
    } catch (err) {
      flows = await stopOrRethrow(rt, node, hooks, err, stepMark);
    }
    // Something waited for the world (this node, or a step inside it): the token starts counting afresh.
    // (Not a mere span of activations: the step budget's own yields must not reset the count.)
    if (BPMN_ELEMENTS[node.type].waitsFor !== undefined && !isLinkCatch(node)) rt.waitsEnded++;
    if (rt.waitsEnded !== waits) guard = new RunawayGuard();
    const targets: string[] = flows.map((flowId) => rt.ir.flows[flowId]!.target);
    for (const target of targets.slice(1)) spawnToken(rt, target, hooks, guard);
    nodeId = targets[0];
  }
}

/**
 * A node failed. Cancellations, and BPMN errors something can catch, go on as
 * they are; anything else a person must fix stops the token at an incident
 * there until it is retried (the node runs again) or skipped.
 */
async function stopOrRethrow(rt: CaseRuntime, node: IrNode, hooks: TokenHooks, failure: unknown, stepMark: number): Promise<string[]> {
  let err = failure;
  for (;;) {
    if (isCancellation(err)) throw err;
    if (err instanceof BpmnErrorThrow && (hooks.catchesError(err.code) || rt.input.parentCase)) throw err;
    if (!patched(INCIDENTS)) throw err;
    const message =
      err instanceof BpmnErrorThrow
        ? `${err.message} was not caught by any error boundary event or event sub-process`
        : err instanceof Error
          ? err.message
          : String(err);
    const outcome = await stopAtIncident(rt, node, message, stepMark);
    if (outcome.action === 'skip') return outcome.flows;
    stepMark = rt.stepsTaken;
    try {
      return await executeNode(rt, node, hooks);
    } catch (again) {
      err = again;
    }
  }
}

/** Runs one node; returns the sequence flows the token leaves by. */
async function executeNode(rt: CaseRuntime, node: IrNode, hooks: TokenHooks): Promise<string[]> {
  const fork = (flowIds: string[]) => {
    for (const flowId of flowIds) spawnToken(rt, rt.ir.flows[flowId]!.target, hooks);
  };
  if (isMultiInstance(node))
    return runActivityWithBoundaries(rt, node, (_step, boundary) => runMultiInstance(rt, node, { scope: hooks, fire: boundary }), fork);
  if (isStandardLoop(node)) return runActivityWithBoundaries(rt, node, (_step, boundary) => runStandardLoop(rt, node, { scope: hooks, fire: boundary }), fork);
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

/** A link catch event waits for nothing (a loop through links with no wait state is still a runaway). */
function isLinkCatch(node: IrNode): boolean {
  return node.type === 'intermediateCatchEvent' && node.link !== undefined;
}

function isStandardLoop(node: IrNode): node is LoopNode {
  return node.loop !== undefined && BPMN_ELEMENTS[node.type].multiInstance;
}

function isMultiInstance(node: IrNode): node is MultiInstanceNode {
  return node.multiInstance !== undefined && BPMN_ELEMENTS[node.type].multiInstance;
}
