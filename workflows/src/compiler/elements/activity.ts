// Checks shared by the tasks Alur runs (user, service, manual and script tasks).
import type { Diagnostics } from '../diagnostics';
import { describe, elementProp, extensions, idOf, type BpmnElement } from '../model';
import { runsMultiInstance } from './multi-instance';

/** Reports activity features Alur does not run; true when the activity has none of them. */
export function checkActivityMarkers(el: BpmnElement, diag: Diagnostics): boolean {
  const id = idOf(el);
  const before = diag.errors.length;
  const loop = elementProp(el, 'loopCharacteristics');
  if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    if (!runsMultiInstance(el)) {
      diag.error(
        id,
        `${describe(el)} is multi-instance; multi-instance is supported only on user, service, script and manual tasks, sub-processes and call activities`,
      );
    }
  }
  // A standard loop marker is compiled (or refused) by withStandardLoop (standard-loop.ts).
  if (el.isForCompensation === true) {
    diag.error(id, `${describe(el)} is a compensation handler; compensation is not supported yet`);
  }
  const defaultFlow = elementProp(el, 'default');
  if (defaultFlow) {
    diag.error(
      id,
      `${describe(el)} marks sequence flow "${idOf(defaultFlow) ?? ''}" as its default flow; default flows are only supported on exclusive gateways`,
    );
  }
  return diag.errors.length === before;
}

const IGNORED_EXTENSIONS: [type: string, what: string][] = [
  ['zeebe:ExecutionListeners', 'execution listeners (zeebe:executionListeners)'],
  ['zeebe:TaskListeners', 'task listeners (zeebe:taskListeners)'],
];

/** Camunda 8 settings with runtime meaning that Alur does not run: said out loud, not silently dropped. */
export function warnIgnoredExtensions(el: BpmnElement, diag: Diagnostics): void {
  for (const [type, what] of IGNORED_EXTENSIONS) {
    if (extensions(el, type).length > 0) diag.warn(idOf(el), `${describe(el)} has ${what}, which Alur ignores`);
  }
}
