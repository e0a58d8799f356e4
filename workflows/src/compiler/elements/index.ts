// One flow node → its IR node, or undefined (with the reasons in `diag`).
import type { IrNode } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import type { BpmnElement } from '../model';
import { warnIgnoredExtensions } from './activity';
import { compileBoundaryEvent } from './boundary-event';
import { compileEndEvent, compileStartEvent } from './events';
import { compileExclusiveGateway, compileParallelGateway } from './gateways';
import { compileIntermediateCatchEvent } from './intermediate-catch-event';
import { compileManualTask } from './manual-task';
import { compileScriptTask } from './script-task';
import { compileServiceTask } from './service-task';
import { rejectUnsupported } from './unsupported';
import { compileUserTask } from './user-task';

type NodeCompiler = (el: BpmnElement, graph: ProcessGraph, diag: Diagnostics) => IrNode | undefined;

/** The flow node types Alur runs. Everything else (other tasks, gateways, events, sub-processes) is rejected. */
const COMPILERS: Record<string, NodeCompiler> = {
  'bpmn:StartEvent': compileStartEvent,
  'bpmn:EndEvent': compileEndEvent,
  'bpmn:UserTask': compileUserTask,
  'bpmn:ServiceTask': compileServiceTask,
  'bpmn:ManualTask': compileManualTask,
  'bpmn:ScriptTask': compileScriptTask,
  'bpmn:ExclusiveGateway': compileExclusiveGateway,
  'bpmn:ParallelGateway': compileParallelGateway,
  'bpmn:BoundaryEvent': compileBoundaryEvent,
  'bpmn:IntermediateCatchEvent': compileIntermediateCatchEvent,
};

export function compileNode(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrNode | undefined {
  const compile = COMPILERS[el.$type];
  if (!compile) return rejectUnsupported(el, diag);
  warnIgnoredExtensions(el, diag);
  return compile(el, graph, diag);
}
