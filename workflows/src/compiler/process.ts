// Finds the one process a diagram must hold.
import type { Diagnostics } from './diagnostics';
import { describe, displayName, elementProp, elementsProp, idOf, normalizeName, stringProp, type BpmnElement } from './model';

export interface SelectedProcess {
  process: BpmnElement;
  /** Process id: the SOP's key. */
  key: string;
  /** Process name, else the name of the pool showing it, else the process id. */
  name: string;
}

/**
 * The single executable bpmn:Process that has flow elements. Processes marked
 * isExecutable="false" are documentation (other parties' pools, as Camunda
 * reads them); so are empty ones (black-box pools). A process that does not say
 * counts as executable.
 */
export function selectProcess(definitions: BpmnElement, diag: Diagnostics): SelectedProcess | undefined {
  const rootElements = elementsProp(definitions, 'rootElements');
  const processes = rootElements.filter((e) => e.$type === 'bpmn:Process');
  const withElements = processes.filter((p) => elementsProp(p, 'flowElements').length > 0);
  if (withElements.length === 0) {
    diag.error(processes[0] && idOf(processes[0]), 'The diagram has no process with any steps; draw at least a start event, a task and an end event');
    return undefined;
  }
  const executable = withElements.filter((p) => p.isExecutable !== false);
  if (executable.length === 0) {
    for (const p of withElements) {
      diag.error(
        idOf(p),
        `${describe(p)} is marked not executable (isExecutable=false); set it executable to deploy${withElements.length > 1 ? ' (exactly one process of the diagram)' : ''}`,
      );
    }
    return undefined;
  }
  if (executable.length > 1) {
    const names = executable.map((p) => `"${displayName(p)}"`).join(', ');
    for (const p of executable) {
      diag.error(
        idOf(p),
        `${describe(p)} is one of ${executable.length} executable processes with steps (${names}); an SOP must be exactly one process, so mark the others not executable (isExecutable=false) if they only document other parties`,
      );
    }
    return undefined;
  }
  const process = executable[0]!;
  const key = idOf(process);
  if (!key) {
    diag.error(undefined, 'The process has no id');
    return undefined;
  }

  const collaborations = rootElements.filter((e) => e.$type === 'bpmn:Collaboration');
  const participant = collaborations.flatMap((c) => elementsProp(c, 'participants')).find((p) => elementProp(p, 'processRef') === process);
  for (const messageFlow of collaborations.flatMap((c) => elementsProp(c, 'messageFlows'))) {
    diag.warn(
      idOf(messageFlow),
      `${describe(messageFlow)} is documentation only; messages reach a case through the API (POST /api/messages) and leave it through a send task or message throw event`,
    );
  }

  const name = normalizeName(stringProp(process, 'name')) || normalizeName(participant && stringProp(participant, 'name')) || key;
  return { process, key, name };
}
