// A variable scope of its own inside the case: one instance of a
// multi-instance sub-process. Its steps read the case's variables overlaid by
// the instance's locals (inputElement, loopCounter, ...); a variable they set
// that exists locally changes the local one, any other goes to the case (as
// Camunda 8 propagates variables to the scope that has them).
import type { CaseRuntime } from './case-runtime';

/** The case runtime as the steps inside the scope see it; everything but variables is the case's own. */
export function withLocalVariables(rt: CaseRuntime, locals: Record<string, unknown>): CaseRuntime {
  const mergeVariables = (source: string, variables: Record<string, unknown>) => {
    const toCase: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(variables)) {
      if (name in locals) locals[name] = value;
      else toCase[name] = value;
    }
    rt.mergeVariables(source, toCase);
  };
  return new Proxy(rt, {
    get(target, property) {
      if (property === 'variables') return { ...target.variables, ...locals };
      if (property === 'mergeVariables') return mergeVariables;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, property, value) {
      return Reflect.set(target, property, value, target);
    },
  });
}
