// Standard loops (bpmn:standardLoopCharacteristics): the activity runs one
// iteration after the other, each a step of its own with `loopCounter` (1, 2,
// ...) as its local variable, while the loop condition holds (BPMN), checked
// before each iteration (testBefore) or after it, and at most `maximum`
// times. The body (the activity as a whole) holds the boundary events and
// the SLA, as for a multi-instance activity.
import { evaluateFeel } from '../feel';
import type { IrNode, IrStandardLoop } from '../ir';
import type { CaseRuntime } from './case-runtime';
import { CaseIncident } from './errors';
import { runInstance, type Body, type MultiInstanceNode } from './multi-instance';

export type LoopNode = IrNode & { loop: IrStandardLoop };

/** Runs the iterations (inside the body's step); returns undefined (no single actor). */
export async function runStandardLoop(rt: CaseRuntime, node: LoopNode, body: Body): Promise<undefined> {
  const { loop } = node;
  for (let done = 0; ;) {
    if (loop.maximum !== undefined && done >= loop.maximum) break;
    if (loop.testBefore && !holds(rt, node, done)) break;
    if (rt.mustYield()) await rt.yieldActivation();
    const locals: Record<string, unknown> = { loopCounter: done + 1 };
    await runInstance(rt, node as unknown as MultiInstanceNode, { locals, completed: () => {} }, body);
    done++;
    if (!loop.testBefore && !holds(rt, node, done)) break;
  }
  return undefined;
}

/** The loop condition over the case and `loopCounter` (iterations so far); none: loop until the maximum. */
function holds(rt: CaseRuntime, node: LoopNode, done: number): boolean {
  const condition = node.loop.condition;
  if (condition === undefined) return true;
  let value: unknown;
  try {
    value = evaluateFeel(condition, { ...rt.variables, loopCounter: done });
  } catch (err) {
    throw new CaseIncident(node.id, `The loop condition "${condition}" of "${node.name}" failed: ${(err as Error).message}`);
  }
  if (typeof value !== 'boolean') {
    throw new CaseIncident(
      node.id,
      `The loop condition "${condition}" of "${node.name}" gave ${value === null || value === undefined ? 'null' : JSON.stringify(value).slice(0, 80)}, not true or false; fix the variables and retry`,
    );
  }
  return value;
}
