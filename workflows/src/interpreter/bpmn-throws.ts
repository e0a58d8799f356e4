// BPMN errors and escalations: what a throw event raises and which catch
// event (boundary event or event sub-process start) takes it.
import type { IrCatchCode, IrNode } from '../ir';

/** An error thrown by an error end event or a service task's job, travelling outwards through the scopes until something catches it. */
export class BpmnErrorThrow extends Error {
  constructor(
    readonly code: string,
    readonly thrownBy: IrNode,
    detail?: string,
  ) {
    super(`Error "${code}" thrown by ${THROWER[thrownBy.type] ?? 'element'} "${thrownBy.name}" (${thrownBy.id})${detail ? ` ("${detail}")` : ''}`);
    this.name = 'BpmnErrorThrow';
  }
}

const THROWER: Partial<Record<IrNode['type'], string>> = { endEvent: 'end event', serviceTask: 'service task' };

type Catcher = IrNode & { error?: IrCatchCode; escalation?: IrCatchCode };

/**
 * The catcher for `code` among `candidates`, as the standard orders them: one
 * naming the code wins over a catch-all; in document order otherwise.
 */
export function catcherOf<T extends Catcher>(candidates: readonly T[], kind: 'error' | 'escalation', code: string): T | undefined {
  const of = candidates.filter((c) => c[kind] !== undefined);
  return of.find((c) => c[kind]!.code === code) ?? of.find((c) => c[kind]!.code === undefined);
}
