// Multi-instance tasks, as Camunda 8 runs them: one instance per item of the
// input collection (or loopCardinality times), one after the other or all at
// once. Each instance sees its item (inputElement) and loopCounter (1-based)
// as its own variables and gets a step of its own; the body (the activity as a
// whole) holds the boundary events and the SLA. The completion condition is
// checked after each instance; when it holds, the instances still running are
// cancelled. The output collection goes to the case when the body completes.
// A multi-instance sub-process runs one scope per instance, with its own
// variables (local-variables.ts); a call activity, one called case per instance.
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { evaluateFeel } from '../feel';
import type { IrCallActivity, IrManualTask, IrMultiInstance, IrScriptTask, IrServiceTask, IrSubProcess, IrUserTask } from '../ir';
import type { CaseRuntime } from './case-runtime';
import { runCancellableStep, type FireBoundary } from './elements/boundary-event';
import { callActivity } from './elements/call-activity';
import { withLocalVariables } from './local-variables';
import type { Scope } from './scope';
import { manualTask } from './elements/manual-task';
import { scriptTask } from './elements/script-task';
import { serviceTask } from './elements/service-task';
import { userTask } from './elements/user-task';
import { CaseIncident } from './errors';
import { toJson, type InstanceScope } from './io-mapping';

export type MultiInstanceNode = (IrUserTask | IrServiceTask | IrScriptTask | IrManualTask | IrSubProcess | IrCallActivity) & { multiInstance: IrMultiInstance };

/** Where the body runs: the scope holding it, and how an escalation inside a sub-process instance fires the body's boundary events. */
export interface Body {
  scope: Scope;
  fire: FireBoundary;
}

/** Runs every instance (inside the body's step); returns undefined (no single actor). */
export async function runMultiInstance(rt: CaseRuntime, node: MultiInstanceNode, body: Body): Promise<undefined> {
  const mi = node.multiInstance;
  const items = instanceItems(rt, node);
  const outputs: unknown[] = items.map(() => null);
  const counts = { total: items.length, completed: 0, active: 0 };
  let done = false;

  const instance = (index: number): InstanceScope => ({
    locals: { ...ownOutputElement(node), ...(mi.inputElement ? { [mi.inputElement]: items[index] } : {}), loopCounter: index + 1 },
    completed(scope) {
      if (mi.outputElement !== undefined) outputs[index] = feel(node, 'output element', mi.outputElement, scope);
    },
  });
  const finished = (scope: Record<string, unknown>) => {
    counts.completed++;
    counts.active--;
    if (mi.completionCondition === undefined || done) return;
    const holds = feel(node, 'completion condition', mi.completionCondition, {
      ...rt.variables,
      ...scope,
      numberOfInstances: counts.total,
      numberOfCompletedInstances: counts.completed,
      numberOfActiveInstances: counts.active,
    });
    if (holds === true) done = true;
  };

  if (mi.sequential) {
    for (let i = 0; i < items.length && !done; i++) {
      if (rt.mustYield()) await rt.yieldActivation();
      const inst = instance(i);
      counts.active++;
      await runInstance(rt, node, inst, body);
      finished(inst.locals);
    }
  } else {
    const scopes = items.map(() => new CancellationScope());
    counts.active = items.length;
    let failure: unknown;
    const fail = (err: unknown) => {
      if (isCancellation(err) && (done || failure !== undefined)) return;
      if (failure === undefined) {
        failure = err;
        scopes.forEach((s) => s.cancel());
      }
    };
    const launch = (i: number) => {
      const inst = instance(i);
      return scopes[i]!.run(() => runInstance(rt, node, inst, body))
        .then(() => {
          finished(inst.locals);
          if (done) scopes.forEach((s) => s.cancel());
        })
        .catch(fail);
    };
    const running: Promise<void>[] = [];
    // Thousands of instances start over several activations (the step budget), never all in one.
    for (let i = 0; i < items.length; i++) {
      if (rt.mustYield()) {
        await rt.yieldActivation();
        if (done || failure !== undefined) break;
      }
      running.push(launch(i));
    }
    await Promise.all(running);
    if (failure !== undefined) throw failure;
  }
  if (mi.outputCollection !== undefined) {
    rt.assertVariablesFit(node.id, { [mi.outputCollection]: outputs });
    rt.mergeVariables(`multiInstance:${node.id}`, { [mi.outputCollection]: outputs });
  }
  return undefined;
}

/** The items the instances run over: the input collection's, or 1..loopCardinality. */
function instanceItems(rt: CaseRuntime, node: MultiInstanceNode): unknown[] {
  const mi = node.multiInstance;
  if (mi.inputCollection !== undefined) {
    const value = feel(node, 'input collection', mi.inputCollection, rt.variables);
    if (!Array.isArray(value)) {
      throw new CaseIncident(node.id, `The input collection "${mi.inputCollection}" of multi-instance "${node.name}" gave ${describeValue(value)}, not a list`);
    }
    return value;
  }
  const n = feel(node, 'loop cardinality', mi.loopCardinality ?? '0', rt.variables);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new CaseIncident(
      node.id,
      `The loop cardinality "${mi.loopCardinality}" of multi-instance "${node.name}" gave ${describeValue(n)}, not a whole number ≥ 0`,
    );
  }
  return Array.from({ length: n }, (_, i) => i + 1);
}

/**
 * Camunda 8 makes an output element that names a variable local to each
 * sub-process instance, so the steps inside fill their own (not the case's).
 */
function ownOutputElement(node: MultiInstanceNode): Record<string, null> {
  const output = node.multiInstance.outputElement;
  return node.type === 'subProcess' && output !== undefined && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(output) ? { [output]: null } : {};
}

/** One instance (or one iteration of a standard loop): a step of its own running the activity. */
export async function runInstance(rt: CaseRuntime, node: MultiInstanceNode, instance: InstanceScope, body: Body): Promise<void> {
  switch (node.type) {
    case 'subProcess': {
      const step = rt.startStep(node);
      const scoped = withLocalVariables(rt, instance.locals);
      await runCancellableStep(rt, step, () => body.scope.child(node, body.fire, scoped).run(node.startEventId));
      instance.completed(scoped.variables);
      rt.endStep(step, 'completed');
      return;
    }
    case 'callActivity': {
      const step = rt.startStep(node);
      await runCancellableStep(rt, step, () => callActivity(rt, node, step, body, instance));
      rt.endStep(step, 'completed');
      return;
    }
    case 'scriptTask':
      scriptTask(rt, node, instance);
      return;
    case 'manualTask':
      manualTask(rt, node, instance);
      return;
    case 'userTask':
    case 'serviceTask': {
      const step = rt.startStep(node);
      const by = await runCancellableStep(rt, step, () =>
        node.type === 'userTask' ? userTask(rt, node, step, instance) : serviceTask(rt, node, step, instance),
      );
      rt.endStep(step, 'completed', by);
    }
  }
}

function feel(node: MultiInstanceNode, what: string, expression: string, variables: Record<string, unknown>): unknown {
  try {
    return toJson(evaluateFeel(expression, variables));
  } catch (err) {
    throw new CaseIncident(node.id, `The ${what} "${expression}" of multi-instance "${node.name}" failed: ${(err as Error).message}`);
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return `${typeof value === 'object' ? 'a context' : typeof value} ${JSON.stringify(value)}`.slice(0, 120);
}
