// Input/output mappings (zeebe:ioMapping, camunda:inputOutput) as Camunda 8
// runs them: inputs become variables local to the activity, which it reads
// over the case's; outputs map the activity's result back into the case.
// Without outputs the result merges into the case as it is.
import { patched } from '@temporalio/workflow';
import { evaluateFeel } from '../feel';
import type { IrNode, IrVariableMapping } from '../ir';
import type { CaseRuntime } from './case-runtime';
import { CaseIncident } from './errors';

/** A multi-instance output element is evaluated after the instance's output mappings, not before. */
const MI_OUTPUT_AFTER_MAPPINGS = 'mi-output-element-after-mappings';

export interface ActivityData {
  /** What the activity reads: the case's variables, overlaid by its inputs (read when accessed). */
  readonly variables: Record<string, unknown>;
  /** The variables its input mappings created (empty without inputs). */
  readonly locals: Record<string, unknown>;
  /** Hands the activity's result to the case: through the output mappings, else merged as it is. */
  complete(source: string, result: Record<string, unknown>): void;
}

/** One instance of a multi-instance activity: its own variables (input element, loopCounter), and what to tell when it completes. */
export interface InstanceScope {
  readonly locals: Record<string, unknown>;
  /** Called with everything the instance saw and produced (for its output element). */
  completed(scope: Record<string, unknown>): void;
}

/** Evaluates the activity's input mappings (call when its step has started). */
export function activityData(rt: CaseRuntime, node: IrNode, instance?: InstanceScope): ActivityData {
  if (instance) return instanceData(rt, node, instance);
  const io = node.io;
  if (!io) {
    return {
      get variables() {
        return rt.variables;
      },
      locals: {},
      complete: (source, result) => {
        rt.assertVariablesFit(node.id, result);
        rt.mergeVariables(source, result);
      },
    };
  }
  const locals = evaluateInputs(node, rt.variables);
  return {
    get variables() {
      return { ...rt.variables, ...locals };
    },
    locals,
    complete(source, result) {
      const toCase = io.outputs.length === 0 ? result : evaluateOutputs(node, rt.variables, locals, result);
      rt.assertVariablesFit(node.id, toCase);
      rt.mergeVariables(source, toCase);
    },
  };
}

/**
 * A multi-instance activity's instance: reads the case under its own locals
 * and input mappings; its result goes to the case as usual, except the names
 * that are its own locals (Camunda 8 sets those in the instance's scope).
 */
function instanceData(rt: CaseRuntime, node: IrNode, instance: InstanceScope): ActivityData {
  const locals = { ...instance.locals, ...evaluateInputs(node, { ...rt.variables, ...instance.locals }) };
  return {
    get variables() {
      return { ...rt.variables, ...locals };
    },
    locals,
    complete(source, result) {
      const scope = { ...rt.variables, ...instance.locals };
      const toCase = node.io && node.io.outputs.length > 0 ? evaluateOutputs(node, scope, locals, result) : result;
      const shared = Object.fromEntries(Object.entries(toCase).filter(([name]) => !(name in instance.locals)));
      rt.assertVariablesFit(node.id, shared);
      rt.mergeVariables(source, shared);
      // The output element sees what the activity's output mappings set, as in Camunda 8 (`=hasil` after `=setuju -> hasil`).
      instance.completed(patched(MI_OUTPUT_AFTER_MAPPINGS) ? { ...scope, ...locals, ...result, ...toCase } : { ...scope, ...locals, ...result });
    },
  };
}

/** The activity's local variables: its inputs, in order (a later one sees the earlier ones). */
export function evaluateInputs(node: IrNode, variables: Record<string, unknown>): Record<string, unknown> {
  const locals: Record<string, unknown> = {};
  for (const mapping of node.io?.inputs ?? []) {
    setPath(locals, mapping.target, mappedValue(node, 'input', mapping, { ...variables, ...locals }));
  }
  return locals;
}

/**
 * The case variables the output mappings set, evaluated against the case, the
 * activity's locals and its result. A dotted target changes a copy of the
 * case's context of that name.
 */
export function evaluateOutputs(
  node: IrNode,
  variables: Record<string, unknown>,
  locals: Record<string, unknown>,
  result: Record<string, unknown>,
): Record<string, unknown> {
  const scope = { ...variables, ...locals, ...result };
  const changed: Record<string, unknown> = {};
  for (const mapping of node.io?.outputs ?? []) {
    const value = mappedValue(node, 'output', mapping, { ...scope, ...changed });
    const [root] = mapping.target.split('.') as [string];
    if (!(root in changed) && mapping.target.includes('.')) changed[root] = contextCopy(variables[root]);
    setPath(changed, mapping.target, value);
  }
  return changed;
}

function mappedValue(node: IrNode, direction: 'input' | 'output', mapping: IrVariableMapping, scope: Record<string, unknown>): unknown {
  if ('value' in mapping) return mapping.value;
  try {
    return toJson(evaluateFeel(mapping.source, scope));
  } catch (err) {
    throw new CaseIncident(node.id, `The ${direction} mapping to "${mapping.target}" of "${node.name}" failed: ${(err as Error).message}`);
  }
}

/** Sets `a.b.c` in `target`, making (or replacing non-object) contexts on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const names = path.split('.');
  const last = names.pop()!;
  let at = target;
  for (const name of names) {
    const next = at[name];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) at[name] = {};
    at = at[name] as Record<string, unknown>;
  }
  at[last] = value;
}

/** FEEL values as the JSON a case variable holds (dates and durations become ISO-8601 text). */
export function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

function contextCopy(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? toJson(value) : undefined;
}
